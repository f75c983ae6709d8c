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

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard that lets the engine stay fast and exact: random sequences of changes (VMs, groups, members,
 * migrations, subnets, connected switches) applied to one {@link IncrementalPlanner}, re-planning after each; after
 * every change its plan must equal a plan computed from scratch from the same intent, and the updates it reported
 * must add up to that plan. The reference is the same planner, so this alone cannot see a wrong plan: every plan is
 * also checked by {@link org.opendaylight.vmmobility.impl.oracle.IntentOracle}, which walks packets through the
 * converted flows and judges them by the intent.
 */
public class DifferentialTest {
    static final int SEQUENCES = 150;
    static final int STEPS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(DifferentialTest.class);

    /** A planner as the comparison drives it: the incremental planner, or a deliberately wrong one. */
    interface PlannerUnderTest {
        void apply(Change change);

        IncrementalPlanner.Update replan();

        Plan plan();
    }

    /** What is done with each step's plan besides the comparison. */
    @FunctionalInterface
    interface StepCheck {
        void check(String where, RandomIntents.Model model, PipelineConfig config, Plan plan);
    }

    @Test
    public void incrementalPlanEqualsPlanFromScratchAndSatisfiesTheOracleAfterEveryChange() {
        final OracleTally oracle = new OracleTally();
        final int checks = compare(DifferentialTest::incremental, SEQUENCES, (where, model, config, plan) ->
            oracle.check(where, model.asOracleIntent(config), plan), oracle);
        assertEquals(SEQUENCES * STEPS, checks);
        LOG.info("oracle on {} random plans: {}", checks, oracle);
        assertEquals(oracle.violations().toString(), 0, oracle.failedPlans());
        // the random intents exercise every kind of check, many times
        for (String kind : new String[] {"ipv4 member to home address", "ipv4 migrated VM to member",
            "ipv4 untranslated", "arp answered", "arp untouched", "untouched to home", "forged ingress untouched"}) {
            assertTrue(kind + ": " + oracle, oracle.count(kind) >= 200);
        }
    }

    /**
     * A flow whose content changes under the same id is sent by openflowplugin as a strict delete followed by an add
     * (it modifies a flow in place only when the cookie stays), so the switch holds neither for a moment: a changed
     * flow must always get a new id, and the writer adds it before it removes the old one. And no two flows of a
     * switch may share table, priority and match (the switch would keep one of them, the other one's delete would
     * remove it).
     */
    @Test
    public void noFlowChangesUnderItsIdAndNoTwoFlowsOverlapExactly() {
        final Map<String, Plan> previous = new TreeMap<>();
        final java.util.List<String> changed = new java.util.ArrayList<>();
        final int[] validPlans = new int[1];
        compare(DifferentialTest::incremental, SEQUENCES, (where, model, config, plan) -> {
            validPlans[0] += model.addressesAndPortsUnique() ? 1 : 0;
            plan.flowsBySwitch().forEach((node, flows) -> {
                if (!model.addressesAndPortsUnique()) {
                    return;
                }
                // two flows of one switch with the same table, priority and match: the switch keeps only one
                final Map<String, String> seen = new TreeMap<>();
                flows.values().forEach(flow -> {
                    final String other = seen.put(flow.table() + "/" + flow.priority() + "/" + flow.match(),
                        flow.flowId());
                    if (other != null) {
                        changed.add(where + ": " + node + " " + flow.flowId() + " and " + other
                            + " have the same table, priority and match");
                    }
                });
            });
            final String sequence = where.substring(0, where.indexOf(" step "));
            final Plan before = previous.put(sequence, plan);
            if (before == null) {
                return;
            }
            plan.flowsBySwitch().forEach((node, flows) -> flows.forEach((flowId, flow) -> {
                final PlannedFlow old = before.flowsBySwitch().getOrDefault(node, Map.of()).get(flowId);
                if (old != null && old.cookie() != flow.cookie()) {
                    changed.add(where + ": " + node + " " + flowId + " was " + old + ", now " + flow);
                }
            }));
        }, null);
        assertEquals(changed.size() + " flows changed under their id or overlap another exactly, e.g. "
            + changed.stream().limit(3).toList(), 0, changed.size());
        LOG.info("{} of {} random plans had unique addresses and ports", validPlans[0], SEQUENCES * STEPS);
        // the random pools collide on purpose: enough valid intents must remain for the overlap check to mean much
        assertTrue(validPlans[0] + " valid plans", validPlans[0] >= SEQUENCES * STEPS / 10);
    }

    /**
     * The incremental planner.
     *
     * @param config its pipeline configuration
     * @return the planner
     */
    static PlannerUnderTest incremental(final PipelineConfig config) {
        final IncrementalPlanner planner = new IncrementalPlanner(config);
        return new PlannerUnderTest() {
            @Override
            public void apply(final Change change) {
                planner.apply(change);
            }

            @Override
            public IncrementalPlanner.Update replan() {
                return planner.replan();
            }

            @Override
            public Plan plan() {
                return planner.plan();
            }
        };
    }

    /**
     * Drives planners through random sequences of changes and compares, after every change, the incremental plan
     * (and the updates reported so far) with the plan of a fresh planner of the same kind given the whole intent.
     *
     * @param planners makes a planner for a pipeline configuration
     * @param sequences the number of sequences (seeds 0 to sequences-1)
     * @param stepCheck run on every step's plan after the comparison
     * @param tally told when a new sequence starts, or null
     * @return the number of steps compared
     * @throws AssertionError at the first difference
     */
    static int compare(final Function<PipelineConfig, PlannerUnderTest> planners, final int sequences,
            final StepCheck stepCheck, final OracleTally tally) {
        int checks = 0;
        for (int sequence = 0; sequence < sequences; sequence++) {
            final Random random = new Random(sequence);
            final PipelineConfig config = RandomIntents.CONFIGS.get(sequence % RandomIntents.CONFIGS.size());
            final PlannerUnderTest engine = planners.apply(config);
            final RandomIntents.Model model = new RandomIntents.Model();
            final Map<String, Map<String, PlannedFlow>> applied = new TreeMap<>();
            final Map<String, MigrationPlan> appliedMigrations = new TreeMap<>();
            if (tally != null) {
                tally.newSequence();
            }
            for (int step = 0; step < STEPS; step++) {
                final Change change = RandomIntents.randomChange(random, model);
                engine.apply(change);
                final IncrementalPlanner.Update update = engine.replan();
                update.flows().forEach((node, flows) -> {
                    if (flows.isEmpty()) {
                        applied.remove(node);
                    } else {
                        applied.put(node, flows);
                    }
                });
                update.migrations().forEach((vmId, plan) -> {
                    if (plan.isPresent()) {
                        appliedMigrations.put(vmId, plan.orElseThrow());
                    } else {
                        appliedMigrations.remove(vmId);
                    }
                });

                final PlannerUnderTest scratch = planners.apply(config);
                model.asChanges().forEach(scratch::apply);
                scratch.replan();
                final String where = "sequence " + sequence + " step " + step + " after " + change;
                final Plan expected = scratch.plan();
                final Plan plan = engine.plan();
                assertEquals(where, expected, plan);
                assertEquals(where + " (updates)", expected.flowsBySwitch(), applied);
                assertEquals(where + " (migration updates)", expected.migrations(), appliedMigrations);
                stepCheck.check(where, model, config, plan);
                checks++;
            }
        }
        return checks;
    }
}
