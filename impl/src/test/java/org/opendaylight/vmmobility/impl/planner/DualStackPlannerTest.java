/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.NET_A;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.NET_B;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.SW1;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.SW2;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.group;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * Dual stack: each family of a migration is translated where the VM has a home address of it and the migration
 * gives a new one, for the members that have an address of that family, with the same flows as IPv4's.
 */
public class DualStackPlannerTest {
    private static final Subnet NET_A6 = subnet6("2001:db8:1::/64", "2001:db8:1::1", "00:00:5e:00:02:01");
    private static final Subnet NET_B6 = subnet6("2001:db8:2::/64", "2001:db8:2::1", "00:00:5e:00:02:02");
    private static final Subnet NET_C6 = subnet6("2001:db8:3::/64", "2001:db8:3::1", "00:00:5e:00:02:03");
    private static final Member WEB = dual("web", "10.0.1.10", "2001:db8:1::10", "52:54:00:00:00:10", SW1, 1);
    private static final Member WEB4 = new Member("web4", Ipv4.parse("10.0.1.11"), Mac.parse("52:54:00:00:00:11"),
        Optional.of(new Attachment(SW1, 2)));
    private static final Member DB = dual("db", "10.0.2.30", "2001:db8:2::30", "52:54:00:00:00:30", SW2, 1);
    private static final List<Subnet> SUBNETS = List.of(NET_A, NET_B, NET_A6, NET_B6, NET_C6);

    @Test
    public void ipv6MoveTranslatesIpv6OnlyAtTheMembersEdge() {
        final Plan plan = plan(List.of(group("shop", WEB, WEB4, DB)), migration6("db", "2001:db8:3::30"));
        assertEquals(List.of(), plan.migration("db").orElseThrow().problems());
        final Map<String, PlannedFlow> sw1 = plan.flows(SW1);
        final Ipv6 home = Ipv6.parse("2001:db8:2::30");
        final Ipv6 now = Ipv6.parse("2001:db8:3::30");
        final Ipv6 web = Ipv6.parse("2001:db8:1::10");
        // one peer, one migration: per pair (to, from, miss); web4 has no IPv6 address and gets nothing
        assertEquals(sw1.values().toString(), 3, sw1.size());
        final PlannedFlow to = only(sw1, FlowKind.PAIR_TO_CURRENT);
        assertEquals(FlowMatch.builder().inPort(1).ipv6().ipv6Src(web).ipv6Dst(home).build(), to.match());
        assertEquals(List.of(new FlowAction.SetIpv6Dst(now), new FlowAction.SetEthDst(NET_A6.gatewayMac()),
            new FlowAction.OutputNormal()), to.actions());
        final PlannedFlow from = only(sw1, FlowKind.PAIR_FROM_CURRENT);
        assertEquals(FlowMatch.builder().ipv6().ipv6Src(now).ipv6Dst(web).build(), from.match());
        assertEquals(List.of(new FlowAction.SetIpv6Src(home), new FlowAction.OutputNormal()), from.actions());
        // nothing of IPv4 is rewritten: the VM kept its IPv4 address
        sw1.values().forEach(flow -> assertTrue(flow.toString(), flow.actions().stream().noneMatch(action ->
            action instanceof FlowAction.SetIpv4Dst || action instanceof FlowAction.SetIpv4Src)));
    }

    @Test
    public void dualStackMoveTranslatesBothFamiliesInOneLayout() {
        final Migration both = new Migration("db", Optional.of(Ipv4.parse("10.0.3.30")),
            Optional.of(Ipv6.parse("2001:db8:3::30")), Optional.empty(), Optional.empty(), java.util.Collections
                .emptySortedSet());
        final Plan plan = plan(List.of(group("shop", WEB, DB)), both);
        assertEquals(List.of(), plan.migration("db").orElseThrow().problems());
        final Map<String, PlannedFlow> sw1 = plan.flows(SW1);
        // per pair and family: to and from; one miss flow for both
        assertEquals(sw1.values().toString(), 5, sw1.size());
        assertEquals(2, sw1.values().stream().filter(flow -> flow.kind() == FlowKind.PAIR_TO_CURRENT).count());
        assertTrue(sw1.values().stream().anyMatch(flow -> flow.actions().contains(new FlowAction.SetIpv4Dst(
            Ipv4.parse("10.0.3.30")))));
        assertTrue(sw1.values().stream().anyMatch(flow -> flow.actions().contains(new FlowAction.SetIpv6Dst(
            Ipv6.parse("2001:db8:3::30")))));
        // the state counts each family apart: a direction per family, one flow each
        final var ids = plan.migration("db").orElseThrow().flowIds().get(SW1);
        assertEquals(java.util.Set.of(Direction.TO_CURRENT, Direction.FROM_CURRENT, Direction.TO_CURRENT_IPV6,
            Direction.FROM_CURRENT_IPV6), ids.keySet());
        ids.forEach((direction, flowIds) -> {
            assertEquals(direction.toString(), 1, flowIds.size());
            final boolean ipv6 = sw1.get(flowIds.iterator().next()).actions().stream().anyMatch(action ->
                action instanceof FlowAction.SetIpv6Dst || action instanceof FlowAction.SetIpv6Src);
            assertEquals(direction.toString(), direction.family() == Family.IPV6, ipv6);
        });
    }

    @Test
    public void sharedLayoutClassifiesIpv6Peers() {
        final Migration move = migration6("db", "2001:db8:3::30");
        final Plan plan = TranslationPlanner.plan(MobilityIntent.of(SUBNETS, List.of(group("shop", WEB, DB)),
            List.of(move), PipelineConfig.DEFAULT.withLayout(FlowLayout.SHARED), List.of()));
        final Map<String, PlannedFlow> sw1 = plan.flows(SW1);
        final PlannedFlow classify = only(sw1, FlowKind.CLASSIFY_IP);
        assertEquals(FlowMatch.builder().inPort(1).ipv6().ipv6Src(Ipv6.parse("2001:db8:1::10")).build(),
            classify.match());
        final PlannedFlow to = only(sw1, FlowKind.TRANSLATE_TO_CURRENT);
        assertEquals(Optional.of(Ipv6.parse("2001:db8:2::30")), to.match().ipv6Dst());
        assertTrue(to.actions().contains(new FlowAction.SetIpv6Dst(Ipv6.parse("2001:db8:3::30"))));
        assertFalse(sw1.values().stream().anyMatch(flow -> flow.kind() == FlowKind.ARP_RESPOND));
    }

    @Test
    public void ipv4FlowsKeepTheirIdsBesideIpv6() {
        // an IPv4 move plans the same flows (ids and all) whether or not the VMs and subnets also have IPv6
        final Member web4 = new Member("web", Ipv4.parse("10.0.1.10"), WEB.mac(), WEB.attachment());
        final Member db4 = new Member("db", Ipv4.parse("10.0.2.30"), DB.mac(), DB.attachment());
        final Migration move = new Migration("db", Ipv4.parse("10.0.3.30"), Optional.empty(), Optional.empty());
        final Plan ipv4 = TranslationPlanner.plan(MobilityIntent.of(List.of(NET_A, NET_B),
            List.of(group("shop", web4, db4)), List.of(move), PipelineConfig.DEFAULT, List.of()));
        final Plan dual = plan(List.of(group("shop", WEB, DB)), move);
        assertEquals(ipv4.flows(SW1).keySet(), dual.flows(SW1).keySet());
    }

    @Test
    public void ipv6MoveOfAVmWithoutIpv6HomeTranslatesNothingAndSaysWhy() {
        final Member db4 = new Member("db", Ipv4.parse("10.0.2.30"), DB.mac(), DB.attachment());
        final Plan plan = plan(List.of(group("shop", WEB, db4)), migration6("db", "2001:db8:3::30"));
        assertTrue(plan.migration("db").orElseThrow().problems().toString(), plan.migration("db").orElseThrow()
            .problems().stream().anyMatch(problem -> problem.contains("no IPv6 home address")));
        assertTrue(plan.flows(SW1).toString(), plan.flows(SW1).isEmpty());
    }

    @Test
    public void memberWithoutIpv6SubnetIsReported() {
        final Plan plan = TranslationPlanner.plan(MobilityIntent.of(List.of(NET_A, NET_B, NET_B6, NET_C6),
            List.of(group("shop", WEB, DB)), List.of(migration6("db", "2001:db8:3::30")), PipelineConfig.DEFAULT,
            List.of()));
        assertTrue(plan.migration("db").orElseThrow().problems().toString(), plan.migration("db").orElseThrow()
            .problems().contains("no subnet configured for 2001:db8:1::10 (member web of group shop)"));
    }

    @Test
    public void membersInTheHomeSubnetGetTheirSolicitationsSentToTheControllerAboveTheTranslation() {
        // a member in db's home IPv6 subnet; db moves to another one
        final Member peer = dual("peer", "10.0.2.40", "2001:db8:2::40", "52:54:00:00:00:40", SW1, 4);
        final Plan plan = plan(List.of(group("shop", peer, DB)), migration6("db", "2001:db8:3::30"));
        assertEquals(List.of(), plan.migration("db").orElseThrow().problems());
        final List<PlannedFlow> punts = plan.flows(SW1).values().stream()
            .filter(flow -> flow.kind() == FlowKind.ND_PUNT).toList();
        assertEquals(punts.toString(), 2, punts.size());
        final Ipv6 home = Ipv6.parse("2001:db8:2::30");
        // from its address and from its EUI-64 link-local one (Linux's reachability probes)
        assertEquals(java.util.Set.of(FlowMatch.builder().inPort(4).neighborSolicitation(home)
            .ipv6Src(Ipv6.parse("2001:db8:2::40")).build(), FlowMatch.builder().inPort(4)
            .neighborSolicitation(home).ipv6Src(Ipv6.parse("fe80::5054:ff:fe00:40")).build()),
            punts.stream().map(PlannedFlow::match).collect(java.util.stream.Collectors.toSet()));
        for (PlannedFlow punt : punts) {
            assertEquals(PipelineConfig.DEFAULT.priority() + 1, punt.priority());
            // through the switch's punt meter first: the controller gets at most its rate
            assertEquals(List.of(new FlowAction.Meter(PuntMeter.ID), new FlowAction.SetEthSrc(NET_B6.gatewayMac()),
                new FlowAction.SetEthDst(peer.mac()), new FlowAction.OutputController()), punt.actions());
        }
        assertTrue(plan.migration("db").orElseThrow().flowIds().get(SW1).containsKey(Direction.ND_REPLY));
        // a member in another subnet resolves its gateway, not db: no ND flows for web
        final Plan routed = plan(List.of(group("shop", WEB, DB)), migration6("db", "2001:db8:3::30"));
        assertFalse(routed.flows(SW1).values().stream().anyMatch(flow -> flow.kind() == FlowKind.ND_PUNT));
    }

    private static Plan plan(final List<Group> groups, final Migration migration) {
        return TranslationPlanner.plan(MobilityIntent.of(SUBNETS, groups, List.of(migration),
            PipelineConfig.DEFAULT, List.of()));
    }

    private static PlannedFlow only(final Map<String, PlannedFlow> flows, final FlowKind kind) {
        final List<PlannedFlow> found = flows.values().stream().filter(flow -> flow.kind() == kind).toList();
        assertEquals(flows.values().toString(), 1, found.size());
        return found.get(0);
    }

    private static Subnet subnet6(final String prefix, final String gateway, final String mac) {
        return new Subnet(Ipv6Prefix.parse(prefix), Ipv6.parse(gateway), Mac.parse(mac));
    }

    private static Member dual(final String vmId, final String address, final String address6, final String mac,
            final String nodeId, final long port) {
        return new Member(vmId, Optional.of(Ipv4.parse(address)), Optional.of(Ipv6.parse(address6)), Mac.parse(mac),
            Optional.of(new Attachment(nodeId, port)), Optional.empty());
    }

    private static Migration migration6(final String vmId, final String address6) {
        return new Migration(vmId, Optional.empty(), Optional.of(Ipv6.parse(address6)), Optional.empty(),
            Optional.empty(), java.util.Collections.emptySortedSet());
    }
}
