/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.flows;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.planner.Attachment;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.Group;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.Member;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.planner.MobilityIntent;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.planner.PuntMeter;
import org.opendaylight.vmmobility.impl.planner.Subnet;
import org.opendaylight.vmmobility.impl.planner.TranslationPlanner;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetField;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.InstructionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteMetadataCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteMetadataCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.apply.actions._case.ApplyActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.go.to.table._case.GoToTableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.meter._case.MeterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.write.metadata._case.WriteMetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.EtherType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpSourceHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpTargetHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetSourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetTypeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.Icmpv6MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.IpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.MetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv6MatchBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * {@link FlowConverter} against OpenFlow 1.3 flows written out by hand, one (or two) per flow kind the planner emits.
 *
 * <p>The planned flows are literal copies of what the planner emits for switch openflow:1 with web 10.0.1.1
 * (02:00:00:00:00:01, port 1) and db, home 10.0.1.3, migrated to 10.0.2.3 in subnet 10.0.2.0/24; the gateway of
 * 10.0.1.0/24 is 02:00:00:00:01:fe. The pipeline: base table 10, next table 20 (and table 0 / output NORMAL for the
 * variants). Metadata: class 0x090855 in bits 40-63, tag 0x1cb081 in bits 16-39. The expected flows are built
 * from literal values only (never with the converter): table, priority, cookie, match fields, and the instructions
 * in OpenFlow 1.3 order (apply-actions, write-metadata, goto-table), each set-field action setting one field.
 */
public class FlowConverterTest {
    private static final String NODE = "openflow:1";
    private static final Ipv4 WEB = Ipv4.parse("10.0.1.1");
    private static final Ipv4 DB_HOME = Ipv4.parse("10.0.1.3");
    private static final Ipv4 DB_NOW = Ipv4.parse("10.0.2.3");
    private static final Mac WEB_MAC = Mac.parse("02:00:00:00:00:01");
    private static final Mac GATEWAY_MAC = Mac.parse("02:00:00:00:01:fe");
    private static final Mac DB_MAC = Mac.parse("02:00:00:00:00:03");
    /** Class and tag of web: 0x0908551cb0810000 under 0xffffffffffff0000. */
    private static final long CLASS_AND_TAG = 0x0908_551c_b081_0000L;
    private static final long CLASS_AND_TAG_MASK = 0xffff_ffff_ffff_0000L;
    /** Class alone: 0x0908550000000000 under 0xffffff0000000000. */
    private static final long CLASS = 0x0908_5500_0000_0000L;
    private static final long CLASS_MASK = 0xffff_ff00_0000_0000L;
    /** Tag alone: 0x1cb0810000 under 0xffffff0000. */
    private static final long TAG = 0x1c_b081_0000L;
    private static final long TAG_MASK = 0xff_ffff_0000L;

    // ------------------------------------------------------------------ the shared pipeline, tables 10 to 14

    @Test
    public void classifyIpv4FromLocalMember() {
        final var planned = planned("vmm-classify-ip-web-9c3c5131", "vmm classify IPv4 from web", 10, 1000,
            0x564d_10d3_5279_98c6L, FlowKind.CLASSIFY_IP,
            FlowMatch.builder().inPort(1).ipv4().ipv4Src(WEB).build(),
            new FlowAction.WriteMetadata(CLASS_AND_TAG, CLASS_AND_TAG_MASK), new FlowAction.GotoTable((short) 11));
        // in_port=1,ip,nw_src=10.0.1.1 actions=write_metadata:0x908551cb0810000/0xffffffffffff0000,goto_table:11
        assertEquals(flow("vmm-classify-ip-web-9c3c5131", "vmm classify IPv4 from web", 10, 1000,
            0x564d_10d3_5279_98c6L,
            new MatchBuilder()
                .setInPort(new NodeConnectorId("openflow:1:1"))
                .setEthernetMatch(ethType(2048))
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Source(new Ipv4Prefix("10.0.1.1/32")).build())
                .build(),
            writeMetadata(0, "650863727863726080", "18446744073709486080"),
            gotoTable(1, 11)), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void classifyArpRequestFromLocalMember() {
        final var planned = planned("vmm-classify-arp-web-0c12fdfe", "vmm classify ARP requests from web", 10, 1000,
            0x564d_2075_6726_acefL, FlowKind.CLASSIFY_ARP,
            FlowMatch.builder().inPort(1).arp().arpOp(1).arpSpa(WEB).build(),
            new FlowAction.WriteMetadata(CLASS_AND_TAG, CLASS_AND_TAG_MASK), new FlowAction.GotoTable((short) 11));
        // in_port=1,arp,arp_op=1,arp_spa=10.0.1.1 actions=write_metadata:...,goto_table:11
        assertEquals(flow("vmm-classify-arp-web-0c12fdfe", "vmm classify ARP requests from web", 10, 1000,
            0x564d_2075_6726_acefL,
            new MatchBuilder()
                .setInPort(new NodeConnectorId("openflow:1:1"))
                .setEthernetMatch(ethType(2054))
                .setLayer3Match(new ArpMatchBuilder()
                    .setArpOp(Uint16.valueOf(1))
                    .setArpSourceTransportAddress(new Ipv4Prefix("10.0.1.1/32"))
                    .build())
                .build(),
            writeMetadata(0, "650863727863726080", "18446744073709486080"),
            gotoTable(1, 11)), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void translateToCurrentAddress() {
        final var planned = planned("vmm-xlate-to-db-79dab9e6", "vmm translate to db", 11, 1000,
            0x564d_3593_bbeb_a8d9L, FlowKind.TRANSLATE_TO_CURRENT,
            FlowMatch.builder().ipv4().ipv4Dst(DB_HOME).metadata(CLASS, CLASS_MASK).build(),
            new FlowAction.SetIpv4Dst(DB_NOW), new FlowAction.SetEthDst(GATEWAY_MAC),
            new FlowAction.GotoTable((short) 12));
        // ip,metadata=0x908550000000000/0xffffff0000000000,nw_dst=10.0.1.3
        //   actions=set_field:10.0.2.3->ip_dst,set_field:02:00:00:00:01:fe->eth_dst,goto_table:12
        assertEquals(flow("vmm-xlate-to-db-79dab9e6", "vmm translate to db", 11, 1000, 0x564d_3593_bbeb_a8d9L,
            new MatchBuilder()
                .setEthernetMatch(ethType(2048))
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(new Ipv4Prefix("10.0.1.3/32")).build())
                .setMetadata(new MetadataBuilder()
                    .setMetadata(Uint64.valueOf("650863604643397632"))
                    .setMetadataMask(Uint64.valueOf("18446742974197923840"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
                    .setIpv4Destination(new Ipv4Prefix("10.0.2.3/32")).build()).build()),
                setField(1, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetDestination(new EthernetDestinationBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build())),
            gotoTable(1, 12)), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void arpRequestForHomeAddressTurnedIntoReply() {
        final var planned = planned("vmm-arp-reply-db-94f4a292", "vmm answer ARP for db", 11, 1000,
            0x564d_442a_9be9_5be5L, FlowKind.ARP_RESPOND,
            FlowMatch.builder().arp().arpOp(1).arpTpa(DB_HOME).metadata(CLASS, CLASS_MASK).build(),
            new FlowAction.SetEthSrc(GATEWAY_MAC), new FlowAction.SetArpOp(2), new FlowAction.SetArpSha(GATEWAY_MAC),
            new FlowAction.SetArpSpa(DB_HOME), new FlowAction.GotoTable((short) 14));
        // arp,metadata=0x908550000000000/0xffffff0000000000,arp_op=1,arp_tpa=10.0.1.3
        //   actions=set_field:02:00:00:00:01:fe->eth_src,set_field:2->arp_op,set_field:02:00:00:00:01:fe->arp_sha,
        //   set_field:10.0.1.3->arp_spa,goto_table:14
        assertEquals(flow("vmm-arp-reply-db-94f4a292", "vmm answer ARP for db", 11, 1000, 0x564d_442a_9be9_5be5L,
            new MatchBuilder()
                .setEthernetMatch(ethType(2054))
                .setLayer3Match(new ArpMatchBuilder()
                    .setArpOp(Uint16.valueOf(1))
                    .setArpTargetTransportAddress(new Ipv4Prefix("10.0.1.3/32"))
                    .build())
                .setMetadata(new MetadataBuilder()
                    .setMetadata(Uint64.valueOf("650863604643397632"))
                    .setMetadataMask(Uint64.valueOf("18446742974197923840"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetSource(new EthernetSourceBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build()),
                setField(1, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpOp(Uint16.valueOf(2)).build()).build()),
                setField(2, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpSourceHardwareAddress(new ArpSourceHardwareAddressBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build()),
                setField(3, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpSourceTransportAddress(new Ipv4Prefix("10.0.1.3/32")).build()).build())),
            gotoTable(1, 14)), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void classifyDestinationLocalMember() {
        final var planned = planned("vmm-classify-dst-web-c5f05674", "vmm classify IPv4 to web", 12, 1000,
            0x564d_54e8_8c42_538dL, FlowKind.CLASSIFY_DESTINATION,
            FlowMatch.builder().ipv4().ipv4Dst(WEB).build(),
            new FlowAction.WriteMetadata(CLASS, CLASS_MASK), new FlowAction.GotoTable((short) 13));
        // ip,nw_dst=10.0.1.1 actions=write_metadata:0x908550000000000/0xffffff0000000000,goto_table:13
        assertEquals(flow("vmm-classify-dst-web-c5f05674", "vmm classify IPv4 to web", 12, 1000,
            0x564d_54e8_8c42_538dL,
            new MatchBuilder()
                .setEthernetMatch(ethType(2048))
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(new Ipv4Prefix("10.0.1.1/32")).build())
                .build(),
            writeMetadata(0, "650863604643397632", "18446742974197923840"),
            gotoTable(1, 13)), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void translateFromCurrentAddressThenNextTable() {
        final var planned = planned("vmm-xlate-from-db-4c5617fc", "vmm translate from db", 13, 1000,
            0x564d_6486_a3da_3bd0L, FlowKind.TRANSLATE_FROM_CURRENT,
            FlowMatch.builder().ipv4().ipv4Src(DB_NOW).metadata(CLASS, CLASS_MASK).build(),
            new FlowAction.SetIpv4Src(DB_HOME), new FlowAction.GotoTable((short) 20));
        // ip,metadata=0x908550000000000/0xffffff0000000000,nw_src=10.0.2.3
        //   actions=set_field:10.0.1.3->ip_src,goto_table:20
        assertEquals(flow("vmm-xlate-from-db-4c5617fc", "vmm translate from db", 13, 1000, 0x564d_6486_a3da_3bd0L,
            new MatchBuilder()
                .setEthernetMatch(ethType(2048))
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Source(new Ipv4Prefix("10.0.2.3/32")).build())
                .setMetadata(new MetadataBuilder()
                    .setMetadata(Uint64.valueOf("650863604643397632"))
                    .setMetadataMask(Uint64.valueOf("18446742974197923840"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
                    .setIpv4Source(new Ipv4Prefix("10.0.1.3/32")).build()).build())),
            gotoTable(1, 20)), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void translateFromCurrentAddressThenOutputNormal() {
        final var planned = planned("vmm-xlate-from-db-61b307df", "vmm translate from db", 3, 1000,
            0x564d_646a_ebb1_2389L, FlowKind.TRANSLATE_FROM_CURRENT,
            FlowMatch.builder().ipv4().ipv4Src(DB_NOW).metadata(CLASS, CLASS_MASK).build(),
            new FlowAction.SetIpv4Src(DB_HOME), new FlowAction.OutputNormal());
        // table=3 ... actions=set_field:10.0.1.3->ip_src,NORMAL
        assertEquals(flow("vmm-xlate-from-db-61b307df", "vmm translate from db", 3, 1000, 0x564d_646a_ebb1_2389L,
            new MatchBuilder()
                .setEthernetMatch(ethType(2048))
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Source(new Ipv4Prefix("10.0.2.3/32")).build())
                .setMetadata(new MetadataBuilder()
                    .setMetadata(Uint64.valueOf("650863604643397632"))
                    .setMetadataMask(Uint64.valueOf("18446742974197923840"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
                    .setIpv4Source(new Ipv4Prefix("10.0.1.3/32")).build()).build()),
                output(1, "NORMAL"))), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void arpReplyAddressedToTheAskingMember() {
        final var planned = planned("vmm-arp-finish-web-1bd05389", "vmm finish ARP replies to web", 14, 1000,
            0x564d_7859_77fd_b0fcL, FlowKind.ARP_FINISH,
            FlowMatch.builder().arp().metadata(TAG, TAG_MASK).build(),
            new FlowAction.SetEthDst(WEB_MAC), new FlowAction.SetArpTha(WEB_MAC), new FlowAction.SetArpTpa(WEB),
            new FlowAction.OutputInPort());
        // arp,metadata=0x1cb0810000/0xffffff0000 actions=set_field:02:00:00:00:00:01->eth_dst,
        //   set_field:02:00:00:00:00:01->arp_tha,set_field:10.0.1.1->arp_tpa,IN_PORT
        assertEquals(flow("vmm-arp-finish-web-1bd05389", "vmm finish ARP replies to web", 14, 1000,
            0x564d_7859_77fd_b0fcL,
            new MatchBuilder()
                .setEthernetMatch(ethType(2054))
                .setMetadata(new MetadataBuilder()
                    .setMetadata(Uint64.valueOf("123220328448"))
                    .setMetadataMask(Uint64.valueOf("1099511562240"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetDestination(new EthernetDestinationBuilder()
                        .setAddress(new MacAddress("02:00:00:00:00:01")).build())
                    .build()).build()),
                setField(1, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpTargetHardwareAddress(new ArpTargetHardwareAddressBuilder()
                        .setAddress(new MacAddress("02:00:00:00:00:01")).build())
                    .build()).build()),
                setField(2, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpTargetTransportAddress(new Ipv4Prefix("10.0.1.1/32")).build()).build()),
                output(3, "IN_PORT"))), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void tableMissGoesToTranslationOutputTable() {
        final var planned = planned("vmm-miss-t10-fc87e2a6", "vmm table 10 miss: goto 12", 10, 0,
            0x564d_852e_e636_3b6dL, FlowKind.TABLE_MISS, FlowMatch.ANY, new FlowAction.GotoTable((short) 12));
        // table=10,priority=0 actions=goto_table:12
        assertEquals(flow("vmm-miss-t10-fc87e2a6", "vmm table 10 miss: goto 12", 10, 0, 0x564d_852e_e636_3b6dL,
            new MatchBuilder().build(),
            gotoTable(0, 12)), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void tableMissOutputNormal() {
        final var planned = planned("vmm-miss-t2-a3187424", "vmm table 2 miss: output NORMAL", 2, 0,
            0x564d_8438_6533_4943L, FlowKind.TABLE_MISS, FlowMatch.ANY, new FlowAction.OutputNormal());
        // table=2,priority=0 actions=NORMAL
        assertEquals(flow("vmm-miss-t2-a3187424", "vmm table 2 miss: output NORMAL", 2, 0, 0x564d_8438_6533_4943L,
            new MatchBuilder().build(),
            applyActions(0, output(0, "NORMAL"))), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void tableZeroGoesToBaseTable() {
        final var planned = planned("vmm-goto-base-4e56c4d4", "vmm table 0 miss: goto 10", 0, 0,
            0x564d_9382_ef38_7fccL, FlowKind.GOTO_BASE, FlowMatch.ANY, new FlowAction.GotoTable((short) 10));
        // table=0,priority=0 actions=goto_table:10
        assertEquals(flow("vmm-goto-base-4e56c4d4", "vmm table 0 miss: goto 10", 0, 0, 0x564d_9382_ef38_7fccL,
            new MatchBuilder().build(),
            gotoTable(0, 10)), FlowConverter.toFlow(NODE, planned));
    }

    // ------------------------------------------------------------------ per-pair translation, table 0

    @Test
    public void pairTranslateToCurrentAddress() {
        final var planned = planned("vmm-pair-to-db-e754c344", "vmm translate to db for web", 0, 1000,
            0x564d_ac53_4de6_6d9dL, FlowKind.PAIR_TO_CURRENT,
            FlowMatch.builder().inPort(1).ipv4().ipv4Src(WEB).ipv4Dst(DB_HOME).build(),
            new FlowAction.SetIpv4Dst(DB_NOW), new FlowAction.SetEthDst(GATEWAY_MAC), new FlowAction.OutputNormal());
        // in_port=1,ip,nw_src=10.0.1.1,nw_dst=10.0.1.3
        //   actions=set_field:10.0.2.3->ip_dst,set_field:02:00:00:00:01:fe->eth_dst,NORMAL
        assertEquals(flow("vmm-pair-to-db-e754c344", "vmm translate to db for web", 0, 1000, 0x564d_ac53_4de6_6d9dL,
            new MatchBuilder()
                .setInPort(new NodeConnectorId("openflow:1:1"))
                .setEthernetMatch(ethType(2048))
                .setLayer3Match(new Ipv4MatchBuilder()
                    .setIpv4Source(new Ipv4Prefix("10.0.1.1/32"))
                    .setIpv4Destination(new Ipv4Prefix("10.0.1.3/32"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
                    .setIpv4Destination(new Ipv4Prefix("10.0.2.3/32")).build()).build()),
                setField(1, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetDestination(new EthernetDestinationBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build()),
                output(2, "NORMAL"))), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void pairTranslateFromCurrentAddress() {
        final var planned = planned("vmm-pair-from-db-b0f78793", "vmm translate from db for web", 0, 1000,
            0x564d_bbd0_0a53_925fL, FlowKind.PAIR_FROM_CURRENT,
            FlowMatch.builder().ipv4().ipv4Src(DB_NOW).ipv4Dst(WEB).build(),
            new FlowAction.SetIpv4Src(DB_HOME), new FlowAction.OutputNormal());
        // ip,nw_src=10.0.2.3,nw_dst=10.0.1.1 actions=set_field:10.0.1.3->ip_src,NORMAL
        assertEquals(flow("vmm-pair-from-db-b0f78793", "vmm translate from db for web", 0, 1000,
            0x564d_bbd0_0a53_925fL,
            new MatchBuilder()
                .setEthernetMatch(ethType(2048))
                .setLayer3Match(new Ipv4MatchBuilder()
                    .setIpv4Source(new Ipv4Prefix("10.0.2.3/32"))
                    .setIpv4Destination(new Ipv4Prefix("10.0.1.1/32"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
                    .setIpv4Source(new Ipv4Prefix("10.0.1.3/32")).build()).build()),
                output(1, "NORMAL"))), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void pairArpReplyAnsweredOnTheSwitch() {
        final var planned = planned("vmm-pair-arp-db-f6e59268", "vmm answer ARP for db for web", 0, 1000,
            0x564d_c4f7_c927_beb7L, FlowKind.PAIR_ARP_REPLY,
            FlowMatch.builder().inPort(1).arp().arpOp(1).arpSpa(WEB).arpTpa(DB_HOME).build(),
            new FlowAction.SetEthDst(WEB_MAC), new FlowAction.SetEthSrc(GATEWAY_MAC), new FlowAction.SetArpOp(2),
            new FlowAction.SetArpSha(GATEWAY_MAC), new FlowAction.SetArpSpa(DB_HOME), new FlowAction.SetArpTha(WEB_MAC),
            new FlowAction.SetArpTpa(WEB), new FlowAction.OutputInPort());
        // in_port=1,arp,arp_op=1,arp_spa=10.0.1.1,arp_tpa=10.0.1.3 actions=set_field:02:00:00:00:00:01->eth_dst,
        //   set_field:02:00:00:00:01:fe->eth_src,set_field:2->arp_op,set_field:02:00:00:00:01:fe->arp_sha,
        //   set_field:10.0.1.3->arp_spa,set_field:02:00:00:00:00:01->arp_tha,set_field:10.0.1.1->arp_tpa,IN_PORT
        assertEquals(flow("vmm-pair-arp-db-f6e59268", "vmm answer ARP for db for web", 0, 1000, 0x564d_c4f7_c927_beb7L,
            new MatchBuilder()
                .setInPort(new NodeConnectorId("openflow:1:1"))
                .setEthernetMatch(ethType(2054))
                .setLayer3Match(new ArpMatchBuilder()
                    .setArpOp(Uint16.valueOf(1))
                    .setArpSourceTransportAddress(new Ipv4Prefix("10.0.1.1/32"))
                    .setArpTargetTransportAddress(new Ipv4Prefix("10.0.1.3/32"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetDestination(new EthernetDestinationBuilder()
                        .setAddress(new MacAddress("02:00:00:00:00:01")).build())
                    .build()).build()),
                setField(1, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetSource(new EthernetSourceBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build()),
                setField(2, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpOp(Uint16.valueOf(2)).build()).build()),
                setField(3, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpSourceHardwareAddress(new ArpSourceHardwareAddressBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build()),
                setField(4, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpSourceTransportAddress(new Ipv4Prefix("10.0.1.3/32")).build()).build()),
                setField(5, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpTargetHardwareAddress(new ArpTargetHardwareAddressBuilder()
                        .setAddress(new MacAddress("02:00:00:00:00:01")).build())
                    .build()).build()),
                setField(6, new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpTargetTransportAddress(new Ipv4Prefix("10.0.1.1/32")).build()).build()),
                output(7, "IN_PORT"))), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void pairTranslateToCurrentIpv6Address() {
        final Ipv6 web6 = Ipv6.parse("2001:db8:1::1");
        final var planned = planned("vmm-pair-to-db-0a0b0c0d", "vmm translate to db for web", 0, 1000,
            0x564d_a000_0000_0001L, FlowKind.PAIR_TO_CURRENT,
            FlowMatch.builder().inPort(1).ipSrc(web6).ipDst(Ipv6.parse("2001:db8:1::3")).build(),
            new FlowAction.SetIpv6Dst(Ipv6.parse("2001:db8:2::3")), new FlowAction.SetEthDst(GATEWAY_MAC),
            new FlowAction.OutputNormal());
        // in_port=1,ipv6,ipv6_src=2001:db8:1::1,ipv6_dst=2001:db8:1::3
        //   actions=set_field:2001:db8:2::3->ipv6_dst,set_field:02:00:00:00:01:fe->eth_dst,NORMAL
        assertEquals(flow("vmm-pair-to-db-0a0b0c0d", "vmm translate to db for web", 0, 1000, 0x564d_a000_0000_0001L,
            new MatchBuilder()
                .setInPort(new NodeConnectorId("openflow:1:1"))
                .setEthernetMatch(ethType(0x86dd))
                .setLayer3Match(new Ipv6MatchBuilder()
                    .setIpv6Source(new Ipv6Prefix("2001:db8:1::1/128"))
                    .setIpv6Destination(new Ipv6Prefix("2001:db8:1::3/128"))
                    .build())
                .build(),
            applyActions(0,
                setField(0, new SetFieldBuilder().setLayer3Match(new Ipv6MatchBuilder()
                    .setIpv6Destination(new Ipv6Prefix("2001:db8:2::3/128")).build()).build()),
                setField(1, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetDestination(new EthernetDestinationBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build()),
                output(2, "NORMAL"))), FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void neighborSolicitationSentToTheControllerWhole() {
        final var planned = planned("vmm-nd-punt-db-0e0f1011", "vmm answer ND for db for web", 0, 1001,
            0x564d_d000_0000_0002L, FlowKind.ND_PUNT,
            FlowMatch.builder().inPort(1).neighborSolicitation(Ipv6.parse("2001:db8:1::3"))
                .ipv6Src(Ipv6.parse("2001:db8:1::1")).build(),
            new FlowAction.Meter(PuntMeter.ID), new FlowAction.SetEthSrc(GATEWAY_MAC),
            new FlowAction.SetEthDst(WEB_MAC), new FlowAction.OutputController());
        // in_port=1,icmp6,ipv6_src=2001:db8:1::1,icmpv6_type=135,icmpv6_code=0,nd_target=2001:db8:1::3
        //   actions=meter:22093,set_field:02:00:00:00:01:fe->eth_src,set_field:02:00:00:00:00:01->eth_dst,
        //   CONTROLLER:65535 (the meter instruction first, as OpenFlow 1.3 runs it)
        assertEquals(flow("vmm-nd-punt-db-0e0f1011", "vmm answer ND for db for web", 0, 1001, 0x564d_d000_0000_0002L,
            new MatchBuilder()
                .setInPort(new NodeConnectorId("openflow:1:1"))
                .setEthernetMatch(ethType(0x86dd))
                .setLayer3Match(new Ipv6MatchBuilder()
                    .setIpv6Source(new Ipv6Prefix("2001:db8:1::1/128"))
                    .setIpv6NdTarget(new Ipv6Address("2001:db8:1::3"))
                    .build())
                .setIpMatch(new IpMatchBuilder().setIpProtocol(Uint8.valueOf(58)).build())
                .setIcmpv6Match(new Icmpv6MatchBuilder().setIcmpv6Type(Uint8.valueOf(135))
                    .setIcmpv6Code(Uint8.valueOf(0)).build())
                .build(),
            new InstructionBuilder().setOrder(0).setInstruction(new MeterCaseBuilder().setMeter(new MeterBuilder()
                .setMeterId(new MeterId(Uint32.valueOf(0x564d))).build()).build()).build(),
            applyActions(1,
                setField(0, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetSource(new EthernetSourceBuilder()
                        .setAddress(new MacAddress("02:00:00:00:01:fe")).build())
                    .build()).build()),
                setField(1, new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetDestination(new EthernetDestinationBuilder()
                        .setAddress(new MacAddress("02:00:00:00:00:01")).build())
                    .build()).build()),
                new ActionBuilder().setOrder(2).setAction(new OutputActionCaseBuilder()
                    .setOutputAction(new OutputActionBuilder().setOutputNodeConnector(new Uri("CONTROLLER"))
                        .setMaxLength(Uint16.MAX_VALUE).build()).build()).build())),
            FlowConverter.toFlow(NODE, planned));
    }

    @Test
    public void announcementCopiedToTheControllerAndForwarded() {
        final var planned = planned("vmm-announce-db-0a0b0c0d", "vmm announcements of db in 10.0.2.0/24", 0, 1001,
            0x564d_e000_0000_0003L, FlowKind.ANNOUNCE_PUNT,
            FlowMatch.builder().inPort(5).ethSrc(DB_MAC).arp().arpSpaIn(org.opendaylight.vmmobility.impl.planner
                .Ipv4Prefix.parse("10.0.2.0/24")).build(),
            new FlowAction.Meter(PuntMeter.ID), new FlowAction.OutputController(), new FlowAction.OutputNormal());
        // in_port=5,arp,dl_src=02:00:00:00:00:03,arp_spa=10.0.2.0/24 actions=meter:22093,CONTROLLER:65535,NORMAL
        assertEquals(flow("vmm-announce-db-0a0b0c0d", "vmm announcements of db in 10.0.2.0/24", 0, 1001,
            0x564d_e000_0000_0003L,
            new MatchBuilder()
                .setInPort(new NodeConnectorId("openflow:1:5"))
                .setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetSource(new EthernetSourceBuilder().setAddress(new MacAddress("02:00:00:00:00:03"))
                        .build())
                    .setEthernetType(new EthernetTypeBuilder().setType(new EtherType(Uint32.valueOf(0x0806)))
                        .build())
                    .build())
                .setLayer3Match(new ArpMatchBuilder().setArpSourceTransportAddress(new Ipv4Prefix("10.0.2.0/24"))
                    .build())
                .build(),
            new InstructionBuilder().setOrder(0).setInstruction(new MeterCaseBuilder().setMeter(new MeterBuilder()
                .setMeterId(new MeterId(Uint32.valueOf(0x564d))).build()).build()).build(),
            applyActions(1,
                new ActionBuilder().setOrder(0).setAction(new OutputActionCaseBuilder()
                    .setOutputAction(new OutputActionBuilder().setOutputNodeConnector(new Uri("CONTROLLER"))
                        .setMaxLength(Uint16.MAX_VALUE).build()).build()).build(),
                output(1, "NORMAL"))),
            FlowConverter.toFlow(NODE, planned));
    }

    // ------------------------------------------------------------------ what the planner emits

    /**
     * Every kind the planner emits (both layouts, a base table above 0 with default forwarding, a next table and
     * output NORMAL) is one of the kinds written out above, and every flow it emits converts to instructions in
     * OpenFlow 1.3 order with consecutive orders, its own table, priority, cookie and an in_port on its switch.
     */
    @Test
    public void everyPlannedKindIsWrittenOutAboveAndConvertsInOpenFlowOrder() {
        final var gatewayA = new Subnet(org.opendaylight.vmmobility.impl.planner.Ipv4Prefix.parse("10.0.1.0/24"),
            Ipv4.parse("10.0.1.254"), GATEWAY_MAC);
        final var gatewayB = new Subnet(org.opendaylight.vmmobility.impl.planner.Ipv4Prefix.parse("10.0.2.0/24"),
            Ipv4.parse("10.0.2.254"), Mac.parse("02:00:00:00:02:fe"));
        // dual stack: web shares db's home IPv6 subnet (Neighbor Discovery), app is in another one
        final var gatewayA6 = new Subnet(org.opendaylight.vmmobility.impl.planner.Ipv6Prefix
            .parse("2001:db8:1::/64"), Ipv6.parse("2001:db8:1::fe"),
            GATEWAY_MAC);
        final var gatewayB6 = new Subnet(org.opendaylight.vmmobility.impl.planner.Ipv6Prefix
            .parse("2001:db8:2::/64"), Ipv6.parse("2001:db8:2::fe"),
            Mac.parse("02:00:00:00:02:fe"));
        final var web = new Member("web", Optional.of(WEB), Optional.of(Ipv6.parse("2001:db8:1::1")), WEB_MAC,
            Optional.of(new Attachment(NODE, 1)), Optional.empty());
        final var db = new Member("db", Optional.of(DB_HOME), Optional.of(Ipv6.parse("2001:db8:1::3")),
            Mac.parse("02:00:00:00:00:03"), Optional.of(new Attachment(NODE, 3)), Optional.empty());
        final var moved = new Migration("db", Optional.of(DB_NOW), Optional.of(Ipv6.parse("2001:db8:2::3")),
            Optional.empty(), Optional.of(new Attachment("openflow:2", 1)), new java.util.TreeSet<>());
        final Set<FlowKind> emitted = EnumSet.noneOf(FlowKind.class);
        final List<String> problems = new ArrayList<>();
        for (var config : List.of(new PipelineConfig((short) 10, 1000, 20, true, FlowLayout.SHARED),
                PipelineConfig.DEFAULT.withLayout(FlowLayout.SHARED),
                PipelineConfig.DEFAULT.withLayout(FlowLayout.PER_PAIR))) {
            final var plan = TranslationPlanner.plan(MobilityIntent.of(List.of(gatewayA, gatewayB, gatewayA6,
                gatewayB6),
                List.of(Group.of("shop", List.of(web, db))), List.of(moved), config, List.of(NODE, "openflow:2")));
            plan.flowsBySwitch().forEach((node, flows) -> flows.values().forEach(planned -> {
                emitted.add(planned.kind());
                final Flow flow = FlowConverter.toFlow(node, planned);
                if (flow.getTableId().intValue() != planned.table() || flow.getPriority().intValue()
                        != planned.priority() || flow.getCookie().getValue().longValue() != planned.cookie()
                        || !planned.flowId().equals(flow.getId().getValue())) {
                    problems.add("table, priority, cookie or id not kept: " + planned + " -> " + flow);
                }
                final var inPort = flow.getMatch().getInPort();
                if (inPort != null && !inPort.getValue().startsWith(node + ":")) {
                    problems.add("in_port on another switch: " + flow);
                }
                int rank = -2;
                final var instructions = new ArrayList<>(flow.getInstructions().nonnullInstruction().values());
                instructions.sort((left, right) -> Integer.compare(left.getOrder().intValue(),
                    right.getOrder().intValue()));
                for (int order = 0; order < instructions.size(); order++) {
                    final var instruction = instructions.get(order);
                    final int kindRank = switch (instruction.getInstruction()) {
                        case MeterCase meter -> -1;
                        case ApplyActionsCase apply -> {
                            final var actions = apply.getApplyActions().nonnullAction().values();
                            final var orders = actions.stream().map(action -> action.getOrder().intValue())
                                .sorted().toList();
                            for (int i = 0; i < orders.size(); i++) {
                                if (orders.get(i) != i) {
                                    problems.add("action orders not 0..n-1: " + flow);
                                }
                            }
                            yield 0;
                        }
                        case WriteMetadataCase write -> 1;
                        case GoToTableCase go -> 2;
                        default -> 3;
                    };
                    if (instruction.getOrder().intValue() != order || kindRank <= rank || kindRank == 3) {
                        problems.add("instructions not meter, apply, write-metadata, goto in orders 0..n-1: "
                            + flow);
                    }
                    rank = kindRank;
                }
            }));
        }
        // a VM registered by interface name whose announcements count: its announcement flows
        final IncrementalPlanner announcing = new IncrementalPlanner(PipelineConfig.DEFAULT.withAnnounceByDefault(
            true));
        announcing.apply(new Change.PutSubnet(gatewayA));
        announcing.apply(new Change.PutSubnet(gatewayB));
        announcing.apply(new Change.PutVm(new Member("db", Optional.of(Ipv4.parse("10.0.1.3")), Optional.empty(),
            DB_MAC, Optional.empty(), Optional.of("tapdb"))));
        announcing.apply(new Change.PutPort(NODE, 5, "tapdb"));
        announcing.replan();
        announcing.flows(NODE).values().forEach(planned -> {
            emitted.add(planned.kind());
            final var instructions = FlowConverter.toFlow(NODE, planned).getInstructions().nonnullInstruction()
                .values().stream().sorted((left, right) -> Integer.compare(left.getOrder().intValue(),
                    right.getOrder().intValue())).map(instruction -> instruction.getInstruction().getClass()
                    .getSimpleName()).toList();
            if (!instructions.get(0).startsWith("MeterCase") || !instructions.get(1).startsWith("ApplyActionsCase")) {
                problems.add("announcement flow not meter, apply: " + planned + " -> " + instructions);
            }
        });
        assertEquals(List.of(), problems);
        assertEquals("the planner emits every kind", EnumSet.allOf(FlowKind.class), emitted);
        // the kinds the literal cases above cover (update both together when a kind is added)
        assertTrue(EnumSet.of(FlowKind.CLASSIFY_IP, FlowKind.CLASSIFY_ARP, FlowKind.TRANSLATE_TO_CURRENT,
            FlowKind.ARP_RESPOND, FlowKind.CLASSIFY_DESTINATION, FlowKind.TRANSLATE_FROM_CURRENT, FlowKind.ARP_FINISH,
            FlowKind.TABLE_MISS, FlowKind.GOTO_BASE, FlowKind.PAIR_TO_CURRENT, FlowKind.PAIR_FROM_CURRENT,
            FlowKind.PAIR_ARP_REPLY, FlowKind.ND_PUNT, FlowKind.ANNOUNCE_PUNT).containsAll(emitted));
    }

    // ------------------------------------------------------------------ literal builders

    private static PlannedFlow planned(final String id, final String name, final int table, final int priority,
            final long cookie, final FlowKind kind, final FlowMatch match, final FlowAction... actions) {
        return new PlannedFlow(id, name, (short) table, priority, cookie, kind, match, ImmutableList.copyOf(actions));
    }

    /** An added flow as FRM takes it: exact cookie (mask all ones), no timeouts, not strict, no barrier. */
    private static Flow flow(final String id, final String name, final int table, final int priority,
            final long cookie, final Match match, final Instruction... instructions) {
        return new FlowBuilder()
            .setId(new FlowId(id))
            .setFlowName(name)
            .setTableId(Uint8.valueOf(table))
            .setPriority(Uint16.valueOf(priority))
            .setCookie(new FlowCookie(Uint64.valueOf(cookie)))
            .setCookieMask(new FlowCookie(Uint64.valueOf("18446744073709551615")))
            .setHardTimeout(Uint16.valueOf(0))
            .setIdleTimeout(Uint16.valueOf(0))
            .setBarrier(false)
            .setStrict(false)
            .setMatch(match)
            .setInstructions(new InstructionsBuilder().setInstruction(BindingMap.of(List.of(instructions))).build())
            .build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatch
            ethType(final long type) {
        return new EthernetMatchBuilder()
            .setEthernetType(new EthernetTypeBuilder().setType(new EtherType(Uint32.valueOf(type))).build())
            .build();
    }

    private static Instruction applyActions(final int order, final Action... actions) {
        return new InstructionBuilder().setOrder(order)
            .setInstruction(new ApplyActionsCaseBuilder()
                .setApplyActions(new ApplyActionsBuilder().setAction(BindingMap.of(List.of(actions))).build())
                .build())
            .build();
    }

    private static Instruction writeMetadata(final int order, final String value, final String mask) {
        return new InstructionBuilder().setOrder(order)
            .setInstruction(new WriteMetadataCaseBuilder()
                .setWriteMetadata(new WriteMetadataBuilder()
                    .setMetadata(Uint64.valueOf(value))
                    .setMetadataMask(Uint64.valueOf(mask))
                    .build())
                .build())
            .build();
    }

    private static Instruction gotoTable(final int order, final int table) {
        return new InstructionBuilder().setOrder(order)
            .setInstruction(new GoToTableCaseBuilder()
                .setGoToTable(new GoToTableBuilder().setTableId(Uint8.valueOf(table)).build())
                .build())
            .build();
    }

    private static Action setField(final int order, final SetField field) {
        return new ActionBuilder().setOrder(order)
            .setAction(new SetFieldCaseBuilder().setSetField(field).build())
            .build();
    }

    private static Action output(final int order, final String port) {
        return new ActionBuilder().setOrder(order)
            .setAction(new OutputActionCaseBuilder()
                .setOutputAction(new OutputActionBuilder()
                    .setOutputNodeConnector(new Uri(port))
                    .setMaxLength(Uint16.valueOf(0))
                    .build())
                .build())
            .build();
    }
}
