/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner.VmView;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Member;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MemberStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.AttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.State;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.state.CurrentAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.state.TranslationBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The operational state of one VM ({@code vm=X/state}): where it is now, its groups, its translation.
 */
public final class VmStates {
    /** OpenFlow switches number their ports below 65,280 (Open vSwitch refuses higher ones). */
    private static final int SHARED_PORTS = 65_536;
    private static final AtomicReferenceArray<Uint32> PORTS = new AtomicReferenceArray<>(SHARED_PORTS);

    private VmStates() {
        // utility class
    }

    /**
     * The operational entry of a registered VM: its registration and its state.
     *
     * @param vm the VM as the engine sees it
     * @param status its migration's status, if it has one
     * @return the entry
     */
    public static Vm entry(final VmView vm, final Optional<MigrationStatus> status) {
        // the operational entry carries the configuration's mandatory leaves too (the datastore checks them); a value
        // the entry repeats (the home address as the current one, the MAC as the current one) is one object: the
        // datastore keeps these entries for every VM, a million of them
        final Leaves leaves = new Leaves(vm);
        final var entry = new VmBuilder().setVmId(new Name(vm.vm().vmId()))
            .setHomeAddress(leaves.home4)
            .setHomeAddress6(leaves.home6)
            .setMac(leaves.mac)
            .setState(state(vm, status, leaves));
        vm.vm().attachment().ifPresent(at -> entry.setAttachment(new AttachmentBuilder()
            .setNodeId(new OpenflowNodeId(at.nodeId())).setPort(new OpenflowPort(port(at.port())))
            .build()));
        return entry.build();
    }

    /**
     * The state of a registered VM.
     *
     * @param vm the VM as the engine sees it
     * @param status its migration's status, if it has one
     * @return the state
     */
    public static State state(final VmView vm, final Optional<MigrationStatus> status) {
        return state(vm, status, new Leaves(vm));
    }

    private static State state(final VmView vm, final Optional<MigrationStatus> status, final Leaves leaves) {
        final var state = new StateBuilder()
            .setStatus(vm.migrated() ? MemberStatus.Migrated : MemberStatus.AtHome)
            .setCurrentAddress(leaves.current4)
            .setCurrentAddress6(leaves.current6)
            .setCurrentMac(leaves.currentMac)
            .setGroup(vm.groups().stream().map(Name::new).collect(Collectors.toSet()));
        vm.attachment().ifPresent(at -> state.setCurrentAttachment(new CurrentAttachmentBuilder()
            .setNodeId(new OpenflowNodeId(at.nodeId())).setPort(new OpenflowPort(port(at.port())))
            .build()));
        if (vm.migrated()) {
            state.setTranslation(new TranslationBuilder()
                .setHomeAddress(leaves.home4)
                .setCurrentAddress(leaves.current4)
                .setHomeAddress6(leaves.home6)
                .setCurrentAddress6(leaves.current6)
                .setPhase(status.map(MigrationStatus::phase).orElse(MigrationPhase.Pending))
                .build());
        }
        return state.build();
    }

    /** The leaf values of a VM's entry, each made once: a current value equal to the home one is the same object. */
    private static final class Leaves {
        private final @Nullable Ipv4Host home4;
        private final @Nullable Ipv6Host home6;
        private final EthernetAddress mac;
        private final @Nullable Ipv4Host current4;
        private final @Nullable Ipv6Host current6;
        private final EthernetAddress currentMac;

        Leaves(final VmView vm) {
            final Member member = vm.vm();
            // the configuration's strings where the member kept them (its canonical forms): no copies
            home4 = member.home4Text() != null ? new Ipv4Host(member.home4Text())
                : member.home4().map(VmStates::host4).orElse(null);
            home6 = member.home6().map(VmStates::host6).orElse(null);
            mac = new EthernetAddress(member.macText() != null ? member.macText() : member.mac().toString());
            current4 = vm.address4().equals(member.home4()) ? home4 : vm.address4().map(VmStates::host4).orElse(null);
            current6 = vm.address6().equals(member.home6()) ? home6 : vm.address6().map(VmStates::host6).orElse(null);
            currentMac = vm.mac().equals(member.mac()) ? mac : new EthernetAddress(vm.mac().toString());
        }
    }

    /**
     * A port number as the model writes it: one object per number up to {@value #SHARED_PORTS} (every VM's entry
     * holds two: its attachment and its current attachment; a million VMs, two million objects otherwise).
     */
    private static Uint32 port(final long number) {
        if (number < 0 || number >= SHARED_PORTS) {
            return Uint32.valueOf(number);
        }
        final int index = (int) number;
        final Uint32 known = PORTS.get(index);
        if (known != null) {
            return known;
        }
        final Uint32 made = Uint32.valueOf(number);
        return PORTS.compareAndSet(index, null, made) ? made : PORTS.get(index);
    }

    /**
     * An IPv4 address as the model writes it.
     *
     * @param address the address
     * @return the leaf value
     */
    public static Ipv4Host host4(final Ipv4 address) {
        return new Ipv4Host(address.toString());
    }

    /**
     * An IPv6 address as the model writes it (RFC 5952).
     *
     * @param address the address
     * @return the leaf value
     */
    public static Ipv6Host host6(final Ipv6 address) {
        return new Ipv6Host(address.toString());
    }

}
