/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.testing.Intents.intent;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.intent.IntentReader;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.Plan;
import org.opendaylight.vmmobility.impl.planner.TranslationPlanner;
import org.opendaylight.vmmobility.impl.state.MigrationTracker.ProbeResult;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;

public class MigrationTrackerTest {
    private static Plan plan(final VmMobility config) {
        return TranslationPlanner.plan(IntentReader.read(config, PipelineConfig.DEFAULT,
            Set.of("openflow:1", "openflow:2")));
    }

    private static Map<Long, FlowCounters> allFlows(final Plan plan, final String node) {
        final var flows = new HashMap<Long, FlowCounters>();
        plan.flows(node).values().forEach(flow -> flows.put(flow.cookie(), new FlowCounters(3, 300)));
        return flows;
    }

    @Test
    public void pendingThenActiveOnceEveryFlowIsOnTheSwitch() {
        final var tracker = new MigrationTracker();
        final var plan = plan(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        assertEquals(List.of(), tracker.planApplied(plan));
        assertEquals(MigrationPhase.Pending, tracker.statuses().get("db").phase());
        assertTrue(tracker.hasUnconfirmed());

        final var partial = new HashMap<>(allFlows(plan, "openflow:1"));
        partial.remove(partial.keySet().iterator().next());
        assertEquals(List.of(), tracker.probed(Map.of("openflow:1", ProbeResult.answered(partial))));
        assertEquals(MigrationPhase.Pending, tracker.statuses().get("db").phase());
        assertTrue(tracker.statuses().get("db").reason().contains("not yet on switch openflow:1"));

        final var events = tracker.probed(Map.of("openflow:1", ProbeResult.answered(allFlows(plan, "openflow:1"))));
        assertEquals(List.of(new MigrationTracker.Activated("db", Set.of("openflow:1"))), events);
        assertEquals(MigrationPhase.Active, tracker.statuses().get("db").phase());
        assertFalse(tracker.hasUnconfirmed());
        // announced once only
        assertEquals(List.of(), tracker.probed(Map.of("openflow:1",
            ProbeResult.answered(allFlows(plan, "openflow:1")))));
    }

    @Test
    public void unreachableSwitchIsAFailureWithItsName() {
        final var tracker = new MigrationTracker();
        tracker.planApplied(plan(shop(migration("db", "10.0.2.33", "openflow:2", 1))));
        tracker.probed(Map.of("openflow:1", ProbeResult.failed("not connected")));
        final var status = tracker.statuses().get("db");
        assertEquals(MigrationPhase.Failed, status.phase());
        assertTrue(status.reason(), status.reason().startsWith("switch openflow:1 cannot be programmed now"));
    }

    @Test
    public void removalIsReportedOnlyForAnnouncedMigrations() {
        final var tracker = new MigrationTracker();
        final var migrated = plan(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        tracker.planApplied(migrated);
        assertEquals(List.of(), tracker.planApplied(plan(shop())));
        tracker.planApplied(migrated);
        tracker.probed(Map.of("openflow:1", ProbeResult.answered(allFlows(migrated, "openflow:1"))));
        assertEquals(List.of(new MigrationTracker.Removed("db")), tracker.planApplied(plan(shop())));
        assertTrue(tracker.statuses().isEmpty());
    }

    @Test
    public void unplannableMigrationFailsWithTheProblem() {
        final var tracker = new MigrationTracker();
        final var withoutSubnets = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        tracker.planApplied(plan(intent(List.of(), List.copyOf(withoutSubnets.nonnullApplicationGroup().values()),
            List.copyOf(withoutSubnets.nonnullMigration().values()))));
        final var status = tracker.statuses().get("db");
        assertEquals(MigrationPhase.Failed, status.phase());
        assertTrue(status.reason(), status.reason().contains("no subnet"));
    }
}
