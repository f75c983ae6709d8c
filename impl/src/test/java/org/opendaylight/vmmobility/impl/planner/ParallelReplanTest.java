/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/**
 * A planner with helpers plans the switches of one re-plan on several threads: its updates and plans must be the
 * ones a planner alone makes, whichever thread planned which switch.
 */
public class ParallelReplanTest {
    private static final int SEQUENCES = 30;
    private static final int STEPS = 60;

    @Test
    public void switchesPlannedOnOtherThreadsGiveTheUpdatesAndPlansOfAPlannerAlone() {
        // each plan handed over runs at once on a thread of its own, before the owner takes the first: every
        // re-plan of several switches is made on several threads
        final AtomicInteger plannedElsewhere = new AtomicInteger();
        final int steps = compareWith(task -> {
            final Thread helper = new Thread(() -> {
                plannedElsewhere.incrementAndGet();
                task.run();
            }, "test-planner");
            helper.start();
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        assertEquals(SEQUENCES * STEPS, steps);
        // the seeds are fixed: this many of the steps' switch plans were made on another thread
        assertTrue(plannedElsewhere.get() + " switch plans handed over", plannedElsewhere.get() > SEQUENCES);
    }

    @Test
    public void aPoolOfHelpersRacingTheOwnerGivesTheSameUpdatesAndPlans() {
        final ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            assertEquals(SEQUENCES * STEPS, compareWith(pool));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void helpersThatRefuseLeaveEverySwitchToTheOwner() {
        final AtomicInteger refused = new AtomicInteger();
        assertEquals(SEQUENCES * STEPS, compareWith(task -> {
            refused.incrementAndGet();
            throw new RejectedExecutionException("stopped");
        }));
        assertTrue(refused.get() > 0);
    }

    @Test
    public void anAbandonedReplanWithHelpersReturnsNothingAndLeavesAPlannerThatRefusesFurtherUse() {
        final IncrementalPlanner helped = new IncrementalPlanner(PipelineConfig.DEFAULT, Runnable::run);
        final Random random = new Random(7);
        final RandomIntents.Model model = new RandomIntents.Model();
        for (int step = 0; step < STEPS; step++) {
            helped.apply(RandomIntents.randomChange(random, model));
        }
        helped.apply(new Change.SetConnected(ImmutableSet.copyOf(RandomIntents.SWITCHES)));
        final int[] asks = {0};
        assertNull(helped.replan(() -> ++asks[0] > 1));
        assertEquals(2, asks[0]);
        assertThrows(IllegalStateException.class, helped::plan);
    }

    /** Random sequences of changes into a planner alone and one with these helpers; every step's results equal. */
    private static int compareWith(final Executor helpers) {
        int steps = 0;
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            final Random random = new Random(sequence);
            final PipelineConfig config = RandomIntents.CONFIGS.get(sequence % RandomIntents.CONFIGS.size());
            final IncrementalPlanner alone = new IncrementalPlanner(config);
            final IncrementalPlanner helped = new IncrementalPlanner(config, helpers);
            final RandomIntents.Model model = new RandomIntents.Model();
            for (int step = 0; step < STEPS; step++) {
                final Change change = RandomIntents.randomChange(random, model);
                alone.apply(change);
                helped.apply(change);
                final String where = "sequence " + sequence + " step " + step + " after " + change;
                assertEquals(where, alone.replan(), helped.replan());
                assertEquals(where, alone.plan(), helped.plan());
                steps++;
            }
            // the whole intent again from scratch, every switch at once
            final IncrementalPlanner scratch = new IncrementalPlanner(config, helpers);
            final IncrementalPlanner scratchAlone = new IncrementalPlanner(config);
            final List<Change> all = model.asChanges();
            all.forEach(scratch::apply);
            all.forEach(scratchAlone::apply);
            assertEquals("sequence " + sequence + " from scratch", scratchAlone.replan(), scratch.replan());
            assertEquals(alone.plan(), scratch.plan());
        }
        return steps;
    }
}
