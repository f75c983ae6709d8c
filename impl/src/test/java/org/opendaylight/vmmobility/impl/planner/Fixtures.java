/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Subnets, members, migrations and intents for the planner tests.
 */
final class Fixtures {
    static final String SW1 = "openflow:1";
    static final String SW2 = "openflow:2";
    static final String SW3 = "openflow:3";
    static final String SW4 = "openflow:4";

    /** 10.0.1.0/24, gateway 10.0.1.1 at 00:00:5e:00:01:01. */
    static final Subnet NET_A = new Subnet(Ipv4Prefix.parse("10.0.1.0/24"), Ipv4.parse("10.0.1.1"),
        Mac.parse("00:00:5e:00:01:01"));
    /** 10.0.2.0/24, gateway 10.0.2.1 at 00:00:5e:00:01:02. */
    static final Subnet NET_B = new Subnet(Ipv4Prefix.parse("10.0.2.0/24"), Ipv4.parse("10.0.2.1"),
        Mac.parse("00:00:5e:00:01:02"));
    static final String GW_A = "00:00:5e:00:01:01";
    static final String GW_B = "00:00:5e:00:01:02";

    private Fixtures() {
        // constants and factories
    }

    static Member member(final String vmId, final String address, final String mac, final String nodeId,
            final long port) {
        return new Member(vmId, Ipv4.parse(address), Mac.parse(mac), Optional.of(new Attachment(nodeId, port)));
    }

    static Member unattached(final String vmId, final String address, final String mac) {
        return new Member(vmId, Ipv4.parse(address), Mac.parse(mac), Optional.empty());
    }

    static Group group(final String name, final Member... members) {
        return Group.of(name, List.of(members));
    }

    /** A migration to a new address only (same MAC, same attachment). */
    static Migration migration(final String vmId, final String address) {
        return new Migration(vmId, Ipv4.parse(address), Optional.empty(), Optional.empty());
    }

    /** A migration to a new address, MAC and attachment. */
    static Migration migration(final String vmId, final String address, final String mac, final String nodeId,
            final long port) {
        return new Migration(vmId, Ipv4.parse(address), Optional.of(Mac.parse(mac)),
            Optional.of(new Attachment(nodeId, port)));
    }

    /** The same migration with other cut-over peers. */
    static Migration cutOver(final Migration migration, final Set<String> peers) {
        return new Migration(migration.vmId(), migration.new4(), migration.new6(), migration.newMac(),
            migration.newAttachment(),
            ImmutableSortedSet.copyOf(peers));
    }

    static MobilityIntent intent(final List<Group> groups, final List<Migration> migrations) {
        return intent(PipelineConfig.DEFAULT, groups, migrations, List.of());
    }

    static MobilityIntent intent(final PipelineConfig config, final List<Group> groups,
            final List<Migration> migrations, final List<String> connected) {
        // the exact-flow tests pin the shared pipeline; PlannerCorrectnessTest covers the automatic layout
        return MobilityIntent.of(List.of(NET_A, NET_B), groups, migrations, config.withLayout(FlowLayout.SHARED),
            connected);
    }
}
