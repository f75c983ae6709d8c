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
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.GW_A;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.NET_A;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.NET_B;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.SW1;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.SW2;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.SW3;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.SW4;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.group;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.intent;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.member;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.migration;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.unattached;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact flow sets of the translation planner.
 */
public class TranslationPlannerTest {
    private static final Logger LOG = LoggerFactory.getLogger(TranslationPlannerTest.class);
    private static final String NORMAL = "NORMAL";
    private static final String PINNED_XLATE_TO_ID = "vmm-xlate-to-db-c7ca53d8";
    private static final long PINNED_XLATE_TO_COOKIE = 0x564d38d2d853cac7L;

    private static final Member WEB = member("web", "10.0.1.10", "52:54:00:00:00:10", SW1, 1);
    private static final Member APP = member("app", "10.0.1.20", "52:54:00:00:00:20", SW1, 2);
    private static final Member DB = member("db", "10.0.1.30", "52:54:00:00:00:30", SW2, 1);
    private static final Group SHOP = group("shop", WEB, APP, DB);

    /** Class A: group shop in subnet A; class B: group shop in subnet B. */
    private final FlowRenderer renderer = new FlowRenderer().klass("A", "shop", NET_A).klass("B", "shop", NET_B)
        .tag("web").tag("app").tag("db").tag("x").tag("mail").tag("news");

    @Test
    public void singleMigrationThroughTheGateway() {
        // db moves to subnet B on another switch: web and app (subnet A, switch 1) reach it through A's gateway
        final Plan plan = TranslationPlanner.plan(intent(List.of(SHOP),
            List.of(migration("db", "10.0.2.30", "52:54:00:00:01:30", SW3, 7))));

        assertEquals(Set.of(SW1), plan.flowsBySwitch().keySet());
        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true),
            peer(0, "app", 2, "10.0.1.20", "52:54:00:00:00:20", "A", true),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW1)));

        final MigrationPlan db = plan.migration("db").orElseThrow();
        assertEquals(List.of(), db.problems());
        assertTrue(db.isFullyPlanned());
        assertEquals(Set.of(SW1), db.switches());
        assertEquals(3, db.flowCount());
        assertEquals(Set.of(Direction.TO_CURRENT, Direction.FROM_CURRENT, Direction.ARP_REPLY),
            db.flowIds().get(SW1).keySet());
        for (Map.Entry<Direction, Set<String>> entry : db.flowIds().get(SW1).entrySet()) {
            assertEquals(1, entry.getValue().size());
            final PlannedFlow flow = plan.flows(SW1).get(entry.getValue().iterator().next());
            assertEquals(entry.getKey(), flow.kind().direction().orElseThrow());
        }
        // the translation needs every flow on switch 1
        assertEquals(plan.flows(SW1).keySet(), db.requiredFlowIds().get(SW1));
        assertInvariants(plan);
    }

    @Test
    public void nextHopIsTheVmWhenItMovedIntoThePeersSubnet() {
        // x lives in subnet B on switch 1; db moves into subnet B with a new MAC: x reaches it directly, without
        // ARP flows (x does not ARP for db's home address, which is in subnet A); web still goes through A's gateway
        final Member x = member("x", "10.0.2.40", "52:54:00:00:00:40", SW1, 4);
        final Plan plan = TranslationPlanner.plan(intent(List.of(group("shop", WEB, x, DB)),
            List.of(migration("db", "10.0.2.30", "52:54:00:00:01:30", SW3, 7))));

        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true),
            peer(0, "x", 4, "10.0.2.40", "52:54:00:00:00:40", "B", false),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            xlate(0, "B", "10.0.1.30", "10.0.2.30", "52:54:00:00:01:30", false, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW1)));
        assertEquals(5, plan.migration("db").orElseThrow().flowCount());
        assertInvariants(plan);
    }

    @Test
    public void migratingAgainTranslatesToTheNewAddressOnly() {
        final Plan first = TranslationPlanner.plan(intent(List.of(SHOP), List.of(migration("db", "10.0.2.30"))));
        final Plan again = TranslationPlanner.plan(intent(List.of(SHOP), List.of(migration("db", "10.0.2.31"))));

        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true),
            peer(0, "app", 2, "10.0.1.20", "52:54:00:00:00:20", "A", true),
            xlate(0, "A", "10.0.1.30", "10.0.2.31", GW_A, true, NORMAL),
            miss(0, NORMAL)), renderer.render(again.flows(SW1)));
        assertFalse(again.flows(SW1).values().stream().anyMatch(flow -> renderer.render(flow).contains("10.0.2.30")));
        // db stayed on switch 2 and is no peer of anyone: no flows there
        assertEquals(Set.of(SW1), again.flowsBySwitch().keySet());
        // the translation flows get new ids and cookies (the current address is part of their key): the old ones
        // are deleted, and a flow on a switch is never mistaken for its successor
        final String xlateTo = first.migration("db").orElseThrow().flowIds().get(SW1).get(Direction.TO_CURRENT)
            .iterator().next();
        final String xlateAgain = again.migration("db").orElseThrow().flowIds().get(SW1).get(Direction.TO_CURRENT)
            .iterator().next();
        assertNotEquals(xlateTo, xlateAgain);
        assertFalse(again.flows(SW1).containsKey(xlateTo));
        assertNotEquals(first.flows(SW1).get(xlateTo).cookie(), again.flows(SW1).get(xlateAgain).cookie());
    }

    @Test
    public void returningHomeRemovesEveryFlow() {
        // the migration is deleted when the VM returns home: nothing is translated, no switch gets flows
        final Plan home = TranslationPlanner.plan(intent(List.of(SHOP), List.of()));
        assertEquals(Map.of(), home.flowsBySwitch());
        assertEquals(Map.of(), home.migrations());
        assertEquals(0, home.flowCount());

        // a migration whose new address is the home address translates nothing either
        final Plan same = TranslationPlanner.plan(intent(List.of(SHOP), List.of(migration("db", "10.0.1.30"))));
        assertEquals(Map.of(), same.flowsBySwitch());
        assertEquals(List.of("new address 10.0.1.30 is its home address: nothing to translate"),
            same.migration("db").orElseThrow().problems());
    }

    @Test
    public void twoMigratedMembersOnTheSameSwitch() {
        // web and db both move to subnet B and stay on switch 1 (db now attached there); app stays home
        final Member db = member("db", "10.0.1.30", "52:54:00:00:00:30", SW1, 3);
        final Plan plan = TranslationPlanner.plan(intent(List.of(group("shop", WEB, APP, db)),
            List.of(migration("web", "10.0.2.10"), migration("db", "10.0.2.30"))));

        assertEquals(expected(
            peer(0, "app", 2, "10.0.1.20", "52:54:00:00:00:20", "A", true),
            xlate(0, "A", "10.0.1.10", "10.0.2.10", GW_A, true, NORMAL),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            // web and db see each other at their home addresses, in subnet B, directly (no ARP: homes are in A)
            peer(0, "web", 1, "10.0.2.10", "52:54:00:00:00:10", "B", false),
            peer(0, "db", 3, "10.0.2.30", "52:54:00:00:00:30", "B", false),
            xlate(0, "B", "10.0.1.10", "10.0.2.10", "52:54:00:00:00:10", false, NORMAL),
            xlate(0, "B", "10.0.1.30", "10.0.2.30", "52:54:00:00:00:30", false, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW1)));
        assertEquals(Set.of(SW1), plan.flowsBySwitch().keySet());
        assertEquals(5, plan.migration("web").orElseThrow().flowCount());
        assertEquals(5, plan.migration("db").orElseThrow().flowCount());
        assertInvariants(plan);
    }

    @Test
    public void twoMigratedMembersOnDifferentSwitches() {
        final Plan plan = TranslationPlanner.plan(intent(List.of(SHOP), List.of(
            migration("web", "10.0.2.10", "52:54:00:00:01:10", SW3, 1),
            migration("db", "10.0.2.30", "52:54:00:00:01:30", SW4, 1))));

        assertEquals(Set.of(SW1, SW3, SW4), plan.flowsBySwitch().keySet());
        assertEquals(expected(
            peer(0, "app", 2, "10.0.1.20", "52:54:00:00:00:20", "A", true),
            xlate(0, "A", "10.0.1.10", "10.0.2.10", GW_A, true, NORMAL),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW1)));
        assertEquals(expected(
            peer(0, "web", 1, "10.0.2.10", "52:54:00:00:01:10", "B", false),
            xlate(0, "B", "10.0.1.30", "10.0.2.30", "52:54:00:00:01:30", false, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW3)));
        assertEquals(expected(
            peer(0, "db", 1, "10.0.2.30", "52:54:00:00:01:30", "B", false),
            xlate(0, "B", "10.0.1.10", "10.0.2.10", "52:54:00:00:01:10", false, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW4)));
        assertEquals(Set.of(SW1, SW4), plan.migration("web").orElseThrow().switches());
        assertEquals(Set.of(SW1, SW3), plan.migration("db").orElseThrow().switches());
        assertEquals(5, plan.migration("web").orElseThrow().flowCount());
        assertInvariants(plan);
    }

    @Test
    public void vmInTwoGroupsIsTranslatedForTheMembersOfBothAndNobodyElse() {
        // db is in shop and crm; news and cms (group blog) share switch 1 but no group with db
        final Member mail = member("mail", "10.0.1.50", "52:54:00:00:00:50", SW1, 5);
        final Member news = member("news", "10.0.1.60", "52:54:00:00:00:60", SW1, 6);
        final Member cms = member("cms", "10.0.1.70", "52:54:00:00:00:70", SW1, 7);
        final Plan plan = TranslationPlanner.plan(intent(
            List.of(group("shop", WEB, DB), group("crm", DB, mail), group("blog", news, cms)),
            List.of(migration("db", "10.0.2.30"))));

        final FlowRenderer twoGroups = new FlowRenderer().klass("SHOP", "shop", NET_A).klass("CRM", "crm", NET_A)
            .tag("web").tag("mail");
        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "SHOP", true),
            peer(0, "mail", 5, "10.0.1.50", "52:54:00:00:00:50", "CRM", true),
            xlate(0, "SHOP", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            xlate(0, "CRM", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(0, NORMAL)), twoGroups.render(plan.flows(SW1)));
        assertFalse(plan.flows(SW1).values().stream().anyMatch(flow -> flow.flowName().contains("news")
            || flow.flowName().contains("cms")));
        assertEquals(6, plan.migration("db").orElseThrow().flowCount());
    }

    @Test
    public void memberInTwoGroupsHasOneClassForBoth() {
        // web is in shop and crm, like db; mail only in crm: two classes (shop+crm, crm)
        final Member mail = member("mail", "10.0.1.50", "52:54:00:00:00:50", SW1, 5);
        final Plan plan = TranslationPlanner.plan(intent(
            List.of(group("shop", WEB, DB), group("crm", WEB, DB, mail)), List.of(migration("db", "10.0.2.30"))));
        final FlowRenderer both = new FlowRenderer().klass("BOTH", "crm,shop", NET_A).klass("CRM", "crm", NET_A)
            .tag("web").tag("mail");
        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "BOTH", true),
            peer(0, "mail", 5, "10.0.1.50", "52:54:00:00:00:50", "CRM", true),
            xlate(0, "BOTH", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            xlate(0, "CRM", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(0, NORMAL)), both.render(plan.flows(SW1)));
    }

    @Test
    public void memberWithoutAttachmentIsReportedAndNotTranslated() {
        final Plan plan = TranslationPlanner.plan(intent(
            List.of(group("shop", WEB, unattached("app", "10.0.1.20", "52:54:00:00:00:20"), DB)),
            List.of(migration("db", "10.0.2.30"))));

        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW1)));
        final MigrationPlan db = plan.migration("db").orElseThrow();
        assertEquals(List.of("member app of group shop has no attachment: not translated for it"), db.problems());
        assertFalse(db.isFullyPlanned());
        assertEquals(3, db.flowCount());
    }

    @Test
    public void memberWithoutSubnetIsReportedAndNotTranslated() {
        final Plan plan = TranslationPlanner.plan(intent(
            List.of(group("shop", member("web", "10.0.9.9", "52:54:00:00:00:10", SW1, 1), APP, DB)),
            List.of(migration("db", "10.0.2.30"))));

        assertEquals(expected(
            peer(0, "app", 2, "10.0.1.20", "52:54:00:00:00:20", "A", true),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(0, NORMAL)), renderer.render(plan.flows(SW1)));
        assertEquals(List.of("no subnet configured for 10.0.9.9 (member web of group shop)"),
            plan.migration("db").orElseThrow().problems());
    }

    @Test
    public void migrationOfAnUnregisteredVmIsReportedWithoutFlows() {
        final Plan plan = TranslationPlanner.plan(intent(List.of(SHOP), List.of(migration("ghost", "10.0.2.99"))));
        assertEquals(Map.of(), plan.flowsBySwitch());
        final MigrationPlan ghost = plan.migration("ghost").orElseThrow();
        assertEquals(List.of("VM ghost is not registered"), ghost.problems());
        assertEquals(0, ghost.flowCount());
        assertEquals(Set.of(), ghost.switches());
    }

    @Test
    public void migrationToAnAddressInUseIsReportedWithoutFlows() {
        // db moves to web's address: translating would give web's and db's flows the same match
        final Plan plan = TranslationPlanner.plan(intent(List.of(SHOP), List.of(migration("db", "10.0.1.10"))));
        assertEquals(Map.of(), plan.flowsBySwitch());
        assertEquals(List.of("new address 10.0.1.10 is also the address of web: not translated"),
            plan.migration("db").orElseThrow().problems());
    }

    @Test
    public void longestPrefixMatchChoosesTheClassSubnet() {
        // 10.0.0.0/16 contains subnet A: web (10.0.1.10) is in A, y (10.0.5.50) only in the /16
        final Subnet wide = new Subnet(Ipv4Prefix.parse("10.0.0.0/16"), Ipv4.parse("10.0.0.1"),
            Mac.parse("00:00:5e:00:01:ff"));
        final Member y = member("y", "10.0.5.50", "52:54:00:00:00:55", SW1, 5);
        final Plan plan = TranslationPlanner.plan(MobilityIntent.of(List.of(wide, NET_A, NET_B),
            List.of(group("shop", WEB, y, DB)), List.of(migration("db", "10.0.2.30")),
            PipelineConfig.DEFAULT.withLayout(FlowLayout.SHARED),
            List.of()));
        final FlowRenderer wideRenderer = new FlowRenderer().klass("A", "shop", NET_A).klass("W", "shop", wide)
            .tag("web").tag("y");
        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true),
            peer(0, "y", 5, "10.0.5.50", "52:54:00:00:00:55", "W", true),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            // C is inside the /16 too: y reaches db directly
            xlate(0, "W", "10.0.1.30", "10.0.2.30", "52:54:00:00:00:30", true, NORMAL),
            miss(0, NORMAL)), wideRenderer.render(plan.flows(SW1)));
    }

    @Test
    public void groupWithOnlyTheMigratedVmNeedsNoFlows() {
        final Plan plan = TranslationPlanner.plan(intent(List.of(group("solo", DB)),
            List.of(migration("db", "10.0.2.30"))));
        assertEquals(Map.of(), plan.flowsBySwitch());
        assertTrue(plan.migration("db").orElseThrow().isFullyPlanned());
    }

    @Test
    public void removingAMemberRemovesItsFlows() {
        final Plan before = TranslationPlanner.plan(intent(List.of(SHOP), List.of(migration("db", "10.0.2.30"))));
        final Plan after = TranslationPlanner.plan(intent(List.of(group("shop", WEB, DB)),
            List.of(migration("db", "10.0.2.30"))));

        assertEquals(expected(
            peer(0, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true),
            xlate(0, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(0, NORMAL)), renderer.render(after.flows(SW1)));
        assertFalse(after.flows(SW1).values().stream().anyMatch(flow -> flow.flowId().contains("app")));
        // every remaining flow is unchanged, id and content: a writer deletes exactly app's four flows
        final Set<String> removed = new TreeSet<>(before.flows(SW1).keySet());
        removed.removeAll(after.flows(SW1).keySet());
        assertEquals(4, removed.size());
        assertTrue(removed.stream().allMatch(id -> id.contains("-app-")));
        after.flows(SW1).forEach((id, flow) -> assertEquals(before.flows(SW1).get(id), flow));
    }

    @Test
    public void defaultForwardingOnEveryConnectedSwitch() {
        final List<String> connected = List.of(SW1, SW2, SW3);
        final PipelineConfig on = new PipelineConfig((short) 0, 1000, PipelineConfig.OUTPUT_NORMAL, true,
            FlowLayout.SHARED);
        final Plan plan = TranslationPlanner.plan(intent(on, List.of(SHOP), List.of(migration("db", "10.0.2.30")),
            connected));
        assertEquals(Set.of(SW1, SW2, SW3), plan.flowsBySwitch().keySet());
        assertEquals(expected(miss(0, NORMAL)), renderer.render(plan.flows(SW2)));
        assertEquals(expected(miss(0, NORMAL)), renderer.render(plan.flows(SW3)));
        assertEquals(15, plan.flows(SW1).size());

        // with T > 0, table 0 sends everything to T
        final PipelineConfig onAt20 = new PipelineConfig((short) 20, 1000, PipelineConfig.OUTPUT_NORMAL, true,
            FlowLayout.SHARED);
        final Plan at20 = TranslationPlanner.plan(intent(onAt20, List.of(SHOP), List.of(), connected));
        assertEquals(expected(miss(20, NORMAL), List.of("t0 p0 goto-base [] -> goto:20")),
            renderer.render(at20.flows(SW2)));

        // off: only the switch with translations gets miss flows, and never table 0
        final PipelineConfig offAt20 = new PipelineConfig((short) 20, 1000, PipelineConfig.OUTPUT_NORMAL, false,
            FlowLayout.SHARED);
        final Plan off = TranslationPlanner.plan(intent(offAt20, List.of(SHOP),
            List.of(migration("db", "10.0.2.30")), connected));
        assertEquals(Set.of(SW1), off.flowsBySwitch().keySet());
        assertEquals(expected(
            peer(20, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true),
            peer(20, "app", 2, "10.0.1.20", "52:54:00:00:00:20", "A", true),
            xlate(20, "A", "10.0.1.30", "10.0.2.30", GW_A, true, NORMAL),
            miss(20, NORMAL)), renderer.render(off.flows(SW1)));
        assertEquals(Map.of(), TranslationPlanner.plan(intent(offAt20, List.of(SHOP), List.of(), connected))
            .flowsBySwitch());
    }

    @Test
    public void nextTableInsteadOfNormal() {
        final PipelineConfig config = new PipelineConfig((short) 10, 2000, 30, false,
            FlowLayout.SHARED);
        final Plan plan = TranslationPlanner.plan(intent(config, List.of(SHOP),
            List.of(migration("db", "10.0.2.30")), List.of()));
        final List<String> expected = new ArrayList<>();
        expected.addAll(peer(10, "web", 1, "10.0.1.10", "52:54:00:00:00:10", "A", true));
        expected.addAll(peer(10, "app", 2, "10.0.1.20", "52:54:00:00:00:20", "A", true));
        expected.addAll(xlate(10, "A", "10.0.1.30", "10.0.2.30", GW_A, true, "goto:30"));
        final Set<String> withPriority = new TreeSet<>();
        expected.forEach(flow -> withPriority.add(flow.replace(" p1000 ", " p2000 ")));
        withPriority.addAll(miss(10, "goto:30"));
        assertEquals(withPriority, renderer.render(plan.flows(SW1)));
        assertInvariants(plan);
    }

    @Test
    public void planIsIndependentOfInputOrder() {
        final Member mail = member("mail", "10.0.1.50", "52:54:00:00:00:50", SW2, 5);
        final Member x = member("x", "10.0.2.40", "52:54:00:00:00:40", SW1, 4);
        final List<Migration> migrations = List.of(migration("db", "10.0.2.30"),
            migration("web", "10.0.2.10", "52:54:00:00:01:10", SW3, 1), migration("ghost", "10.0.2.99"));
        final PipelineConfig config = new PipelineConfig((short) 5, 1000, PipelineConfig.OUTPUT_NORMAL, true,
            FlowLayout.SHARED);
        final Plan plan = TranslationPlanner.plan(MobilityIntent.of(List.of(NET_A, NET_B),
            List.of(group("shop", WEB, APP, DB, x), group("crm", DB, mail)), migrations, config,
            List.of(SW1, SW2, SW4)));
        final Plan shuffled = TranslationPlanner.plan(MobilityIntent.of(List.of(NET_B, NET_A),
            List.of(group("crm", mail, DB), group("shop", x, DB, WEB, APP)), reversed(migrations), config,
            List.of(SW4, SW2, SW1)));
        assertEquals(plan, shuffled);
        assertEquals(plan.hashCode(), shuffled.hashCode());
        assertEquals(TranslationPlanner.plan(MobilityIntent.of(List.of(NET_A, NET_B),
            List.of(group("shop", WEB, APP, DB, x), group("crm", DB, mail)), migrations, config,
            List.of(SW1, SW2, SW4))), plan);
        assertInvariants(plan);
    }

    @Test
    public void flowIdsAndCookiesAreStable() {
        // these literals pin the id and cookie scheme: a change would make every writer rewrite every flow
        final Plan plan = TranslationPlanner.plan(intent(List.of(SHOP), List.of(migration("db", "10.0.2.30"))));
        final Map<Direction, Set<String>> ids = plan.migration("db").orElseThrow().flowIds().get(SW1);
        final String xlateTo = ids.get(Direction.TO_CURRENT).iterator().next();
        final PlannedFlow flow = plan.flows(SW1).get(xlateTo);
        LOG.info("pinned: {} cookie 0x{} / {}", xlateTo, Long.toHexString(flow.cookie()), flow.flowName());
        assertTrue(xlateTo, xlateTo.matches("vmm-xlate-to-db-[0-9a-f]{8}"));
        assertEquals(PINNED_XLATE_TO_ID, xlateTo);
        assertEquals(PINNED_XLATE_TO_COOKIE, flow.cookie());
        assertEquals(0x564DL, flow.cookie() >>> 48);
        assertEquals(FlowKind.TRANSLATE_TO_CURRENT.code(), flow.cookie() >>> 44 & 0xF);
    }

    /** Checks what every plan must satisfy: ids, cookies, tables, action order. */
    static void assertInvariants(final Plan plan) {
        for (Map.Entry<String, Map<String, PlannedFlow>> entry : plan.flowsBySwitch().entrySet()) {
            assertFalse(entry.getValue().isEmpty());
            for (Map.Entry<String, PlannedFlow> flowEntry : entry.getValue().entrySet()) {
                final PlannedFlow flow = flowEntry.getValue();
                assertEquals(flowEntry.getKey(), flow.flowId());
                assertTrue(flow.flowId(), flow.flowId().matches("vmm-[a-z-]+-([A-Za-z0-9._:-]+-)?[0-9a-f]{8}"));
                assertEquals(0x564DL, flow.cookie() >>> 48);
                assertEquals(flow.kind().code(), flow.cookie() >>> 44 & 0xF);
                flow.gotoTable().ifPresent(go -> assertTrue(flow.flowId(), go.table() > flow.table()));
            }
        }
        for (MigrationPlan migration : plan.migrations().values()) {
            int count = 0;
            for (Map.Entry<String, Map<Direction, Set<String>>> entry : migration.flowIds().entrySet()) {
                for (Set<String> ids : entry.getValue().values()) {
                    count += ids.size();
                    for (String id : ids) {
                        assertTrue(id, plan.flows(entry.getKey()).containsKey(id));
                        assertTrue(id, migration.requiredFlowIds().get(entry.getKey()).contains(id));
                    }
                }
            }
            assertEquals(count, migration.flowCount());
            assertEquals(migration.flowIds().keySet(), migration.switches());
            migration.requiredFlowIds().forEach((nodeId, ids) -> assertTrue(
                plan.flows(nodeId).keySet().containsAll(ids)));
        }
    }

    /** The flows of local member vm (class cls), as the renderer shows them, at base table base. */
    static List<String> peer(final int base, final String vm, final long port, final String ip, final String mac,
            final String cls, final boolean arp) {
        final List<String> flows = new ArrayList<>();
        flows.add("t" + base + " p1000 classify-ip [in_port=" + port + ",ip,src=" + ip + "] -> meta:=" + cls + "/" + vm
            + " goto:" + (base + 1));
        flows.add("t" + (base + 2) + " p1000 classify-dst [ip,dst=" + ip + "] -> meta:=" + cls + " goto:" + (base + 3));
        if (arp) {
            flows.add("t" + base + " p1000 classify-arp [in_port=" + port + ",arp,op=1,spa=" + ip + "] -> meta:=" + cls
                + "/" + vm + " goto:" + (base + 1));
            flows.add("t" + (base + 4) + " p1000 arp-finish [arp,meta=" + vm + "] -> eth_dst:=" + mac + " tha:=" + mac
                + " tpa:=" + ip + " IN_PORT");
        }
        return flows;
    }

    /** The translation flows of class cls for a VM with home and current address, at base table base. */
    static List<String> xlate(final int base, final String cls, final String home, final String current,
            final String nextHop, final boolean arp, final String forward) {
        final List<String> flows = new ArrayList<>();
        flows.add("t" + (base + 1) + " p1000 xlate-to [ip,dst=" + home + ",meta=" + cls + "] -> dst:=" + current
            + " eth_dst:=" + nextHop + " goto:" + (base + 2));
        flows.add("t" + (base + 3) + " p1000 xlate-from [ip,src=" + current + ",meta=" + cls + "] -> src:=" + home + " "
            + forward);
        if (arp) {
            flows.add("t" + (base + 1) + " p1000 arp-reply [arp,op=1,tpa=" + home + ",meta=" + cls + "] -> eth_src:="
                + nextHop + " op:=2 sha:=" + nextHop + " spa:=" + home + " goto:" + (base + 4));
        }
        return flows;
    }

    /** The miss flows of tables base to base+3. */
    static List<String> miss(final int base, final String forward) {
        return List.of("t" + base + " p0 miss [] -> goto:" + (base + 2),
            "t" + (base + 1) + " p0 miss [] -> goto:" + (base + 2),
            "t" + (base + 2) + " p0 miss [] -> " + forward,
            "t" + (base + 3) + " p0 miss [] -> " + forward);
    }

    @SafeVarargs
    static Set<String> expected(final List<String>... parts) {
        final Set<String> all = new TreeSet<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static <T> List<T> reversed(final List<T> list) {
        final List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
