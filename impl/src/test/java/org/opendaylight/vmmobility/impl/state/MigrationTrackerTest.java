/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import com.google.common.collect.ImmutableSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.state.MigrationTracker.ProbeResult;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;

public class MigrationTrackerTest {
    private final IncrementalPlanner planner = new IncrementalPlanner(PipelineConfig.DEFAULT);
    private final MigrationTracker tracker = new MigrationTracker();

    private List<MigrationTracker.Event> apply(final List<Change> changes) {
        changes.forEach(planner::apply);
        final var update = planner.replan();
        final var events = tracker.planChanged(update.migrations(), planner::flows);
        // as the engine calls it
        tracker.switchesChanged(update.changedFlowIds(), planner::flows, update.migrations().keySet());
        return events;
    }

    private List<MigrationTracker.Event> configure(final VmMobility config) {
        final var changes = new java.util.ArrayList<>(ChangeReader.readAll(config));
        changes.add(new Change.SetConnected(ImmutableSet.of("openflow:1", "openflow:2")));
        return apply(changes);
    }

    private Map<Long, FlowCounters> onSwitch(final String node) {
        final var flows = new HashMap<Long, FlowCounters>();
        planner.flows(node).values().forEach(flow -> flows.put(flow.cookie(), new FlowCounters(3, 300)));
        return flows;
    }

    @Test
    public void pendingThenActiveOnceEveryFlowIsOnTheSwitch() {
        assertEquals(List.of(), configure(shop(migration("db", "10.0.2.33", "openflow:2", 1))));
        assertEquals(MigrationPhase.Pending, tracker.status("db").orElseThrow().phase());
        assertEquals(Set.of("openflow:1"), tracker.switchesToConfirm());

        final var partial = new HashMap<>(onSwitch("openflow:1"));
        partial.remove(partial.keySet().iterator().next());
        assertEquals(List.of(), tracker.probed(Map.of("openflow:1", ProbeResult.answered(partial)), Map.of()));
        assertEquals(MigrationPhase.Pending, tracker.status("db").orElseThrow().phase());
        assertTrue(tracker.status("db").orElseThrow().reason().contains("not yet on switch openflow:1"));

        final var events = tracker.probed(Map.of("openflow:1", ProbeResult.answered(onSwitch("openflow:1"))),
            Map.of());
        assertEquals(List.of(new MigrationTracker.Activated("db", Set.of("openflow:1"))), events);
        assertEquals(MigrationPhase.Active, tracker.status("db").orElseThrow().phase());
        assertEquals(Set.of(), tracker.switchesToConfirm());
        // announced once per move
        assertEquals(List.of(), tracker.probed(Map.of("openflow:1",
            ProbeResult.answered(onSwitch("openflow:1"))), Map.of()));
    }

    @Test
    public void aFlowWithTheRightIdButOldContentIsNotConfirmation() {
        configure(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        final var old = onSwitch("openflow:1");
        tracker.probed(Map.of("openflow:1", ProbeResult.answered(old)), Map.of());
        assertEquals(MigrationPhase.Active, tracker.status("db").orElseThrow().phase());
        // db moves on: the switch still holds the previous flows only
        assertEquals(List.of(), configure(shop(migration("db", "10.0.2.44", "openflow:2", 1))));
        tracker.probed(Map.of("openflow:1", ProbeResult.answered(old)), Map.of());
        assertEquals(MigrationPhase.Pending, tracker.status("db").orElseThrow().phase());
        final var events = tracker.probed(Map.of("openflow:1", ProbeResult.answered(onSwitch("openflow:1"))),
            Map.of());
        assertEquals(List.of(new MigrationTracker.Activated("db", Set.of("openflow:1"))), events);
    }

    @Test
    public void unreachableSwitchIsAFailureWithItsName() {
        configure(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        tracker.probed(Map.of("openflow:1", ProbeResult.failed("not connected")), Map.of());
        final var status = tracker.status("db").orElseThrow();
        assertEquals(MigrationPhase.Failed, status.phase());
        assertTrue(status.reason(), status.reason().startsWith("switch openflow:1 cannot be programmed now"));
        assertEquals(Set.of("openflow:1"), tracker.switchesToConfirm());
    }

    @Test
    public void removalIsReportedOnceTheSwitchNoLongerHoldsTheFlows() {
        configure(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        final var held = onSwitch("openflow:1");
        tracker.probed(Map.of("openflow:1", ProbeResult.answered(held)), Map.of());
        assertEquals(List.of(), apply(List.of(new Change.RemoveMigration("db"))));
        assertTrue(tracker.status("db").isEmpty());
        assertEquals(Set.of("openflow:1"), tracker.switchesToConfirm());
        // still there, or the switch cannot tell: no event
        assertEquals(List.of(), tracker.probed(Map.of("openflow:1", ProbeResult.answered(held)), Map.of()));
        assertEquals(List.of(), tracker.probed(Map.of("openflow:1", ProbeResult.failed("not connected")), Map.of()));
        assertEquals(List.of(new MigrationTracker.Removed("db")), tracker.probed(Map.of("openflow:1",
            ProbeResult.answered(Map.of())), Map.of()));
        assertEquals(Set.of(), tracker.switchesToConfirm());
    }

    @Test
    public void aRemovalNobodyCanConfirmIsDroppedAfterItsBoundAndAResyncKeepsFollowingIt() {
        configure(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        tracker.probed(Map.of("openflow:1", ProbeResult.answered(onSwitch("openflow:1"))), Map.of());
        apply(List.of(new Change.RemoveMigration("db")));
        assertEquals(Set.of("db"), tracker.removals());
        // a resync builds a new tracker: it takes the removal over
        final var rebuilt = new MigrationTracker();
        rebuilt.adoptRemovals(tracker);
        assertEquals(Set.of("db"), rebuilt.removals());
        assertEquals(Set.of("openflow:1"), rebuilt.switchesToConfirm());
        // the switch never answers again: within the bound the removal is kept, beyond it dropped
        final long now = System.nanoTime();
        assertEquals(Set.of(), tracker.prune(now + java.util.concurrent.TimeUnit.MINUTES.toNanos(
            MigrationTracker.REMOVAL_WATCH_MINUTES - 1)));
        assertEquals(Set.of("db"), tracker.removals());
        assertEquals(Set.of("db"), tracker.prune(now + java.util.concurrent.TimeUnit.MINUTES.toNanos(
            MigrationTracker.REMOVAL_WATCH_MINUTES + 1)));
        assertEquals(Set.of(), tracker.removals());
        assertEquals(Set.of(), tracker.switchesToConfirm());
        assertEquals(Set.of("db"), rebuilt.prune(now + java.util.concurrent.TimeUnit.MINUTES.toNanos(
            MigrationTracker.REMOVAL_WATCH_MINUTES + 1)));
    }

    @Test
    public void unplannableMigrationFailsWithTheProblem() {
        final var changes = new java.util.ArrayList<>(ChangeReader.readAll(shop(migration("db", "10.0.2.33",
            "openflow:2", 1))));
        changes.removeIf(Change.PutSubnet.class::isInstance);
        apply(changes);
        final var status = tracker.status("db").orElseThrow();
        assertEquals(MigrationPhase.Failed, status.phase());
        assertTrue(status.reason(), status.reason().contains("no subnet"));
    }
}
