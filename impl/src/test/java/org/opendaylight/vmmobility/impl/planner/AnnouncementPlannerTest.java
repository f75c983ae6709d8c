/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.NET_A;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.NET_B;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.migration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * The flows that send a VM's own announcements to the controller (activation announce): only for VMs registered by
 * interface name whose announcements count, on the switch and port the interface is on now, one per registered IPv4
 * subnet other than the one the VM uses now, through the punt meter, forwarding the packet as usual.
 */
public class AnnouncementPlannerTest {
    private static final String SW1 = "openflow:1";
    private static final String SW2 = "openflow:2";
    private static final Subnet NET_C = new Subnet(Ipv4Prefix.parse("10.0.3.0/24"), Ipv4.parse("10.0.3.1"),
        Mac.parse("00:00:5e:00:01:03"));
    private static final Subnet NET_A6 = new Subnet(IpPrefix.parse("2001:db8:1::/64"), IpAddress.parse(
        "2001:db8:1::1"), Mac.parse("00:00:5e:00:02:01"));
    private static final Mac DB_MAC = Mac.parse("52:54:00:00:00:30");

    private static IncrementalPlanner planner(final boolean announceByDefault, final Activation activation) {
        final IncrementalPlanner planner = new IncrementalPlanner(PipelineConfig.DEFAULT.withAnnounceByDefault(
            announceByDefault));
        for (Subnet subnet : List.of(NET_A, NET_B, NET_C, NET_A6)) {
            planner.apply(new Change.PutSubnet(subnet));
        }
        planner.apply(new Change.PutVm(new Member("db", Optional.of(Ipv4.parse("10.0.2.30")), Optional.empty(),
            DB_MAC, Optional.empty(), Optional.of("tapdb"), activation)));
        planner.apply(new Change.PutVm(new Member("web", Ipv4.parse("10.0.1.10"), Mac.parse("52:54:00:00:00:10"),
            Optional.of(new Attachment(SW1, 1)))));
        planner.apply(new Change.PutPort(SW2, 9, "tapdb"));
        planner.replan();
        return planner;
    }

    private static List<PlannedFlow> announcements(final IncrementalPlanner planner, final String nodeId) {
        return planner.flows(nodeId).values().stream().filter(flow -> flow.kind() == FlowKind.ANNOUNCE_PUNT)
            .toList();
    }

    private static Set<String> subnets(final List<PlannedFlow> flows) {
        return flows.stream().map(flow -> flow.match().arpSpaNet().map(Object::toString)
            .orElseGet(() -> flow.match().ipv6SrcNet().orElseThrow().toString()))
            .collect(Collectors.toSet());
    }

    @Test
    public void anAnnouncingVmGetsOneFlowPerOtherIpv4SubnetOnItsPort() {
        final IncrementalPlanner planner = planner(false, Activation.ANNOUNCE);
        final List<PlannedFlow> flows = announcements(planner, SW2);
        assertEquals(Set.of("10.0.1.0/24", "10.0.3.0/24"), subnets(flows));
        final PlannedFlow flow = flows.get(0);
        assertEquals(PipelineConfig.DEFAULT.priority() + 1, flow.priority());
        assertEquals(0, flow.table());
        assertEquals(FlowMatch.builder().inPort(9).ethSrc(DB_MAC).arp().arpSpaIn(flow.match().arpSpaNet()
            .orElseThrow()).build(), flow.match());
        // metered, a copy to the controller, and forwarded as usual
        assertEquals(List.of(new FlowAction.Meter(PuntMeter.ID), new FlowAction.OutputController(),
            new FlowAction.OutputNormal()), flow.actions());
        assertEquals(PlannedFlow.COOKIE_PREFIX, flow.cookie() >>> 48);
        assertEquals(FlowKind.ANNOUNCE_PUNT.code(), flow.cookie() >>> 44 & 0xf);
        assertTrue(PuntMeter.neededBy(planner.flows(SW2).values()));
        // nothing anywhere else, and nothing for the VM registered by switch and port
        assertEquals(List.of(), announcements(planner, SW1));
    }

    @Test
    public void aDualStackVmAlsoGetsNeighborAdvertisementFlowsPerOtherIpv6Subnet() {
        final IncrementalPlanner planner = planner(false, Activation.ANNOUNCE);
        final Subnet netB6 = new Subnet(IpPrefix.parse("2001:db8:2::/64"), IpAddress.parse("2001:db8:2::1"),
            Mac.parse("00:00:5e:00:02:02"));
        planner.apply(new Change.PutSubnet(netB6));
        planner.apply(new Change.PutVm(new Member("db", Optional.of(Ipv4.parse("10.0.2.30")),
            Optional.of(Ipv6.parse("2001:db8:2::30")), DB_MAC, Optional.empty(), Optional.of("tapdb"),
            Activation.ANNOUNCE)));
        planner.replan();
        final List<PlannedFlow> flows = announcements(planner, SW2);
        final List<PlannedFlow> nd = flows.stream().filter(flow -> flow.match().ipv6SrcNet().isPresent()).toList();
        assertEquals(2, flows.size() - nd.size());
        assertEquals(1, nd.size());
        assertEquals(FlowMatch.builder().inPort(9).ethSrc(DB_MAC).neighborAdvertisement()
            .ipv6SrcIn(Ipv6Prefix.parse("2001:db8:1::/64")).build(), nd.get(0).match());
        assertEquals(List.of(new FlowAction.Meter(PuntMeter.ID), new FlowAction.OutputController(),
            new FlowAction.OutputNormal()), nd.get(0).actions());
    }

    @Test
    public void onlyVmsWhoseAnnouncementsCountGetTheFlows() {
        assertEquals(List.of(), announcements(planner(false, Activation.DEFAULT), SW2));
        assertEquals(List.of(), announcements(planner(true, Activation.RPC), SW2));
        assertEquals(2, announcements(planner(true, Activation.DEFAULT), SW2).size());
    }

    @Test
    public void theFlowsFollowTheVmsCurrentSubnetAndItsInterface() {
        final IncrementalPlanner planner = planner(false, Activation.ANNOUNCE);
        planner.apply(new Change.PutMigration(migration("db", "10.0.3.30")));
        planner.replan();
        // now in C: its home subnet B is one to announce in (a return home), C is not
        assertEquals(Set.of("10.0.1.0/24", "10.0.2.0/24"), subnets(announcements(planner, SW2)));

        planner.apply(new Change.RemovePort(SW2, 9));
        planner.apply(new Change.PutPort(SW1, 4, "tapdb"));
        planner.replan();
        assertEquals(List.of(), announcements(planner, SW2));
        final List<PlannedFlow> onSw1 = announcements(planner, SW1);
        assertEquals(2, onSw1.size());
        onSw1.forEach(flow -> assertEquals(4L, flow.match().inPort().orElseThrow()));

        planner.apply(new Change.RemoveSubnet(NET_A.prefix()));
        planner.replan();
        assertEquals(Set.of("10.0.2.0/24"), subnets(announcements(planner, SW1)));

        planner.apply(new Change.RemoveVm("db"));
        planner.replan();
        final Map<String, PlannedFlow> left = planner.flows(SW1);
        assertTrue(left.toString(), left.values().stream().noneMatch(flow -> flow.kind() == FlowKind.ANNOUNCE_PUNT));
    }
}
