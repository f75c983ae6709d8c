/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.listener;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.planner.Change;

/**
 * A switch out of the inventory for less than the grace never left (no set without it, no port removals); one
 * still out after it left, with its ports.
 */
public final class SwitchDeparturesTest {
    private final List<Set<String>> shown = new ArrayList<>();
    private final List<List<Change>> ports = new ArrayList<>();
    private final ManualTimer timer = new ManualTimer();
    private SwitchDepartures departures;

    /** A scheduled executor whose tasks run only when the test says so. */
    private static final class ManualTimer extends ScheduledThreadPoolExecutor {
        ManualTimer() {
            super(1);
        }

        void runDue() throws Exception {
            for (Runnable task : getQueue().toArray(Runnable[]::new)) {
                if (remove(task)) {
                    task.run();
                }
            }
        }
    }

    @Before
    public void setUp() {
        departures = new SwitchDepartures(shown::add, ports::add, timer, 3_600_000);
    }

    @After
    public void tearDown() {
        timer.shutdownNow();
    }

    @Test
    public void switchBackWithinGraceNeverLeft() throws Exception {
        departures.report(Set.of("openflow:1", "openflow:2"), List.of(new Change.PutPort("openflow:1", 1, "tap1")));
        departures.report(Set.of("openflow:2"), List.of(new Change.RemovePort("openflow:1", 1)));
        departures.report(Set.of("openflow:1", "openflow:2"), List.of(new Change.PutPort("openflow:1", 1, "tap1")));
        assertEquals(List.of(Set.of("openflow:1", "openflow:2")), shown);
        assertEquals(List.of(List.of(new Change.PutPort("openflow:1", 1, "tap1")),
            List.of(new Change.PutPort("openflow:1", 1, "tap1"))), ports);
        timer.runDue();
        assertEquals(1, shown.size());
    }

    @Test
    public void switchStillAbsentAfterGraceLeftWithItsPorts() throws Exception {
        departures.report(Set.of("openflow:1", "openflow:2"), List.of());
        departures.report(Set.of("openflow:2"), List.of(new Change.RemovePort("openflow:1", 1)));
        assertEquals(List.of(Set.of("openflow:1", "openflow:2")), shown);
        assertTrue(ports.isEmpty());
        timer.runDue();
        assertEquals(List.of(Set.of("openflow:1", "openflow:2"), Set.of("openflow:2")), shown);
        assertEquals(List.of(List.of(new Change.RemovePort("openflow:1", 1))), ports);
    }

    @Test
    public void portMissingWhenTheSwitchCameBackIsGone() throws Exception {
        departures.report(Set.of("openflow:1"), List.of());
        departures.report(Set.of(), List.of(new Change.RemovePort("openflow:1", 1),
            new Change.RemovePort("openflow:1", 2)));
        departures.report(Set.of("openflow:1"), List.of(new Change.PutPort("openflow:1", 1, "tap1")));
        assertEquals(List.of(List.of(new Change.PutPort("openflow:1", 1, "tap1"),
            new Change.RemovePort("openflow:1", 2))), ports);
        assertEquals(List.of(Set.of("openflow:1")), shown);
    }

    @Test
    public void switchesWithOurFlowsCountAsPresentAtStartForTheGrace() throws Exception {
        departures.holdAtStart(Set.of("openflow:1"));
        assertTrue("nothing is shown before the inventory's first report", shown.isEmpty());
        departures.report(Set.of("openflow:2"), List.of());
        assertEquals(List.of(Set.of("openflow:1", "openflow:2")), shown);
        departures.report(Set.of("openflow:1", "openflow:2"), List.of());
        timer.runDue();
        assertEquals(List.of(Set.of("openflow:1", "openflow:2")), shown);
    }

    @Test
    public void switchWithOurFlowsThatNeverComesIsGoneAfterTheGrace() throws Exception {
        departures.report(Set.of("openflow:2"), List.of());
        departures.holdAtStart(Set.of("openflow:1"));
        timer.runDue();
        assertEquals(List.of(Set.of("openflow:2"), Set.of("openflow:1", "openflow:2"), Set.of("openflow:2")),
            shown);
    }

    @Test
    public void noGraceForwardsDeparturesAtOnce() {
        final SwitchDepartures direct = new SwitchDepartures(shown::add, ports::add, timer, 0);
        direct.report(Set.of("openflow:1"), List.of());
        direct.report(Set.of(), List.of(new Change.RemovePort("openflow:1", 1)));
        assertEquals(List.of(Set.of("openflow:1"), Set.of()), shown);
        assertEquals(List.of(List.of(new Change.RemovePort("openflow:1", 1))), ports);
    }
}
