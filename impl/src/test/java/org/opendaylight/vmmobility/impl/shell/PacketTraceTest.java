/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.testing.Intents;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobilityBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yangtools.binding.util.BindingMap;

/**
 * vmm:trace from a plan: the flows a packet meets on its edge switch, whether they are there, and what it becomes.
 * The shop: web, app, db on openflow:1 (ports 1-3), subnets 10.0.1.0/24 (gateway 02:00:00:00:01:fe) and 10.0.2.0/24;
 * n1 10.0.1.100 (port 9) is registered but in no group.
 */
public class PacketTraceTest {
    private static final Migration DB_MOVED = Intents.migration("db", "10.0.2.3", "openflow:2", 1);
    private static final Map<String, PacketTrace.Status> ACTIVE = Map.of("db", new PacketTrace.Status("active", ""));

    private static VmMobility shop(final Migration... migrations) {
        final VmMobility shop = Intents.shop(migrations);
        final var vms = new HashMap<>(shop.nonnullVm());
        final var n1 = Intents.vm("n1", "10.0.1.100", "02:00:00:00:00:64", "openflow:1", 9);
        vms.put(n1.key(), n1);
        return new VmMobilityBuilder(shop).setVm(vms).build();
    }

    /** openflow:1 and openflow:2 connected, with every planned flow of the given switches on them. */
    private static SwitchInventory installed(final List<Change> intent, final PipelineConfig pipeline,
            final String... withFlows) {
        final IncrementalPlanner planner = new IncrementalPlanner(pipeline);
        intent.forEach(planner::apply);
        planner.replan();
        final Map<SwitchInventory.FlowKey, Long> flows = new HashMap<>();
        for (String nodeId : withFlows) {
            for (PlannedFlow flow : planner.flows(nodeId).values()) {
                flows.put(new SwitchInventory.FlowKey(nodeId, flow.table(), flow.flowId()), flow.cookie());
            }
        }
        return new SwitchInventory(ImmutableSortedSet.of("openflow:1", "openflow:2"), ImmutableList.of(),
            ImmutableMap.copyOf(flows));
    }

    private static String trace(final VmMobility config, final PipelineConfig pipeline, final boolean onSwitch,
            final Map<String, PacketTrace.Status> statuses, final String from, final String to) {
        final List<Change> intent = ChangeReader.readAll(config);
        return PacketTrace.trace(intent, pipeline, onSwitch ? installed(intent, pipeline, "openflow:1")
            : installed(intent, pipeline), statuses, from, to);
    }

    @Test
    public void memberToMigratedVmIsRewrittenToItsNewAddress() {
        assertEquals("""
            packet:      IPv4 from web 10.0.1.1 (MAC 02:00:00:00:00:01) to 10.0.1.3 (home address of db)
            edge switch: openflow:1, in port 1
            pipeline:    tables 0-4, priority 1000, then output NORMAL, layout auto

            table 0  flow vmm-pair-to-db-9d6de64d  priority 1000  on switch: yes
              match:   in_port=1, ip, ipv4_src=10.0.1.1, ipv4_dst=10.0.1.3
              actions: set ipv4_dst=10.0.2.3, set eth_dst=02:00:00:00:01:fe, output NORMAL

            becomes:     IPv4 from 10.0.1.1 to 10.0.2.3 (db's new address), eth_dst 02:00:00:00:01:fe \
            (the gateway 10.0.1.254 of 10.0.1.0/24), output NORMAL
            result:      translated (migration of db: active)
            """, trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "web", "10.0.1.3"));
    }

    /** shop with IPv6: web and db in 2001:db8:1::/64, db moved to 2001:db8:2::3 on openflow:2 (both families). */
    private static List<Change> dualStack() {
        final VmMobility shop = shop(new MigrationBuilder(DB_MOVED).setNewAddress6(new Ipv6Host("2001:db8:2::3"))
            .build());
        final var vms = new HashMap<>(shop.nonnullVm());
        vms.computeIfPresent(new VmKey(new Name("web")), (key, vm) -> new VmBuilder(vm)
            .setHomeAddress6(new Ipv6Host("2001:db8:1::1")).build());
        vms.computeIfPresent(new VmKey(new Name("db")), (key, vm) -> new VmBuilder(vm)
            .setHomeAddress6(new Ipv6Host("2001:db8:1::3")).build());
        final var subnets = new HashMap<>(shop.nonnullSubnet());
        for (var subnet : List.of(Intents.subnet("2001:db8:1::/64", "2001:db8:1::fe", "02:00:00:00:01:fe"),
                Intents.subnet("2001:db8:2::/64", "2001:db8:2::fe", "02:00:00:00:02:fe"))) {
            subnets.put(subnet.key(), subnet);
        }
        return ChangeReader.readAll(new VmMobilityBuilder(shop).setVm(vms).setSubnet(subnets).build());
    }

    @Test
    public void ipv6PacketOfAMemberIsRewrittenToTheNewIpv6Address() {
        final List<Change> intent = dualStack();
        final String trace = PacketTrace.trace(intent, PipelineConfig.DEFAULT, installed(intent,
            PipelineConfig.DEFAULT, "openflow:1"), ACTIVE, "web", "2001:db8:1::3");
        assertTrue(trace, trace.startsWith("packet:      IPv6 from web 2001:db8:1::1 (MAC 02:00:00:00:00:01) to "
            + "2001:db8:1::3 (home address of db)\n"));
        assertTrue(trace, trace.contains("  match:   in_port=1, ipv6, ipv6_src=2001:db8:1::1, ipv6_dst=2001:db8:1::3\n"
            + "  actions: set ipv6_dst=2001:db8:2::3, set eth_dst=02:00:00:00:01:fe, output NORMAL\n"));
        assertTrue(trace, trace.contains("becomes:     IPv6 from 2001:db8:1::1 to 2001:db8:2::3 (db's new address), "
            + "eth_dst 02:00:00:00:01:fe (the gateway 2001:db8:1::fe of 2001:db8:1::/64), output NORMAL\n"));
        assertTrue(trace, trace.endsWith("result:      translated (migration of db: active)\n"));
    }

    @Test
    public void memberSolicitationForTheHomeAddressIsAnsweredByTheController() {
        final List<Change> intent = dualStack();
        final String answered = PacketTrace.traceSolicitation(intent, PipelineConfig.DEFAULT, installed(intent,
            PipelineConfig.DEFAULT, "openflow:1"), ACTIVE, "web", "db");
        assertTrue(answered, answered.startsWith("packet:      Neighbor Solicitation from web 2001:db8:1::1 (MAC "
            + "02:00:00:00:00:01) for 2001:db8:1::3 (home address of db)\n"));
        assertTrue(answered, answered.contains("priority 1001  on switch: yes\n  match:   in_port=1, ipv6, "
            + "ipv6_src=2001:db8:1::1, ip_proto=58, icmpv6_type=135, icmpv6_code=0, nd_target=2001:db8:1::3\n"));
        assertTrue(answered, answered.endsWith("becomes:     sent to the controller with eth_src 02:00:00:00:01:fe "
            + "(the gateway 2001:db8:1::fe of 2001:db8:1::/64) and eth_dst 02:00:00:00:00:01\n"
            + "result:      answered by the controller: Neighbor Advertisement 2001:db8:1::3 is at "
            + "02:00:00:00:01:fe\n"));
        // app is a member with no IPv6 address: it has nothing to resolve
        assertEquals("result:      not translated: app has no IPv6 address\n", PacketTrace.traceSolicitation(intent,
            PipelineConfig.DEFAULT, installed(intent, PipelineConfig.DEFAULT, "openflow:1"), ACTIVE, "app", "db"));
    }

    @Test
    public void sourceByHomeAddressOrCurrentAddressIsTheVm() {
        final String byId = trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "web", "10.0.1.3");
        assertEquals(byId, trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "10.0.1.1", "10.0.1.3"));
        // a VM id as destination stands for its home address
        assertEquals(byId, trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "web", "db"));
    }

    @Test
    public void planWithoutItsFlowOnTheSwitchIsNotTranslatedYet() {
        assertEquals("""
            packet:      IPv4 from web 10.0.1.1 (MAC 02:00:00:00:00:01) to 10.0.1.3 (home address of db)
            edge switch: openflow:1, in port 1
            pipeline:    tables 0-4, priority 1000, then output NORMAL, layout auto

            table 0  flow vmm-pair-to-db-9d6de64d  priority 1000  on switch: no
              match:   in_port=1, ip, ipv4_src=10.0.1.1, ipv4_dst=10.0.1.3
              actions: set ipv4_dst=10.0.2.3, set eth_dst=02:00:00:00:01:fe, output NORMAL

            becomes:     IPv4 from 10.0.1.1 to 10.0.2.3 (db's new address), eth_dst 02:00:00:00:01:fe \
            (the gateway 10.0.1.254 of 10.0.1.0/24), output NORMAL
            result:      not translated yet: flow vmm-pair-to-db-9d6de64d is not on openflow:1 \
            (migration of db: pending: flows not yet on openflow:1)
            """, trace(shop(DB_MOVED), PipelineConfig.DEFAULT, false, Map.of("db", new PacketTrace.Status("pending",
                "flows not yet on openflow:1")), "web", "10.0.1.3"));
    }

    @Test
    public void olderContentUnderTheSameIdIsNotOnTheSwitch() {
        final List<Change> intent = ChangeReader.readAll(shop(DB_MOVED));
        final SwitchInventory current = installed(intent, PipelineConfig.DEFAULT, "openflow:1");
        final Map<SwitchInventory.FlowKey, Long> flows = new HashMap<>(current.flows());
        flows.replaceAll((key, cookie) -> cookie + 1);
        final String trace = PacketTrace.trace(intent, PipelineConfig.DEFAULT, new SwitchInventory(
            current.connected(), current.ports(), ImmutableMap.copyOf(flows)), ACTIVE, "web", "10.0.1.3");
        assertEquals("table 0  flow vmm-pair-to-db-9d6de64d  priority 1000  on switch: no "
            + "(an older version of it is)",
            trace.lines().filter(line -> line.startsWith("table")).findFirst().orElseThrow());
        assertEquals("result:      not translated yet: flow vmm-pair-to-db-9d6de64d is not on openflow:1 "
            + "(migration of db: active)", result(trace));
    }

    @Test
    public void flowListedUnderAGeneratedIdIsFoundByItsCookie() {
        final List<Change> intent = ChangeReader.readAll(shop(DB_MOVED));
        final SwitchInventory byId = installed(intent, PipelineConfig.DEFAULT, "openflow:1");
        final var cookies = byId.flows().entrySet().stream().map(entry -> new SwitchInventory.FlowKey(
            entry.getKey().nodeId(), entry.getKey().table(), "cookie=0x" + Long.toHexString(entry.getValue())))
            .collect(ImmutableSet.toImmutableSet());
        final String trace = PacketTrace.trace(intent, PipelineConfig.DEFAULT, new SwitchInventory(
            byId.connected(), byId.ports(), ImmutableMap.of(), cookies), ACTIVE, "web", "10.0.1.3");
        assertEquals("result:      translated (migration of db: active)", result(trace));
    }

    @Test
    public void flowsTheSwitchReportsWhenAskedAreOnTheSwitch() {
        // flow statistics are not polled: the operational inventory lists no flow, the switch is asked directly
        final List<Change> intent = ChangeReader.readAll(shop(DB_MOVED));
        final SwitchInventory installed = installed(intent, PipelineConfig.DEFAULT, "openflow:1");
        final var reported = installed.flows().entrySet().stream()
            .filter(entry -> entry.getKey().nodeId().equals("openflow:1")).map(Map.Entry::getValue)
            .collect(ImmutableSet.toImmutableSet());
        final SwitchInventory listingNothing = new SwitchInventory(installed.connected(), installed.ports(),
            ImmutableMap.of());
        final List<String> asked = new ArrayList<>();
        final String trace = PacketTrace.trace(intent, PipelineConfig.DEFAULT, listingNothing.askingSwitches(node -> {
            asked.add(node);
            return node.equals("openflow:1") ? Optional.of(reported) : Optional.empty();
        }), ACTIVE, "web", "10.0.1.3");
        assertEquals("result:      translated (migration of db: active)", result(trace));
        assertEquals(Set.of("openflow:1"), Set.copyOf(asked));

        final String unanswered = PacketTrace.trace(intent, PipelineConfig.DEFAULT,
            listingNothing.askingSwitches(node -> Optional.empty()), ACTIVE, "web", "10.0.1.3");
        assertEquals("result:      not translated yet: flow vmm-pair-to-db-9d6de64d is not on openflow:1 "
            + "(migration of db: active)", result(unanswered));
    }

    @Test
    public void sharedPipelineIsWalkedTableByTable() {
        assertEquals("""
            packet:      IPv4 from app 10.0.1.2 (MAC 02:00:00:00:00:02) to 10.0.1.3 (home address of db)
            edge switch: openflow:1, in port 2
            pipeline:    tables 0-4, priority 1000, then output NORMAL, layout shared

            table 0  flow vmm-classify-ip-app-f91ea26d  priority 1000  on switch: yes
              match:   in_port=2, ip, ipv4_src=10.0.1.2
              actions: write class=0x90855, tag=0x798e6f, goto table 1

            table 1  flow vmm-xlate-to-db-f088908d  priority 1000  on switch: yes
              match:   ip, ipv4_dst=10.0.1.3, class=0x90855
              actions: set ipv4_dst=10.0.2.3, set eth_dst=02:00:00:00:01:fe, goto table 2

            table 2  flow vmm-miss-t2-43493365  priority 0  on switch: yes
              match:   any
              actions: output NORMAL

            becomes:     IPv4 from 10.0.1.2 to 10.0.2.3 (db's new address), eth_dst 02:00:00:00:01:fe \
            (the gateway 10.0.1.254 of 10.0.1.0/24), output NORMAL
            result:      translated (migration of db: active)
            """, trace(shop(DB_MOVED), PipelineConfig.DEFAULT.withLayout(FlowLayout.SHARED), true, ACTIVE, "app",
                "10.0.1.3"));
    }

    @Test
    public void nonMemberIsNotTranslated() {
        assertEquals("""
            packet:      IPv4 from n1 10.0.1.100 (MAC 02:00:00:00:00:64) to 10.0.1.3 (home address of db)
            edge switch: openflow:1, in port 9
            pipeline:    tables 0-4, priority 1000, then output NORMAL, layout auto

            table 0  flow vmm-miss-t0-c935442b  priority 0  on switch: yes
              match:   any
              actions: output NORMAL

            becomes:     unchanged, output NORMAL
            result:      not translated: n1 shares no group with db (db is in shop)
            """, trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "n1", "10.0.1.3"));
    }

    @Test
    public void unregisteredSourceIsNotTranslated() {
        assertEquals("result:      not translated: 10.0.1.200 is not a registered VM (no VM has that id, home "
            + "address or current address)\n",
            trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "10.0.1.200", "10.0.1.3"));
        assertEquals("vmm:trace: nowhere is neither an IPv4 or IPv6 address nor a registered VM\n",
            trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "web", "nowhere"));
    }

    @Test
    public void peerThatCutOverIsNotTranslated() {
        assertEquals("result:      not translated: web cut over to db's new address 10.0.2.3: nothing between them "
            + "is translated", result(trace(shop(new MigrationBuilder(DB_MOVED).setCutOver(Set.of(new Name("web")))
                .build()), PipelineConfig.DEFAULT, true, ACTIVE, "web", "10.0.1.3")));
    }

    @Test
    public void vmAtHomeOrCurrentAddressIsNotTranslated() {
        assertEquals("""
            packet:      IPv4 from web 10.0.1.1 (MAC 02:00:00:00:00:01) to 10.0.1.3 (home address of db)
            edge switch: openflow:1, in port 1
            pipeline:    tables 0-4, priority 1000, then output NORMAL, layout auto

            becomes:     unchanged, no flow of the application on openflow:1: the switch forwards it as without VM \
            Mobility
            result:      not translated: db is at home (no migration): 10.0.1.3 reaches it directly
            """, trace(shop(), PipelineConfig.DEFAULT, true, Map.of(), "web", "db"));
        assertEquals("result:      not translated: 10.0.2.3 is the current address of db, not a home address: it is "
            + "reached directly", result(trace(shop(DB_MOVED), PipelineConfig.DEFAULT, true, ACTIVE, "web",
                "10.0.2.3")));
    }

    @Test
    public void migrationThatCannotBePlannedSaysWhy() {
        final VmMobility withoutSubnet1 = new VmMobilityBuilder(shop(DB_MOVED)).setSubnet(BindingMap.of(List.of(
            Intents.subnet("10.0.2.0/24", "10.0.2.254", "02:00:00:00:02:fe")))).build();
        assertEquals("result:      not translated: the migration of db is not (completely) translated: no subnet "
            + "configured for 10.0.1.1 (member web of group shop); no subnet configured for 10.0.1.2 (member app of "
            + "group shop)", result(trace(withoutSubnet1, PipelineConfig.DEFAULT, true, Map.of("db",
                new PacketTrace.Status("failed", "no subnet")), "web", "10.0.1.3")));
    }

    private static String result(final String trace) {
        return trace.lines().reduce((first, second) -> second).orElseThrow();
    }
}
