/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.reconcile.EngineHarness.await;
import static org.opendaylight.vmmobility.impl.reconcile.EngineHarness.planned;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import java.util.Locale;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationActivated;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Engine;

/**
 * Every step of the engine is guarded: an exception thrown there (through the test hook) is logged with its stack,
 * counted and shown in {@code vm-mobility/engine} (degraded, last error), and once the fault stops the engine
 * resyncs by itself: the config inventory holds exactly the plan of the intent again and the health is ok.
 */
public class SupervisedEngineTest extends AbstractConcurrentDataBrokerTest {
    @Test
    public void aFaultInPlanningIsRepaired() throws Exception {
        faultAfterConvergence(EngineStep.PLAN);
    }

    @Test
    public void aFaultInConvertingIsRepaired() throws Exception {
        faultAfterConvergence(EngineStep.CONVERT);
    }

    @Test
    public void aFaultInWritingIsRepaired() throws Exception {
        faultAfterConvergence(EngineStep.WRITE);
    }

    @Test
    public void aFaultInConfirmingIsRepaired() throws Exception {
        faultAfterConvergence(EngineStep.CONFIRM);
    }

    @Test
    public void aFaultInProbingIsRepaired() throws Exception {
        faultAfterConvergence(EngineStep.PROBE);
    }

    @Test
    public void aFaultInPublishingIsRepaired() throws Exception {
        faultAfterConvergence(EngineStep.PUBLISH);
    }

    @Test
    public void aFaultInNotifyingIsRepairedAndTheActivationStillAnnounced() throws Exception {
        faultAfterConvergence(EngineStep.NOTIFY);
    }

    @Test
    public void aChangeTheListenerCouldNotReadIsAFaultAndTheResyncAppliesIt() throws Exception {
        final var first = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        final var second = shop(migration("db", "10.0.2.44", "openflow:2", 2));
        try (var log = new EngineHarness.LogCapture();
             var engine = new EngineHarness(getDataBroker(), EngineLimits.DEFAULT)) {
            engine.write(first);
            await("the first intent's flows", () -> engine.configFlows().equals(planned(first)));
            await("the engine runs", () -> engine.reconciler().health().state() == EngineState.RUNNING);
            engine.loseNextIntentChange();
            engine.write(second);
            await("the engine degraded", () -> engine.reconciler().health().state() == EngineState.DEGRADED
                || engine.reconciler().health().errors() > 0);
            assertTrue(engine.reconciler().health().lastError().orElseThrow(),
                engine.reconciler().health().lastError().orElseThrow().startsWith("plan: "));
            // the change itself never reached the engine: the resync read it
            checkRepaired(engine, second);
            assertTrue(log.text().contains("injected: an unreadable change"));
        }
    }

    @Test
    public void aChangeTheListenerMissedIsFoundByTheAuditWhichRebuildsTheSubscription() throws Exception {
        final var first = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        final var second = shop(migration("db", "10.0.2.44", "openflow:2", 2));
        // audits every 300 ms (and after 300 ms of quiet)
        final var limits = new EngineLimits(10_000, 30_000, 10_000, 10_000, 100, 30_000, 30_000, 300);
        // the harness's switches in the operational inventory: the audit then compares the plans
        final var tx = getDataBroker().newWriteOnlyTransaction();
        for (String node : EngineHarness.SWITCHES) {
            tx.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(node),
                new NodeBuilder().setId(new NodeId(node)).build());
        }
        tx.commit().get();
        try (var log = new EngineHarness.LogCapture();
             var engine = new EngineHarness(getDataBroker(), limits)) {
            engine.write(first);
            await("the first intent's flows", () -> engine.configFlows().equals(planned(first)));
            await("the engine runs", () -> engine.reconciler().health().state() == EngineState.RUNNING);
            assertEquals(0, engine.intentRebuilds());
            engine.missNextIntentChange();
            engine.write(second);
            // nobody told the engine: only the audit (twice in a row) finds the intent's plan differs from its own
            checkRepaired(engine, second);
            assertEquals(1, engine.intentRebuilds());
            assertTrue(engine.reconciler().health().lastError().orElseThrow(),
                engine.reconciler().health().lastError().orElseThrow().contains(
                    "a plan from scratch differs from the engine's"));
            // the new subscription delivers the next change: no audit needed to find it, no further fault
            final long errors = engine.reconciler().health().errors();
            final var third = shop(migration("db", "10.0.2.55", "openflow:2", 3));
            engine.write(third);
            await("the third intent's flows", () -> engine.configFlows().equals(planned(third)));
            assertEquals(errors, engine.reconciler().health().errors());
            assertEquals(1, engine.intentRebuilds());
        }
    }

    @Test
    public void aFaultReadingTheBaselineAtStartIsRepaired() throws Exception {
        final var config = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        try (var log = new EngineHarness.LogCapture();
             var engine = new EngineHarness(getDataBroker(), EngineLimits.DEFAULT, EngineStep.BASELINE)) {
            engine.write(config);
            checkFault(engine, log, EngineStep.BASELINE);
            assertTrue(engine.configFlows().isEmpty());
            engine.hook().arm(null);
            checkRepaired(engine, config);
        }
    }

    @Test
    public void illegalTransitionsAreRefused() {
        assertTrue(EngineState.STARTING.canBecome(EngineState.RUNNING));
        assertTrue(EngineState.DEGRADED.canBecome(EngineState.RUNNING));
        assertEquals(EngineState.STOPPED, EngineState.STOPPING.to(EngineState.STOPPED));
        for (var from : EngineState.values()) {
            if (from != EngineState.STOPPING) {
                assertRefused(from, EngineState.STOPPED);
            }
        }
        assertRefused(EngineState.STOPPED, EngineState.RUNNING);
        assertRefused(EngineState.STOPPING, EngineState.RUNNING);
        assertRefused(EngineState.RUNNING, EngineState.STARTING);
        final var health = new EngineHealth();
        health.become(EngineState.STOPPING);
        health.fault(EngineStep.WRITE, new IllegalStateException("late"));
        assertEquals("a fault while stopping counts but does not revive the engine", EngineState.STOPPING,
            health.state());
        assertEquals(1, health.snapshot().errors());
    }

    private static void assertRefused(final EngineState from, final EngineState to) {
        try {
            from.to(to);
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(from + " -> " + to));
            return;
        }
        throw new AssertionError(from + " -> " + to + " was allowed");
    }

    private void faultAfterConvergence(final EngineStep step) throws Exception {
        final var first = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        final var second = shop(migration("db", "10.0.2.44", "openflow:2", 2));
        try (var log = new EngineHarness.LogCapture();
             var engine = new EngineHarness(getDataBroker(), EngineLimits.DEFAULT)) {
            engine.write(first);
            final var planned = planned(first);
            await("the first intent's flows", () -> engine.configFlows().equals(planned));
            await("db active", () -> engine.phase("db") == MigrationPhase.Active);
            await("the engine runs", () -> engine.reconciler().health().state() == EngineState.RUNNING);
            assertEquals(0, engine.reconciler().health().errors());
            // the control for the queue's bound: changes within it cause no resync
            assertEquals(0, engine.reconciler().health().resyncs());
            final int activations = engine.notificationsOf(MigrationActivated.class).size();

            engine.hook().arm(step);
            engine.write(second);
            checkFault(engine, log, step);
            engine.hook().arm(null);
            checkRepaired(engine, second);
            await("db active at its new address", () -> engine.phase("db") == MigrationPhase.Active
                && "10.0.2.44".equals(engine.operational().nonnullMigration().values().iterator().next()
                    .getNewAddress().getValue()));
            await("the new activation announced", () -> engine.notificationsOf(MigrationActivated.class).stream()
                .skip(activations).anyMatch(note -> "10.0.2.44".equals(note.getCurrentAddress().getValue())));
        }
    }

    private static void checkFault(final EngineHarness engine, final EngineHarness.LogCapture log,
            final EngineStep step) throws Exception {
        final String injected = "injected fault at " + step;
        final String name = step.name().toLowerCase(Locale.ROOT);
        await("a fault at " + step, () -> engine.hook().thrown() > 0);
        // the engine degrades; a step that fails only after a successful resync (probe, notify) flaps between
        // degraded and running, so the state is sampled until it shows
        await("the engine degraded", () -> engine.reconciler().health().state() == EngineState.DEGRADED);
        final var health = engine.reconciler().health();
        assertTrue(health.errors() >= 1);
        assertTrue(health.lastError().orElseThrow(), health.lastError().orElseThrow().startsWith(name + ": "));
        assertTrue(health.lastError().orElseThrow(), health.lastError().orElseThrow().contains(injected));
        assertTrue(health.lastErrorAt().isPresent());
        await("vm-mobility/engine shows the fault", () -> {
            final Engine shown = engine.engine();
            return shown != null && shown.getHealth() == Engine.Health.Degraded && shown.getLastError() != null
                && shown.getLastError().contains(injected) && shown.getLastErrorAt() != null
                && shown.getErrorCount().getValue().longValue() >= 1 && "member-1".equals(shown.getNode());
        });
        await("the fault logged with its stack", () -> {
            final String text = log.text();
            final int at = text.indexOf("Engine step " + name + " failed");
            return at >= 0 && text.indexOf(injected, at) > 0
                && text.indexOf("at org.opendaylight.vmmobility.impl.reconcile.EngineHarness$FaultyHook.before",
                    at) > 0;
        });
    }

    private static void checkRepaired(final EngineHarness engine,
            final org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility
                config) throws Exception {
        final var planned = planned(config);
        await("the flows equal the plan again", 40, () -> engine.configFlows().equals(planned));
        await("health ok again", 40, () -> {
            final Engine shown = engine.engine();
            return shown != null && shown.getHealth() == Engine.Health.Ok
                && shown.getResyncCount().getValue().longValue() >= 1;
        });
        final Engine shown = engine.engine();
        assertNotNull(shown.getLastError());
        assertTrue(shown.getErrorCount().getValue().longValue() >= 1);
        assertEquals(EngineState.RUNNING, engine.reconciler().health().state());
        // and it stays so
        Thread.sleep(300);
        assertEquals(planned, engine.configFlows());
        assertEquals(EngineState.RUNNING, engine.reconciler().health().state());
    }
}
