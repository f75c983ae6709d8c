/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.engine.EngineService;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.reconcile.EngineLimits;
import org.opendaylight.vmmobility.impl.reconcile.EngineStepHook;
import org.opendaylight.vmmobility.impl.reconcile.Notifier;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.vmmobility.impl.rpc.CutOverRpc;
import org.opendaylight.vmmobility.impl.rpc.MigrationRpcs;
import org.opendaylight.vmmobility.impl.rpc.VmTransactionRunner;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.testing.ConfigBackedSwitches;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Engine;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the fault suite touches the application: the engine (started as the cluster singleton starts it)
 * and the four RPCs, all on the faulty broker; the switches (the flow probe and the flow pusher) answer from the
 * faithful one. Re-point this class when the engine or the RPCs change their constructors.
 */
public final class EngineUnderTest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineUnderTest.class);

    /**
     * The switch departure grace of the engine under test: the product's 15 s would outlast the run's bounds (a
     * switch the scenario disconnects keeps its flows that long, by design); the grace itself is tested in
     * SwitchDeparturesTest, and here a short one still takes the same path.
     */
    static final long DEPARTURE_GRACE_MS = 300;

    /**
     * Flow operations per transaction: the product's 400 would keep every write of these small scenarios in one
     * transaction; at 4 most writes are bursts, on a transaction chain, so faults hit chained transactions too.
     */
    static final int FLOWS_PER_TRANSACTION = 4;

    /**
     * The engine's bounds, scaled down from the product's (30 s for a flow write, 10 s for a baseline read, a
     * backoff up to 30 s, an audit every 60 s) so that a hang right before the faults stop is detected and
     * repaired within the run's bound: the same logic on a shorter clock. Above the time a write takes on a busy
     * machine, so that no write is fenced without a fault.
     */
    static final EngineLimits LIMITS = new EngineLimits(10_000, 1_500, 1_500, 2_000, 50, 800, 1_500, 500,
        FLOWS_PER_TRANSACTION);

    private final ScheduledExecutorService timer;
    private final EngineService engine;
    private final MigrationRpcs rpcs;
    private final CutOverRpc cutOver;
    private final DataBroker faithful;

    /**
     * Creates the engine and the RPCs; nothing runs before {@link #start()}.
     *
     * @param broker the broker the application uses (the faulty one)
     * @param faithful the real broker, where the test doubles of the switches read the flows
     * @param switches every switch the scenario can connect
     * @param pipeline the pipeline
     * @param hook called at the start of each engine step (throws the planner's and the converter's faults)
     */
    public EngineUnderTest(final DataBroker broker, final DataBroker faithful, final Set<String> switches,
            final PipelineConfig pipeline, final EngineStepHook hook) {
        timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("faults-rpc-timer-%d").setDaemon(true).build());
        final var doubles = new ConfigBackedSwitches(faithful, switches);
        final NotificationPublishService notifications = mock(NotificationPublishService.class);
        doReturn(Futures.immediateFuture(null)).when(notifications).offerNotification(any());
        engine = new EngineService(broker, () -> new Reconciler(broker, new SwitchFlowProbe(doubles),
            new FlowPusher(doubles), new Notifier(notifications), pipeline, hook, LIMITS), "faults",
            DEPARTURE_GRACE_MS);
        // the answers do not wait for the published state: the suite checks the stored intent, not the state
        final VmTransactionRunner runner = new VmTransactionRunner(broker,
            (vmId, migration) -> Futures.immediateFuture(null), timer);
        rpcs = new MigrationRpcs(runner);
        cutOver = new CutOverRpc(runner);
        this.faithful = faithful;
    }

    /**
     * Starts the engine as the cluster singleton service does: an exception is logged and the node goes on.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void start() {
        try {
            engine.instantiateServiceInstance();
        } catch (RuntimeException e) {
            // what mdsal's singleton service group does with a service that fails to start
            LOG.warn("The engine failed to start", e);
        }
    }

    /**
     * notify-migration.
     *
     * @param input the input
     * @return the answer
     */
    public ListenableFuture<RpcResult<NotifyMigrationOutput>> notifyMigration(final NotifyMigrationInput input) {
        return rpcs.notifyMigration(input);
    }

    /**
     * notify-migrations.
     *
     * @param input the input
     * @return the answer
     */
    public ListenableFuture<RpcResult<NotifyMigrationsOutput>> notifyMigrations(final NotifyMigrationsInput input) {
        return rpcs.notifyMigrations(input);
    }

    /**
     * complete-migration.
     *
     * @param input the input
     * @return the answer
     */
    public ListenableFuture<RpcResult<CompleteMigrationOutput>> completeMigration(
            final CompleteMigrationInput input) {
        return rpcs.completeMigration(input);
    }

    /**
     * cut-over.
     *
     * @param input the input
     * @return the answer
     */
    public ListenableFuture<RpcResult<CutOverOutput>> cutOver(final CutOverInput input) {
        return cutOver.cutOver(input);
    }

    /**
     * The engine's own view of its health, once it publishes one (the supervised engine's {@code health}).
     *
     * @return true if ok, false if degraded, empty while the engine shows none
     */
    public Optional<Boolean> healthy() {
        return engineState().map(state -> state.getHealth() == null ? null
            : state.getHealth() == Engine.Health.Ok);
    }

    /**
     * The errors the engine counted itself (a trace of faults beside the log), once it counts them.
     *
     * @return the count
     */
    public long errorsCounted() {
        return engineState().map(state -> state.getErrorCount() == null ? 0L
            : state.getErrorCount().getValue().longValue()).orElse(0L);
    }

    /**
     * The engine's published health, for a failure's text.
     *
     * @return its health, last error and counts as published
     */
    public String describeHealth() {
        return engineState().map(state -> "health " + state.getHealth() + ", last error " + state.getLastError()
            + ", errors " + state.getErrorCount() + ", resyncs " + state.getResyncCount()).orElse("none published");
    }

    private Optional<Engine> engineState() {
        // read from the faithful broker: what the engine published, not a fault of this read
        try (var tx = faithful.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ENGINE).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("reading the engine's state failed", e);
        }
    }

    @Override
    public void close() {
        engine.closeServiceInstance();
        timer.shutdownNow();
    }
}
