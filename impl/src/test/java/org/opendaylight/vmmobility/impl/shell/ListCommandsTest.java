/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.testing.Intents;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MemberStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobilityBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.state.Translation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.state.TranslationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.state.CurrentAttachmentBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * vmm:vms, vmm:groups and vmm:migrations from the configuration and state as MD-SAL holds them.
 */
public class ListCommandsTest {
    /** The shop (web, app, db on openflow:1), db migrated to 10.0.2.3 on openflow:2 port 1, a VM without group. */
    private static final VmMobility CONFIG = new VmMobilityBuilder(Intents.shop(
            Intents.migration("db", "10.0.2.3", "openflow:2", 1)))
        .setVm(BindingMap.of(List.of(
            Intents.vm("web", "10.0.1.1", "02:00:00:00:00:01", "openflow:1", 1),
            Intents.vm("app", "10.0.1.2", "02:00:00:00:00:02", "openflow:1", 2),
            Intents.vm("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3),
            new VmBuilder().setVmId(new Name("cache")).setHomeAddress(new Ipv4Host("10.0.1.4"))
                .setMac(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205
                    .EthernetAddress("02:00:00:00:00:04")).setInterfaceName("tapcache0").build())))
        .build();

    /** What the engine published: db migrated and active, web at home, app not published yet. */
    private static final VmMobility STATE = new VmMobilityBuilder()
        .setVm(BindingMap.of(List.of(
            vmState("db", MemberStatus.Migrated, "10.0.2.3", "openflow:2", 1),
            vmState("web", MemberStatus.AtHome, "10.0.1.1", "openflow:1", 1))))
        .setMigration(BindingMap.of(List.of(new MigrationBuilder().setVmId(new Name("db"))
            .setNewAddress(new Ipv4Host("10.0.2.3"))
            .setState(new StateBuilder().setPhase(MigrationPhase.Active).setReason("")
                .setFlowCount(Uint32.valueOf(5))
                .setSwitch(Set.of(new OpenflowNodeId("openflow:1")))
                .setTranslation(BindingMap.of(List.of(
                    translation("openflow:1", Translation.Direction.ToCurrent, 2, 40),
                    translation("openflow:1", Translation.Direction.FromCurrent, 2, 38),
                    translation("openflow:1", Translation.Direction.ArpReply, 1, 1))))
                .build())
            .build())))
        .build();

    @Test
    public void vmsShowConfigurationAndState() {
        assertEquals("""
            VM     HOME ADDRESS  MAC                ATTACHMENT           GROUPS  STATUS    CURRENT ADDRESS  \
            CURRENT ATTACHMENT
            app    10.0.1.2      02:00:00:00:00:02  openflow:1 port 2    shop    -         -                -
            cache  10.0.1.4      02:00:00:00:00:04  interface tapcache0  -       -         -                -
            db     10.0.1.3      02:00:00:00:00:03  openflow:1 port 3    shop    migrated  10.0.2.3         \
            openflow:2 port 1
            web    10.0.1.1      02:00:00:00:00:01  openflow:1 port 1    shop    at-home   10.0.1.1         \
            openflow:1 port 1
            """, VmsCommand.render(CONFIG, STATE));
    }

    @Test
    public void groupsShowMembersAndMigratedMembers() {
        assertEquals("""
            GROUP  MEMBERS     MIGRATED    DESCRIPTION
            shop   app,db,web  db(active)  -
            """, GroupsCommand.render(CONFIG, STATE));
        assertEquals("""
            GROUP  MEMBERS     MIGRATED             DESCRIPTION
            shop   app,db,web  db(not yet planned)  -
            """, GroupsCommand.render(CONFIG, null));
    }

    @Test
    public void migrationsShowPhaseSwitchesFlowsAndPackets() {
        assertEquals("""
            VM  NEW ADDRESS  NEW ATTACHMENT     PHASE   SWITCHES    FLOWS                  PACKETS              \
            CUT OVER  REASON
            db  10.0.2.3     openflow:2 port 1  active  openflow:1  5 (to=2 from=2 arp=1)  to=40 from=38 arp=1  \
            -         -
            """, MigrationsCommand.render(CONFIG, STATE));
    }

    @Test
    public void emptyDatastoreSaysSo() {
        assertEquals("no VMs registered\n", VmsCommand.render(null, null));
        assertEquals("no groups configured\n", GroupsCommand.render(null, null));
        assertEquals("no migrations\n", MigrationsCommand.render(null, null));
        final VmMobility vmsOnly = new VmMobilityBuilder(CONFIG).setApplicationGroup(null).setMigration(null).build();
        assertEquals("no groups configured\n", GroupsCommand.render(vmsOnly, null));
        assertEquals("no migrations\n", MigrationsCommand.render(vmsOnly, STATE));
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm
            .mobility.Vm vmState(final String vmId, final MemberStatus status, final String address,
                final String node, final long port) {
        return new VmBuilder().setVmId(new Name(vmId)).setState(new org.opendaylight.yang.gen.v1.urn.opendaylight
            .params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.StateBuilder().setStatus(status)
            .setCurrentAddress(new Ipv4Host(address))
            .setCurrentAttachment(new CurrentAttachmentBuilder().setNodeId(new OpenflowNodeId(node))
                .setPort(new OpenflowPort(Uint32.valueOf(port))).build())
            .build()).build();
    }

    private static Translation translation(final String node, final Translation.Direction direction,
            final int flows, final long packets) {
        return new TranslationBuilder().setNodeId(new OpenflowNodeId(node)).setDirection(direction)
            .setFamily(Translation.Family.Ipv4)
            .setFlowCount(Uint32.valueOf(flows)).setPacketCount(new Counter64(Uint64.valueOf(packets)))
            .setByteCount(new Counter64(Uint64.valueOf(packets * 98))).build();
    }
}
