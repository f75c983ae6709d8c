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
import static org.opendaylight.vmmobility.impl.planner.Fixtures.member;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.oracle.IntentOracle;
import org.opendaylight.vmmobility.impl.oracle.OracleIntent;

/**
 * The oracle sees what the differential comparison cannot: a planner that is wrong the same way incrementally and
 * from scratch passes the comparison and fails the oracle.
 */
public class OracleTest {
    private static final int SEQUENCES = 40;

    /** The incremental planner with every planned flow passed through a mutation (a deliberately wrong planner). */
    private static final class MutatedPlanner implements DifferentialTest.PlannerUnderTest {
        private final IncrementalPlanner planner;
        private final UnaryOperator<PlannedFlow> mutation;

        MutatedPlanner(final PipelineConfig config, final UnaryOperator<PlannedFlow> mutation) {
            planner = new IncrementalPlanner(config);
            this.mutation = mutation;
        }

        @Override
        public void apply(final Change change) {
            planner.apply(change);
        }

        @Override
        public IncrementalPlanner.Update replan() {
            final IncrementalPlanner.Update update = planner.replan();
            return new IncrementalPlanner.Update(ImmutableMap.copyOf(mutate(update.flows())), update.changedFlowIds(),
                update.migrations(), update.vms());
        }

        @Override
        public Plan plan() {
            final Plan plan = planner.plan();
            return new Plan(ImmutableSortedMap.copyOf(mutate(plan.flowsBySwitch())), plan.migrations());
        }

        private Map<String, Map<String, PlannedFlow>> mutate(final Map<String, Map<String, PlannedFlow>> flows) {
            final Map<String, Map<String, PlannedFlow>> mutated = new TreeMap<>();
            flows.forEach((node, byId) -> {
                final Map<String, PlannedFlow> copy = new TreeMap<>();
                byId.forEach((id, flow) -> copy.put(id, mutation.apply(flow)));
                mutated.put(node, copy);
            });
            return mutated;
        }
    }

    /** Drops the reply's rewrite: the migrated VM's packets keep its current source address. */
    private static PlannedFlow dropReplyRewrite(final PlannedFlow flow) {
        if (flow.kind() != FlowKind.TRANSLATE_FROM_CURRENT && flow.kind() != FlowKind.PAIR_FROM_CURRENT) {
            return flow;
        }
        return withActions(flow, flow.actions().stream().filter(action -> !(action instanceof FlowAction.SetIpv4Src))
            .toList());
    }

    /** Swaps two addresses of the ARP answer: the sender's and the target's protocol address. */
    private static PlannedFlow swapArpAddresses(final PlannedFlow flow) {
        return withActions(flow, flow.actions().stream().map(action -> switch (action) {
            case FlowAction.SetArpSpa spa -> (FlowAction) new FlowAction.SetArpTpa(spa.address());
            case FlowAction.SetArpTpa tpa -> new FlowAction.SetArpSpa(tpa.address());
            default -> action;
        }).toList());
    }

    private static PlannedFlow withActions(final PlannedFlow flow, final List<FlowAction> actions) {
        return new PlannedFlow(flow.flowId(), flow.flowName(), flow.table(), flow.priority(), flow.cookie(),
            flow.kind(), flow.match(), ImmutableList.copyOf(actions));
    }

    @Test
    public void aPlannerThatDropsTheReplyRewritePassesTheComparisonAndFailsTheOracle() {
        final OracleTally oracle = compareMutated(OracleTest::dropReplyRewrite);
        assertTrue(oracle.toString(), oracle.count("ipv4 migrated VM to member FAILED") > 0);
        assertTrue(oracle.violations().toString(), oracle.violations().get(0).contains("expected ip"));
        // nothing else is wrong with that plan
        assertEquals(oracle.toString(), 0, oracle.count("arp answered FAILED"));
        assertEquals(oracle.toString(), 0, oracle.count("untouched to home FAILED"));
    }

    @Test
    public void aPlannerThatSwapsTheArpAnswersAddressesPassesTheComparisonAndFailsTheOracle() {
        final OracleTally oracle = compareMutated(OracleTest::swapArpAddresses);
        assertTrue(oracle.toString(), oracle.count("arp answered FAILED") > 0);
        assertEquals(oracle.toString(), 0, oracle.count("arp answered"));
        assertEquals(oracle.toString(), 0, oracle.count("ipv4 migrated VM to member FAILED"));
    }

    /**
     * Runs the differential comparison with a mutated planner on both sides (it must pass: the comparison cannot
     * see the mutation) and the oracle on every plan (it must fail).
     */
    private static OracleTally compareMutated(final UnaryOperator<PlannedFlow> mutation) {
        final OracleTally oracle = new OracleTally();
        final int steps = DifferentialTest.compare(config -> new MutatedPlanner(config, mutation), SEQUENCES,
            (where, model, config, plan) -> oracle.check(where, model.asOracleIntent(config), plan), oracle);
        assertEquals(SEQUENCES * DifferentialTest.STEPS, steps);
        assertTrue(oracle.toString(), oracle.failedPlans() > 0);
        return oracle;
    }

    @Test
    public void theSamePairsPassWithThePlannerAsItIs() {
        final OracleTally oracle = new OracleTally();
        DifferentialTest.compare(DifferentialTest::incremental, SEQUENCES, (where, model, config, plan) ->
            oracle.check(where, model.asOracleIntent(config), plan), oracle);
        assertEquals(oracle.violations().toString(), 0, oracle.failedPlans());
        assertTrue(oracle.toString(), oracle.count("ipv4 migrated VM to member") > 0);
        assertTrue(oracle.toString(), oracle.count("arp answered") > 0);
    }

    @Test
    public void perPairRestoresTheSendersHomeOnlyForAReceiverThatSeesItAtHome() {
        // app and db both moved to SW2; db cut over from app's migration: db talks to app at 10.0.2.20, so app's
        // packets must reach db from 10.0.2.20 (before the fix the one per-pair flow rewrote them to 10.0.1.20)
        final Member web = member("web", "10.0.1.10", "52:54:00:00:00:10", SW1, 1);
        final Member app = member("app", "10.0.1.20", "52:54:00:00:00:20", SW1, 2);
        final Member db = member("db", "10.0.1.30", "52:54:00:00:00:30", SW1, 3);
        final Map<String, Migration> migrations = Map.of(
            "app", new Migration("app", Ipv4.parse("10.0.2.20"), Optional.empty(), Optional.of(new Attachment(SW2,
                8)), ImmutableSortedSet.of("db")),
            "db", new Migration("db", Ipv4.parse("10.0.2.30"), Optional.empty(), Optional.of(new Attachment(SW2,
                7))));
        for (FlowLayout layout : List.of(FlowLayout.PER_PAIR, FlowLayout.SHARED)) {
            final PipelineConfig config = PipelineConfig.DEFAULT.withLayout(layout);
            final IncrementalPlanner planner = new IncrementalPlanner(config);
            final OracleIntent intent = OracleIntent.of(List.of(NET_A, NET_B), Map.of("web", web, "app", app,
                "db", db), Map.of("shop", Set.of("web", "app", "db")), migrations, config);
            List.of(new Change.PutSubnet(NET_A), new Change.PutSubnet(NET_B), new Change.PutVm(web),
                new Change.PutVm(app), new Change.PutVm(db), Change.PutGroup.of("shop", List.of("web", "app", "db")),
                new Change.PutMigration(migrations.get("app")), new Change.PutMigration(migrations.get("db")))
                .forEach(planner::apply);
            planner.replan();
            final IntentOracle.Report report = new OracleTally().check(layout.toString(), intent, planner.plan());
            assertTrue(layout + ": " + report.violations(), report.passed());
            // app -> db to db's home, arriving from app's current address (db cut over); db -> app arriving from db's
            // home; web to both homes and back; web's two ARP requests answered
            assertEquals(layout + ": " + report.checks(), 3, (int) report.checks().get("ipv4 member to home address"));
            assertEquals(layout + ": " + report.checks(), 3, (int) report.checks().get("ipv4 migrated VM to member"));
            assertTrue(layout + ": " + report.checks(), report.checks().getOrDefault("arp answered", 0) == 2);
            assertFalse(report.checks().toString(), report.checks().keySet().stream()
                .anyMatch(kind -> kind.endsWith("FAILED")));
        }
    }
}
