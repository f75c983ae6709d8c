/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An intent given whole (for planning from scratch, and in tests): the configured subnets, the groups with their
 * member VMs, the migrations, the pipeline configuration and the
 * switches that are connected now. The order of every collection is irrelevant to the plan.
 *
 * @param subnets the subnets, with distinct prefixes
 * @param groups the application groups, with distinct names
 * @param migrations the migrations, with distinct VM ids
 * @param pipeline where the pipeline sits in the switches' tables
 * @param connectedSwitches the node ids of the connected switches (used only for default forwarding)
 */
public record MobilityIntent(ImmutableList<Subnet> subnets, ImmutableList<Group> groups,
        ImmutableList<Migration> migrations, PipelineConfig pipeline, ImmutableSet<String> connectedSwitches) {
    /**
     * Creates an intent.
     *
     * @param subnets the subnets, with distinct prefixes
     * @param groups the groups, with distinct names
     * @param migrations the migrations, with distinct VM ids
     * @param pipeline the pipeline configuration
     * @param connectedSwitches the connected switches
     * @throws IllegalArgumentException if two subnets, groups or migrations have the same key
     */
    public MobilityIntent {
        subnets = ImmutableList.copyOf(subnets);
        groups = ImmutableList.copyOf(groups);
        migrations = ImmutableList.copyOf(migrations);
        requireNonNull(pipeline);
        connectedSwitches = ImmutableSet.copyOf(connectedSwitches);
        requireDistinct("subnet", subnets, Subnet::prefix);
        requireDistinct("group", groups, Group::name);
        requireDistinct("migration", migrations, Migration::vmId);
    }

    /**
     * Creates an intent from any collections.
     *
     * @param subnets the subnets
     * @param groups the groups
     * @param migrations the migrations
     * @param pipeline the pipeline configuration
     * @param connectedSwitches the connected switches
     * @return the intent
     */
    public static MobilityIntent of(final Collection<Subnet> subnets, final Collection<Group> groups,
            final Collection<Migration> migrations, final PipelineConfig pipeline,
            final Collection<String> connectedSwitches) {
        return new MobilityIntent(ImmutableList.copyOf(subnets), ImmutableList.copyOf(groups),
            ImmutableList.copyOf(migrations), pipeline, ImmutableSet.copyOf(connectedSwitches));
    }

    /**
     * The intent as a sequence of changes that builds it from nothing: subnets, the VMs of every group (each VM
     * once), the groups as lists of VM ids, the migrations and the connected switches.
     *
     * @return the changes
     * @throws IllegalArgumentException if one VM appears with different data in two groups
     */
    public List<Change> changes() {
        final List<Change> changes = new ArrayList<>();
        subnets.forEach(subnet -> changes.add(new Change.PutSubnet(subnet)));
        final Map<String, Member> vms = new TreeMap<>();
        for (Group group : groups) {
            for (Member member : group.members()) {
                final Member known = vms.putIfAbsent(member.vmId(), member);
                if (known != null && !known.equals(member)) {
                    throw new IllegalArgumentException("VM " + member.vmId() + " differs between groups");
                }
            }
        }
        vms.values().forEach(vm -> changes.add(new Change.PutVm(vm)));
        groups.forEach(group -> changes.add(Change.PutGroup.of(group.name(),
            group.members().stream().map(Member::vmId).toList())));
        migrations.forEach(migration -> changes.add(new Change.PutMigration(migration)));
        changes.add(new Change.SetConnected(connectedSwitches));
        return changes;
    }

    private static <T> void requireDistinct(final String what, final Collection<T> items,
            final Function<T, ?> key) {
        final Set<Object> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(key.apply(item))) {
                throw new IllegalArgumentException("duplicate " + what + " " + key.apply(item));
            }
        }
    }
}
