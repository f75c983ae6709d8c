/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Direction;
import org.opendaylight.vmmobility.impl.planner.Family;
import org.opendaylight.vmmobility.impl.planner.MigrationPlan;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.ActivationOrigin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.target.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.State;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.state.Translation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.state.TranslationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.state.TranslationKey;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * The operational state of one migration ({@code migration=X/state}): phase, reason, switches, flows, counters.
 */
public final class MigrationStates {
    private MigrationStates() {
        // utility class
    }

    /**
     * The operational entry of a migration: its intent and its state.
     *
     * @param intent the migration
     * @param plan its plan, null while it is not planned
     * @param status its status, null while it is not planned
     * @return the entry
     */
    public static Migration entry(final org.opendaylight.vmmobility.impl.planner.Migration intent,
            final @Nullable MigrationPlan plan, final @Nullable MigrationStatus status) {
        // the operational entry carries the configuration's mandatory leaves too (the datastore checks them)
        final var entry = new MigrationBuilder().setVmId(new Name(intent.vmId()))
            .setNewAddress(intent.new4().map(VmStates::host4).orElse(null))
            .setNewAddress6(intent.new6().map(VmStates::host6).orElse(null))
            .setState(intent.byAnnouncement() ? new StateBuilder(state(plan, status))
                .setActivatedBy(ActivationOrigin.Announcement).build() : state(plan, status));
        if (intent.byAnnouncement()) {
            entry.setActivatedBy(ActivationOrigin.Announcement);
        }
        if (!intent.cutOver().isEmpty()) {
            entry.setCutOver(intent.cutOver().stream().map(Name::new).collect(
                com.google.common.collect.ImmutableSet.toImmutableSet()));
        }
        intent.newMac().ifPresent(mac -> entry.setNewMac(new EthernetAddress(mac.toString())));
        intent.newAttachment().ifPresent(at -> entry.setNewAttachment(new NewAttachmentBuilder()
            .setNodeId(new OpenflowNodeId(at.nodeId())).setPort(new OpenflowPort(Uint32.valueOf(at.port())))
            .build()));
        return entry.build();
    }

    /**
     * The state of a migration.
     *
     * @param plan its plan, null while it is not planned
     * @param status its status, null while it is not planned
     * @return the state
     */
    public static State state(final @Nullable MigrationPlan plan,
            final @Nullable MigrationStatus status) {
        final var state = new StateBuilder()
            .setPhase(status == null ? MigrationPhase.Pending : status.phase())
            .setReason(status == null ? "accepted, being planned" : status.reason());
        if (plan == null) {
            return state.setFlowCount(Uint32.ZERO).build();
        }
        final var translations = new HashMap<TranslationKey, Translation>();
        plan.flowIds().forEach((node, byDirection) -> byDirection.forEach((direction, ids) -> {
            final FlowCounters counters = status == null ? FlowCounters.ZERO
                : status.counters().getOrDefault(node, Map.of()).getOrDefault(direction, FlowCounters.ZERO);
            final var translation = new TranslationBuilder()
                .setNodeId(new OpenflowNodeId(node))
                .setDirection(direction(direction))
                .setFamily(direction.family() == Family.IPV6 ? Translation.Family.Ipv6 : Translation.Family.Ipv4)
                .setFlowCount(Uint32.valueOf(ids.size()))
                .setPacketCount(new Counter64(Uint64.fromLongBits(counters.packets())))
                .setByteCount(new Counter64(Uint64.fromLongBits(counters.bytes())))
                .build();
            translations.put(translation.key(), translation);
        }));
        return state.setFlowCount(Uint32.valueOf(plan.flowCount()))
            .setSwitch(plan.switches().stream().map(OpenflowNodeId::new).collect(Collectors.toSet()))
            .setTranslation(translations)
            .build();
    }

    private static Translation.Direction direction(final Direction direction) {
        return switch (direction) {
            case TO_CURRENT, TO_CURRENT_IPV6 -> Translation.Direction.ToCurrent;
            case FROM_CURRENT, FROM_CURRENT_IPV6 -> Translation.Direction.FromCurrent;
            case ARP_REPLY -> Translation.Direction.ArpReply;
            case ND_REPLY -> Translation.Direction.NdReply;
        };
    }
}
