/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.flows;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
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
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCaseBuilder;
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
 * Turns a planned flow into the openflowplugin {@link Flow} that FRM pushes to the switch: the planner's actions
 * become OpenFlow 1.3 instructions (apply-actions with one set_field per field, write-metadata, goto-table).
 */
public final class FlowConverter {
    private static final FlowCookie ALL_COOKIE_BITS = new FlowCookie(Uint64.MAX_VALUE);
    private static final Uri IN_PORT = new Uri("IN_PORT");
    private static final Uri NORMAL = new Uri("NORMAL");
    private static final Uri CONTROLLER = new Uri("CONTROLLER");

    private FlowConverter() {
        // utility class
    }

    /**
     * Converts a planned flow.
     *
     * @param nodeId the switch the flow is for, e.g. {@code openflow:1}
     * @param planned the planned flow
     * @return the flow for the config inventory datastore
     */
    public static Flow toFlow(final String nodeId, final PlannedFlow planned) {
        return new FlowBuilder()
            .setId(new FlowId(planned.flowId()))
            .setFlowName(planned.flowName())
            .setTableId(Uint8.valueOf(planned.table()))
            .setPriority(Uint16.valueOf(planned.priority()))
            .setCookie(new FlowCookie(Uint64.fromLongBits(planned.cookie())))
            .setCookieMask(ALL_COOKIE_BITS)
            .setHardTimeout(Uint16.ZERO)
            .setIdleTimeout(Uint16.ZERO)
            .setBarrier(Boolean.FALSE)
            .setStrict(Boolean.FALSE)
            .setMatch(match(nodeId, planned.match()))
            .setInstructions(new InstructionsBuilder().setInstruction(BindingMap.of(instructions(planned.actions())))
                .build())
            .build();
    }

    static Match match(final String nodeId, final FlowMatch match) {
        final var builder = new MatchBuilder();
        match.inPort().ifPresent(port -> builder.setInPort(new NodeConnectorId(nodeId + ":" + port)));
        if (match.ethType().isPresent() || match.ethSrc().isPresent()) {
            final var ethernet = new EthernetMatchBuilder();
            match.ethSrc().ifPresent(source -> ethernet.setEthernetSource(new EthernetSourceBuilder()
                .setAddress(mac(source)).build()));
            match.ethType().ifPresent(type -> ethernet.setEthernetType(new EthernetTypeBuilder()
                .setType(new EtherType(Uint32.valueOf(type))).build()));
            builder.setEthernetMatch(ethernet.build());
        }
        if (match.ipv4Src().isPresent() || match.ipv4Dst().isPresent()) {
            final var ipv4 = new Ipv4MatchBuilder();
            match.ipv4Src().ifPresent(address -> ipv4.setIpv4Source(host(address)));
            match.ipv4Dst().ifPresent(address -> ipv4.setIpv4Destination(host(address)));
            builder.setLayer3Match(ipv4.build());
        } else if (match.ipv6Src().isPresent() || match.ipv6SrcNet().isPresent() || match.ipv6Dst().isPresent()
                || match.ndTarget().isPresent()) {
            final var ipv6 = new Ipv6MatchBuilder();
            match.ipv6Src().ifPresent(address -> ipv6.setIpv6Source(host(address)));
            match.ipv6SrcNet().ifPresent(subnet -> ipv6.setIpv6Source(new Ipv6Prefix(subnet.toString())));
            match.ipv6Dst().ifPresent(address -> ipv6.setIpv6Destination(host(address)));
            match.ndTarget().ifPresent(address -> ipv6.setIpv6NdTarget(new Ipv6Address(address.toString())));
            builder.setLayer3Match(ipv6.build());
        } else if (match.arpOp().isPresent() || match.arpSpa().isPresent() || match.arpSpaNet().isPresent()
                || match.arpTpa().isPresent()) {
            final var arp = new ArpMatchBuilder();
            match.arpOp().ifPresent(op -> arp.setArpOp(Uint16.valueOf(op)));
            match.arpSpa().ifPresent(address -> arp.setArpSourceTransportAddress(host(address)));
            match.arpSpaNet().ifPresent(subnet -> arp.setArpSourceTransportAddress(new Ipv4Prefix(
                subnet.toString())));
            match.arpTpa().ifPresent(address -> arp.setArpTargetTransportAddress(host(address)));
            builder.setLayer3Match(arp.build());
        }
        match.ipProto().ifPresent(proto -> builder.setIpMatch(new IpMatchBuilder()
            .setIpProtocol(Uint8.valueOf(proto)).build()));
        if (match.icmpv6Type().isPresent() || match.icmpv6Code().isPresent()) {
            final var icmpv6 = new Icmpv6MatchBuilder();
            match.icmpv6Type().ifPresent(type -> icmpv6.setIcmpv6Type(Uint8.valueOf(type)));
            match.icmpv6Code().ifPresent(code -> icmpv6.setIcmpv6Code(Uint8.valueOf(code)));
            builder.setIcmpv6Match(icmpv6.build());
        }
        match.metadata().ifPresent(metadata -> builder.setMetadata(new MetadataBuilder()
            .setMetadata(Uint64.fromLongBits(metadata.value()))
            .setMetadataMask(Uint64.fromLongBits(metadata.mask()))
            .build()));
        return builder.build();
    }

    static List<Instruction> instructions(final List<FlowAction> actions) {
        final var applied = new ArrayList<Action>();
        final var instructions = new ArrayList<Instruction>();
        FlowAction.WriteMetadata metadata = null;
        FlowAction.GotoTable gotoTable = null;
        FlowAction.Meter meter = null;
        for (var action : actions) {
            switch (action) {
                case FlowAction.Meter band -> meter = band;
                case FlowAction.WriteMetadata write -> metadata = write;
                case FlowAction.GotoTable next -> gotoTable = next;
                default -> applied.add(new ActionBuilder().setOrder(applied.size()).setAction(action(action)).build());
            }
        }
        if (meter != null) {
            // OpenFlow 1.3 runs the meter instruction first
            instructions.add(new InstructionBuilder().setOrder(instructions.size())
                .setInstruction(new MeterCaseBuilder()
                    .setMeter(new MeterBuilder().setMeterId(new MeterId(Uint32.valueOf(meter.meterId()))).build())
                    .build())
                .build());
        }
        if (!applied.isEmpty()) {
            instructions.add(new InstructionBuilder().setOrder(instructions.size())
                .setInstruction(new ApplyActionsCaseBuilder()
                    .setApplyActions(new ApplyActionsBuilder().setAction(BindingMap.of(applied)).build())
                    .build())
                .build());
        }
        if (metadata != null) {
            instructions.add(new InstructionBuilder().setOrder(instructions.size())
                .setInstruction(new WriteMetadataCaseBuilder()
                    .setWriteMetadata(new WriteMetadataBuilder()
                        .setMetadata(Uint64.fromLongBits(metadata.value()))
                        .setMetadataMask(Uint64.fromLongBits(metadata.mask()))
                        .build())
                    .build())
                .build());
        }
        if (gotoTable != null) {
            instructions.add(new InstructionBuilder().setOrder(instructions.size())
                .setInstruction(new GoToTableCaseBuilder()
                    .setGoToTable(new GoToTableBuilder().setTableId(Uint8.valueOf(gotoTable.table())).build())
                    .build())
                .build());
        }
        return instructions;
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action action(
            final FlowAction action) {
        return switch (action) {
            case FlowAction.SetIpv4Src set -> setField(new SetFieldBuilder()
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Source(host(set.address())).build()));
            case FlowAction.SetIpv4Dst set -> setField(new SetFieldBuilder()
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(host(set.address())).build()));
            case FlowAction.SetIpv6Src set -> setField(new SetFieldBuilder()
                .setLayer3Match(new Ipv6MatchBuilder().setIpv6Source(host(set.address())).build()));
            case FlowAction.SetIpv6Dst set -> setField(new SetFieldBuilder()
                .setLayer3Match(new Ipv6MatchBuilder().setIpv6Destination(host(set.address())).build()));
            case FlowAction.SetEthSrc set -> setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                .setEthernetSource(new EthernetSourceBuilder().setAddress(mac(set.mac())).build()).build()));
            case FlowAction.SetEthDst set -> setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                .setEthernetDestination(new EthernetDestinationBuilder().setAddress(mac(set.mac())).build())
                .build()));
            case FlowAction.SetArpOp set -> setField(new SetFieldBuilder()
                .setLayer3Match(new ArpMatchBuilder().setArpOp(Uint16.valueOf(set.op())).build()));
            case FlowAction.SetArpSha set -> setField(new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                .setArpSourceHardwareAddress(new ArpSourceHardwareAddressBuilder().setAddress(mac(set.mac())).build())
                .build()));
            case FlowAction.SetArpSpa set -> setField(new SetFieldBuilder()
                .setLayer3Match(new ArpMatchBuilder().setArpSourceTransportAddress(host(set.address())).build()));
            case FlowAction.SetArpTha set -> setField(new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                .setArpTargetHardwareAddress(new ArpTargetHardwareAddressBuilder().setAddress(mac(set.mac())).build())
                .build()));
            case FlowAction.SetArpTpa set -> setField(new SetFieldBuilder()
                .setLayer3Match(new ArpMatchBuilder().setArpTargetTransportAddress(host(set.address())).build()));
            case FlowAction.OutputInPort out -> output(IN_PORT);
            case FlowAction.OutputNormal out -> output(NORMAL);
            case FlowAction.OutputController out -> new OutputActionCaseBuilder().setOutputAction(
                new OutputActionBuilder().setOutputNodeConnector(CONTROLLER).setMaxLength(Uint16.MAX_VALUE).build())
                .build();
            case FlowAction.Meter band -> throw new IllegalArgumentException("not an apply action: " + band);
            case FlowAction.WriteMetadata write -> throw new IllegalArgumentException("not an apply action: " + write);
            case FlowAction.GotoTable next -> throw new IllegalArgumentException("not an apply action: " + next);
        };
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action setField(
            final SetFieldBuilder field) {
        return new SetFieldCaseBuilder().setSetField(field.build()).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action output(
            final Uri port) {
        return new OutputActionCaseBuilder()
            .setOutputAction(new OutputActionBuilder().setOutputNodeConnector(port).setMaxLength(Uint16.ZERO).build())
            .build();
    }

    private static Ipv4Prefix host(final Ipv4 address) {
        return new Ipv4Prefix(address + "/32");
    }

    private static Ipv6Prefix host(final Ipv6 address) {
        return new Ipv6Prefix(address + "/128");
    }

    private static MacAddress mac(final Mac mac) {
        return new MacAddress(mac.toString());
    }
}
