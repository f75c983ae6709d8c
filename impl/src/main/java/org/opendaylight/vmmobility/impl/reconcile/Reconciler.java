/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.IntentReader;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.TranslationPlanner;
import org.opendaylight.vmmobility.impl.state.MigrationStatus;
import org.opendaylight.vmmobility.impl.state.MigrationTracker;
import org.opendaylight.vmmobility.impl.state.MigrationTracker.ProbeResult;
import org.opendaylight.vmmobility.impl.state.OperationalView;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.vmmobility.impl.writer.FlowWriter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the switches equal to the intent. Listeners only hand it the newest configuration or the set of connected
 * switches and return; one thread of its own plans, writes the flow difference to the config inventory, confirms
 * the flows on the switches, and publishes the operational view and notifications. Bursts of changes coalesce into
 * one re-plan, so the last accepted intent always wins.
 */
public final class Reconciler implements AutoCloseable {
    /** The root of the configuration and of the operational view. */
    public static final DataObjectIdentifier<VmMobility> ROOT = DataObjectIdentifier.builder(VmMobility.class).build();

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final long PROBE_FAST_MS = 100;
    private static final long PROBE_SLOW_MS = 5_000;
    private static final long RETRY_MS = 1_000;
    private static final long TIMEOUT_S = 30;

    private final DataBroker broker;
    private final FlowWriter writer;
    private final SwitchFlowProbe probe;
    private final FlowRetrier retrier;
    private final Notifier notifier;
    private final PipelineConfig pipeline;
    private final MigrationTracker tracker = new MigrationTracker();
    private final ScheduledExecutorService executor;
    private final AtomicReference<@Nullable VmMobility> intent = new AtomicReference<>();
    private final AtomicReference<Set<String>> connected = new AtomicReference<>(Set.of());
    private final AtomicBoolean replanQueued = new AtomicBoolean();
    private ScheduledFuture<?> nextProbe;
    private boolean baselineKnown;
    private @Nullable VmMobility published;
    private @Nullable VmMobility publishedConfig;
    private Map<String, MigrationStatus> publishedStatuses = Map.of();

    /**
     * Creates a reconciler; it does nothing until the first change arrives.
     *
     * @param broker the data broker
     * @param probe asks switches for their flows
     * @param pusher re-sends flows a switch lacks
     * @param notifier publishes notifications
     * @param pipeline where the pipeline lives
     */
    public Reconciler(final DataBroker broker, final SwitchFlowProbe probe, final FlowPusher pusher,
            final Notifier notifier, final PipelineConfig pipeline) {
        this.broker = requireNonNull(broker);
        this.writer = new FlowWriter(broker);
        this.probe = requireNonNull(probe);
        this.retrier = new FlowRetrier(pusher);
        this.notifier = requireNonNull(notifier);
        this.pipeline = requireNonNull(pipeline);
        executor = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-reconciler").setDaemon(true).build());
    }

    /**
     * The configuration changed.
     *
     * @param config the whole new configuration, null if deleted
     */
    public void intentChanged(final @Nullable VmMobility config) {
        intent.set(config);
        requestReplan();
    }

    /**
     * The set of connected switches changed.
     *
     * @param switches the node ids of the connected switches
     */
    public void switchesChanged(final Set<String> switches) {
        if (!switches.equals(connected.getAndSet(Set.copyOf(switches)))) {
            requestReplan();
        }
    }

    private void requestReplan() {
        if (replanQueued.compareAndSet(false, true)) {
            executor.execute(this::replan);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void replan() {
        replanQueued.set(false);
        try {
            if (!baselineKnown) {
                writer.setBaseline(writer.readBaseline().get(TIMEOUT_S, TimeUnit.SECONDS));
                baselineKnown = true;
            }
            final var config = intent.get();
            final var plan = TranslationPlanner.plan(IntentReader.read(config, pipeline, connected.get()));
            final var changes = writer.apply(plan.flowsBySwitch()).get(TIMEOUT_S, TimeUnit.SECONDS);
            LOG.debug("Plan applied: {} flows on {} switches, {} put, {} deleted", plan.flowCount(),
                plan.flowsBySwitch().size(), changes.puts(), changes.deletes());
            notifier.publish(tracker.planApplied(plan), config);
            publishView(config);
            scheduleProbe(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the datastore may not hold what we believe we wrote (someone deleted a table, a chunk failed):
            // read our flows back before the retry
            baselineKnown = false;
            LOG.warn("Applying the intent failed, retrying in {} ms", RETRY_MS, e);
            executor.schedule(this::requestReplan, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduleProbe(final long delayMs) {
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        nextProbe = executor.schedule(this::probeSwitches, delayMs, TimeUnit.MILLISECONDS);
    }

    private void probeSwitches() {
        final var results = new HashMap<String, ProbeResult>();
        final var switches = tracker.switchesToProbe();
        final var futures = new HashMap<String, FluentFuture<Map<Long, FlowCounters>>>();
        for (var node : switches) {
            if (!connected.get().contains(node)) {
                results.put(node, ProbeResult.failed("not connected"));
            } else {
                futures.put(node, probe.flows(node));
            }
        }
        futures.forEach((node, future) -> {
            try {
                results.put(node, ProbeResult.answered(future.get(TIMEOUT_S, TimeUnit.SECONDS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.put(node, ProbeResult.failed("interrupted"));
            } catch (ExecutionException | TimeoutException e) {
                results.put(node, ProbeResult.failed(String.valueOf(e.getCause() != null ? e.getCause() : e)));
            }
        });
        retrier.probed(tracker.plan(), results, System.nanoTime());
        final List<MigrationTracker.Event> events = tracker.probed(results, retrier.refusals());
        final var config = intent.get();
        notifier.publish(events, config);
        publishView(config);
        if (!switches.isEmpty()) {
            scheduleProbe(tracker.hasUnconfirmed() ? PROBE_FAST_MS : PROBE_SLOW_MS);
        }
    }

    private void publishView(final @Nullable VmMobility config) {
        final var statuses = tracker.statuses();
        if (config == publishedConfig && statuses.equals(publishedStatuses)) {
            return;
        }
        final var view = OperationalView.build(config, tracker.plan(), statuses);
        if (view.equals(published)) {
            return;
        }
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, ROOT, view);
        try {
            tx.commit().get(TIMEOUT_S, TimeUnit.SECONDS);
            published = view;
            publishedConfig = config;
            publishedStatuses = statuses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Publishing the operational view failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
