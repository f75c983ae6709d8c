/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.reconcile.EngineHarness.await;
import static org.opendaylight.vmmobility.impl.reconcile.EngineHarness.planned;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;

/**
 * Fencing: after stop() nothing reaches the broker or the notification service, an outstanding write is awaited (or
 * abandoned after a bound, and nothing of this engine starts after it); a write unanswered beyond its bound degrades
 * the engine and cannot overtake a newer write when it lands late; changes beyond the queue's bound are coalesced
 * into a full resync.
 */
public class EngineFencingTest extends AbstractConcurrentDataBrokerTest {
    private static final VmMobility FIRST = shop(migration("db", "10.0.2.33", "openflow:2", 1));
    private static final VmMobility SECOND = shop(migration("db", "10.0.2.44", "openflow:2", 2));
    private static final VmMobility THIRD = shop(migration("db", "10.0.2.55", "openflow:2", 3));

    private static EngineLimits limits(final int maxQueued, final long slowWriteMs, final long stopWaitMs) {
        return EngineLimits.DEFAULT.withWaits(maxQueued, slowWriteMs, 10_000, stopWaitMs);
    }

    /** The held write of SECOND fenced, SECOND written past it, then THIRD. */
    private static void fencedAndWrittenPast(final EngineHarness engine) throws Exception {
        await("the engine degraded by the unanswered write", () -> engine.reconciler().health().lastError()
            .filter(error -> error.startsWith("write: ") && error.contains("unanswered")
                && error.contains("fenced")).isPresent());
        await("the second intent's flows, written past the held write", () -> engine.configFlows()
            .equals(planned(SECOND)));
        await("running again", () -> engine.reconciler().health().state() == EngineState.RUNNING);
        converge(engine, THIRD);
    }

    private static void converge(final EngineHarness engine, final VmMobility config) throws Exception {
        engine.write(config);
        final var planned = planned(config);
        await("the intent's flows", () -> engine.configFlows().equals(planned));
        await("db active", () -> engine.phase("db") == MigrationPhase.Active);
    }

    @Test
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void afterStopNothingReachesTheBrokerOrTheNotificationService() throws Exception {
        try (var engine = new EngineHarness(getDataBroker(), EngineLimits.DEFAULT)) {
            converge(engine, FIRST);
            // intents keep changing (the listener stays registered) while the engine is stopped
            final AtomicBoolean going = new AtomicBoolean(true);
            final AtomicReference<Exception> failure = new AtomicReference<>();
            final Thread changes = new Thread(() -> {
                int round = 0;
                try {
                    while (going.get()) {
                        engine.write(round++ % 2 == 0 ? SECOND : FIRST);
                        engine.reconciler().switchesChanged(round % 3 == 0 ? java.util.Set.of("openflow:1")
                            : EngineHarness.SWITCHES);
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            changes.start();
            Thread.sleep(300);
            final var stopped = engine.reconciler().stop();
            final int writes = engine.broker().writeTransactions();
            final int commits = engine.broker().commits();
            final int notifications = engine.notificationsOffered();
            stopped.get(15, TimeUnit.SECONDS);
            Thread.sleep(1_000);
            going.set(false);
            changes.join();
            assertEquals(null, failure.get());
            assertEquals("write transactions after stop()", writes, engine.broker().writeTransactions());
            assertEquals("commits after stop()", commits, engine.broker().commits());
            assertEquals("notifications after stop()", notifications, engine.notificationsOffered());
            assertEquals(EngineState.STOPPED, engine.reconciler().health().state());
        }
    }

    @Test
    public void afterStopAnAcceptedIntentIsNotPublished() throws Exception {
        try (var engine = new EngineHarness(getDataBroker(), EngineLimits.DEFAULT)) {
            converge(engine, FIRST);
            // quiet: nothing of the engine in flight
            Thread.sleep(500);
            engine.reconciler().stop().get(5, TimeUnit.SECONDS);
            final int writes = engine.broker().writeTransactions();
            // the listener is still registered: it hands the engine a new intent, which it must not publish
            engine.write(SECOND);
            engine.reconciler().switchesChanged(java.util.Set.of("openflow:1"));
            Thread.sleep(500);
            assertEquals("write transactions after stop()", writes, engine.broker().writeTransactions());
            assertEquals("10.0.2.33", engine.operational().nonnullMigration().values().iterator().next()
                .getNewAddress().getValue());
        }
    }

    @Test
    public void stopWaitsForAnOutstandingWriteAndStartsNoOther() throws Exception {
        try (var engine = new EngineHarness(getDataBroker(), EngineLimits.DEFAULT)) {
            converge(engine, FIRST);
            engine.broker().holdNextFlowCommit();
            engine.write(SECOND);
            await("the flow write held", () -> engine.broker().held() == 1);
            final var stopped = engine.reconciler().stop();
            Thread.sleep(500);
            assertFalse("stop() completed while a write was outstanding", stopped.isDone());
            assertEquals(EngineState.STOPPING, engine.reconciler().health().state());
            engine.broker().release();
            stopped.get(5, TimeUnit.SECONDS);
            assertEquals(EngineState.STOPPED, engine.reconciler().health().state());
            // the held transaction (the write's new flows) landed; the write's next one (the removal of the flows
            // they replace) never started, as the gate closed: the next engine's baseline removes them
            final var landed = engine.configFlows();
            planned(SECOND).forEach((node, flows) -> assertTrue(node, landed.getOrDefault(node, Map.of())
                .entrySet().containsAll(flows.entrySet())));
            assertNotEquals(planned(SECOND), landed);
            // and nothing started after stop() returned
            final int writes = engine.broker().writeTransactions();
            Thread.sleep(300);
            assertEquals(writes, engine.broker().writeTransactions());
        }
    }

    @Test
    public void stopAbandonsAWriteAfterItsBoundAndStartsNothingAfterIt() throws Exception {
        try (var engine = new EngineHarness(getDataBroker(), limits(10_000, 30_000, 500))) {
            converge(engine, FIRST);
            engine.broker().holdNextFlowCommit();
            engine.write(SECOND);
            await("the flow write held", () -> engine.broker().held() == 1);
            final long start = System.nanoTime();
            final var stopped = engine.reconciler().stop();
            final int writes = engine.broker().writeTransactions();
            stopped.get(5, TimeUnit.SECONDS);
            assertTrue("stop() gave up too early",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 450);
            assertEquals(EngineState.STOPPED, engine.reconciler().health().state());
            engine.broker().release();
            Thread.sleep(300);
            assertEquals(writes, engine.broker().writeTransactions());
        }
    }

    @Test
    public void aWriteThatFailsAfterStopIsLoggedWithItsCause() throws Exception {
        try (var log = new EngineHarness.LogCapture();
             var engine = new EngineHarness(getDataBroker(), limits(10_000, 30_000, 300))) {
            converge(engine, FIRST);
            engine.broker().holdNextFlowCommit();
            engine.write(SECOND);
            await("the flow write held", () -> engine.broker().held() == 1);
            engine.reconciler().stop().get(5, TimeUnit.SECONDS);
            // abandoned by stop(); its commit fails only now: before, the engine dropped that failure without a word
            engine.broker().failHeld(new IllegalStateException("the held flow commit failed after stop"));
            await("the failure logged", () -> log.text().contains("failed after the engine stopped")
                && log.text().contains("the held flow commit failed after stop"));
        }
    }

    @Test
    public void aWriteUnansweredBeyondItsBoundIsFencedAndCannotOvertakeANewerOne() throws Exception {
        try (var log = new EngineHarness.LogCapture();
             var engine = new EngineHarness(getDataBroker(), limits(10_000, 500, 10_000))) {
            converge(engine, FIRST);
            engine.broker().holdNextFlowCommit();
            engine.write(SECOND);
            await("the flow write held", () -> engine.broker().held() == 1);
            // the engine does not wait for the fenced write: it resyncs and writes the intent
            fencedAndWrittenPast(engine);
            final long resyncs = engine.reconciler().health().resyncs();
            assertEquals(1, engine.broker().held());

            // the fenced write (the second intent's) lands now, after the third intent's write
            engine.broker().release();
            await("a resync after the late landing", () -> engine.reconciler().health().resyncs() > resyncs);
            final var planned = planned(THIRD);
            await("the newest intent's flows again", () -> engine.configFlows().equals(planned));
            Thread.sleep(300);
            assertEquals(planned, engine.configFlows());
            assertTrue(log.text().contains("A fenced flow write"));
        }
    }

    @Test
    public void aChainedWriteUnansweredBeyondItsBoundIsFencedAndStartsNoMoreTransactions() throws Exception {
        // one flow per transaction: every write of more than one flow goes on a transaction chain
        try (var log = new EngineHarness.LogCapture();
             var engine = new EngineHarness(getDataBroker(), limits(10_000, 500, 10_000).withFlowsPerTransaction(1))) {
            converge(engine, FIRST);
            final int chains = engine.broker().chains();
            assertTrue("the first intent took several chained transactions", chains > 0);
            engine.broker().holdNextFlowCommit();
            engine.write(SECOND);
            await("a chained commit's answer held", () -> engine.broker().held() == 1);
            assertTrue("the held commit is a chained one", engine.broker().chains() > chains);
            // the fenced chain starts nothing more; the engine re-reads what landed and writes the rest
            fencedAndWrittenPast(engine);
            final long errors = engine.reconciler().health().errors();
            // the late answer of the fenced write is reported and changes nothing: its bookkeeping does not count
            engine.broker().release();
            await("the late answer logged", () -> log.text().contains("A fenced flow write"));
            final var planned = planned(THIRD);
            await("the newest intent's flows after the resync", () -> engine.configFlows().equals(planned)
                && engine.reconciler().health().state() == EngineState.RUNNING);
            Thread.sleep(300);
            assertEquals(planned, engine.configFlows());
            assertEquals(errors, engine.reconciler().health().errors());
            converge(engine, FIRST);
        }
    }

    @Test
    public void moreChangesThanTheBoundAreCoalescedIntoOneResync() throws Exception {
        try (var engine = new EngineHarness(getDataBroker(), limits(3, 30_000, 10_000))) {
            await("the engine runs", () -> engine.reconciler().health().state() == EngineState.RUNNING);
            assertEquals(0, engine.reconciler().health().resyncs());
            // the intent arrives as more changes than the queue holds
            converge(engine, FIRST);
            assertTrue(engine.reconciler().health().resyncs() >= 1);
            assertEquals(0, engine.reconciler().health().errors());
            assertEquals(EngineState.RUNNING, engine.reconciler().health().state());
            converge(engine, SECOND);
        }
    }

    @Test
    public void aBurstNoLargerThanTheRegisteredVmsIsAppliedWithoutAResync() throws Exception {
        // the bound (2) is below the burst (3 migrations), but one change per registered VM is added to it
        try (var engine = new EngineHarness(getDataBroker(), limits(2, 30_000, 10_000))) {
            converge(engine, FIRST);
            await("the three VMs published", () -> engine.operational().nonnullVm().size() == 3);
            final long resyncs = engine.reconciler().health().resyncs();
            final var moves = List.of(migration("web", "10.0.2.31", "openflow:2", 4),
                migration("app", "10.0.2.32", "openflow:2", 5), migration("db", "10.0.2.44", "openflow:2", 2));
            // as notify-migrations writes them: the migration entries only, one change each
            final var tx = getDataBroker().newWriteOnlyTransaction();
            moves.forEach(move -> tx.put(LogicalDatastoreType.CONFIGURATION,
                ConfigPaths.migration(move.requireVmId().getValue()), move));
            tx.commit().get(5, TimeUnit.SECONDS);
            final VmMobility everyoneMoved = shop(moves.toArray(Migration[]::new));
            final var planned = planned(everyoneMoved);
            await("the burst's flows", () -> engine.configFlows().equals(planned));
            for (String vm : List.of("web", "app", "db")) {
                await(vm + " active", () -> engine.phase(vm) == MigrationPhase.Active);
            }
            assertEquals("resyncs after the burst", resyncs, engine.reconciler().health().resyncs());
            assertEquals(0, engine.reconciler().health().errors());
        }
    }

    @Test
    public void aMoveDuringTheAuditsReadIsWrittenWithoutWaitingForIt() throws Exception {
        // the first audit 5 s after the start, the next one a minute later; reads answered within 60 s
        final EngineLimits auditing = new EngineLimits(10_000, 30_000, 60_000, 10_000, 100, 30_000, 30_000,
            60_000);
        try (var engine = new EngineHarness(getDataBroker(), auditing)) {
            converge(engine, FIRST);
            final long errors = engine.reconciler().health().errors();
            engine.broker().holdReads();
            await("an audit reading (held)", 15, () -> engine.broker().heldReads() > 0);
            // at a million VMs the audit's read takes seconds: a move meanwhile goes to the switches at once
            converge(engine, SECOND);
            assertTrue("the audit's read is still held", engine.broker().heldReads() > 0);
            engine.broker().releaseReads();
            // the audit read before the move: moot, dropped, not a fault; the next one finds nothing
            Thread.sleep(1_000);
            assertEquals(errors, engine.reconciler().health().errors());
            assertEquals(EngineState.RUNNING, engine.reconciler().health().state());
            assertEquals(planned(SECOND), engine.configFlows());
        }
    }

    @Test
    public void theAuditWaitsForAQuietMoment() throws Exception {
        // audits every 200 ms, after 200 ms without a change; each one here reports a difference (the harness's
        // switches are not in the operational inventory), so the errors count the audits that concluded, and the
        // read-only transactions those that began
        final EngineLimits auditing = new EngineLimits(10_000, 30_000, 10_000, 10_000, 100, 30_000, 30_000, 200);
        try (var engine = new EngineHarness(getDataBroker(), auditing)) {
            converge(engine, FIRST);
            await("an audit concluded", () -> engine.reconciler().health().errors() > 0);
            final AtomicBoolean going = new AtomicBoolean(true);
            final Thread changes = new Thread(() -> {
                while (going.get()) {
                    // a change every 50 ms (the switches reported again): never 200 ms of quiet
                    engine.reconciler().switchesChanged(EngineHarness.SWITCHES);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            changes.start();
            try {
                // an audit begun before the changes may still conclude: then none
                Thread.sleep(1_000);
                final long errors = engine.reconciler().health().errors();
                final int reads = engine.broker().readTransactions();
                Thread.sleep(1_500);
                assertEquals("audits begun while the changes went on", reads, engine.broker().readTransactions());
                assertEquals("audits concluded while the changes went on", errors,
                    engine.reconciler().health().errors());
            } finally {
                going.set(false);
                changes.join();
            }
            final long quiet = engine.reconciler().health().errors();
            await("an audit once quiet", () -> engine.reconciler().health().errors() > quiet);
        }
    }

    @Test
    public void theAuditFindsFlowsWrittenBehindTheEnginesBackAndResyncs() throws Exception {
        final EngineLimits auditing = new EngineLimits(10_000, 30_000, 10_000, 10_000, 100, 30_000, 30_000, 200);
        try (var engine = new EngineHarness(getDataBroker(), auditing)) {
            converge(engine, FIRST);
            final long errors = engine.reconciler().health().errors();
            // a flow of ours appears that the engine did not write (a late commit, a user's edit)
            final var flows = engine.configFlows();
            final String node = flows.keySet().iterator().next();
            final Flow original = flows.get(node).values().iterator().next();
            final Flow intruder = new FlowBuilder(original).setId(new FlowId("vmm-intruder"))
                .withKey(new FlowKey(new FlowId("vmm-intruder"))).build();
            final var tx = getDataBroker().newWriteOnlyTransaction();
            tx.put(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flow(node, original.getTableId().toJava(),
                "vmm-intruder"), intruder);
            tx.commit().get(5, TimeUnit.SECONDS);
            await("the audit reported it", () -> engine.reconciler().health().errors() > errors
                && engine.reconciler().health().lastError().filter(error -> error.startsWith("audit: ")
                    && error.contains("1 not written by the engine")).isPresent());
            final var planned = planned(FIRST);
            await("the intruder removed by the resync", () -> engine.configFlows().equals(planned));
            await("running again", () -> engine.reconciler().health().state() == EngineState.RUNNING);
        }
    }
}
