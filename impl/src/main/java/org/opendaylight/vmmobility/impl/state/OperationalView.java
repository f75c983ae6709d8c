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
import org.opendaylight.vmmobility.impl.planner.MigrationPlan;
import org.opendaylight.vmmobility.impl.planner.Plan;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.AttachmentPoint;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.MemberStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobilityBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.ApplicationGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.Member;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.MemberBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.member.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.member.state.CurrentAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.member.state.TranslationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.migration.state.Translation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.migration.state.TranslationKey;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Builds the operational view: the configuration as accepted, with the state of every member and migration.
 * Pure: configuration, plan and migration statuses in, the operational container out.
 */
public final class OperationalView {
    private OperationalView() {
        // utility class
    }

    /**
     * Builds the view.
     *
     * @param config the accepted configuration, null if there is none
     * @param plan the plan in force
     * @param statuses the migrations' statuses by VM id
     * @return the operational container
     */
    public static VmMobility build(final @Nullable VmMobility config, final Plan plan,
            final Map<String, MigrationStatus> statuses) {
        if (config == null) {
            return new VmMobilityBuilder().build();
        }
        final var migrations = config.nonnullMigration();
        final var byVm = migrations.values().stream()
            .collect(Collectors.toMap(migration -> migration.requireVmId().getValue(), migration -> migration));
        final var groups = new HashMap<org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
            .rev261125.vm.mobility.ApplicationGroupKey, ApplicationGroup>();
        for (var group : config.nonnullApplicationGroup().values()) {
            final var members = new HashMap<org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm
                .mobility.rev261125.vm.mobility.application.group.MemberKey, Member>();
            for (var member : group.nonnullMember().values()) {
                final var migration = byVm.get(member.requireVmId().getValue());
                members.put(member.key(), new MemberBuilder(member)
                    .setState(memberState(member, migration, statuses))
                    .build());
            }
            groups.put(group.key(), new ApplicationGroupBuilder(group).setMember(members).build());
        }
        final var migrationState = new HashMap<org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm
            .mobility.rev261125.vm.mobility.MigrationKey, Migration>();
        for (var migration : migrations.values()) {
            final String vmId = migration.requireVmId().getValue();
            migrationState.put(migration.key(), new MigrationBuilder(migration)
                .setState(migrationState(plan.migration(vmId).orElse(null), statuses.get(vmId)))
                .build());
        }
        return new VmMobilityBuilder(config).setApplicationGroup(groups).setMigration(migrationState).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm
            .mobility.application.group.member.State memberState(final Member member,
            final @Nullable Migration migration, final Map<String, MigrationStatus> statuses) {
        final var state = new StateBuilder();
        final AttachmentPoint attachment;
        if (migration == null) {
            state.setStatus(MemberStatus.AtHome).setCurrentAddress(member.getHomeAddress())
                .setCurrentMac(member.getMac());
            attachment = member.getAttachment();
        } else {
            final var status = statuses.get(migration.requireVmId().getValue());
            state.setStatus(MemberStatus.Migrated).setCurrentAddress(migration.getNewAddress())
                .setCurrentMac(migration.getNewMac() != null ? migration.getNewMac() : member.getMac())
                .setTranslation(new TranslationBuilder()
                    .setHomeAddress(member.getHomeAddress())
                    .setCurrentAddress(migration.getNewAddress())
                    .setPhase(status == null ? MigrationPhase.Pending : status.phase())
                    .build());
            attachment = migration.getNewAttachment() != null ? migration.getNewAttachment() : member.getAttachment();
        }
        if (attachment != null) {
            state.setCurrentAttachment(new CurrentAttachmentBuilder().setNodeId(attachment.getNodeId())
                .setPort(attachment.getPort()).build());
        }
        return state.build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm
            .mobility.migration.State migrationState(final @Nullable MigrationPlan plan,
            final @Nullable MigrationStatus status) {
        final var state = new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125
            .vm.mobility.migration.StateBuilder()
            .setPhase(status == null ? MigrationPhase.Pending : status.phase())
            .setReason(status == null ? "being planned" : status.reason());
        if (plan == null) {
            return state.setFlowCount(Uint32.ZERO).build();
        }
        final var translations = new HashMap<TranslationKey, Translation>();
        plan.flowIds().forEach((node, byDirection) -> byDirection.forEach((direction, ids) -> {
            final FlowCounters counters = status == null ? FlowCounters.ZERO
                : status.counters().getOrDefault(node, Map.of()).getOrDefault(direction, FlowCounters.ZERO);
            final var translation = new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
                .rev261125.vm.mobility.migration.state.TranslationBuilder()
                .setNodeId(new OpenflowNodeId(node))
                .setDirection(direction(direction))
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
            case TO_CURRENT -> Translation.Direction.ToCurrent;
            case FROM_CURRENT -> Translation.Direction.FromCurrent;
            case ARP_REPLY -> Translation.Direction.ArpReply;
        };
    }
}
