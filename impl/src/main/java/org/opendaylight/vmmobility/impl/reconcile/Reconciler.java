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
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.state.MigrationStates;
import org.opendaylight.vmmobility.impl.state.MigrationTracker;
import org.opendaylight.vmmobility.impl.state.MigrationTracker.ProbeResult;
import org.opendaylight.vmmobility.impl.state.StatePublisher;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.vmmobility.impl.state.VmStates;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.vmmobility.impl.writer.FlowWriter;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.Engine;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the switches equal to the intent, change by change. Listeners hand it the changes and return; one thread
 * of its own applies them to the {@link IncrementalPlanner}, writes the flows of the switches that changed, follows
 * the migrations on the switches, and publishes the state of the entries that changed and the notifications.
 *
 * <p>Never more than one flow write is outstanding, and the baseline is read back only when none is: a slow write
 * is waited for (however long it takes), so no write ever lands after a newer one. Changes that arrive meanwhile
 * coalesce into the next write. Switches are asked for their flows only while a migration there waits for
 * confirmation (every 100 ms), for counters every 10 s, and a switch that cannot be asked backs off to 10 s.
 */
public final class Reconciler implements AutoCloseable {
    /** The root of the configuration and of the operational state. */
    public static final DataObjectIdentifier<VmMobility> ROOT = DataObjectIdentifier.builder(VmMobility.class).build();

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final long PROBE_FAST_MS = 100;
    private static final long COUNTERS_MS = 10_000;
    private static final long BACKOFF_MIN_MS = 200;
    private static final long BACKOFF_MAX_MS = 10_000;
    private static final long RETRY_MS = 1_000;
    private static final long SLOW_WRITE_S = 30;
    private static final long PROBE_TIMEOUT_S = 5;
    private static final long STOP_WAIT_S = 10;

    private final DataBroker broker;
    private final FlowWriter writer;
    private final SwitchFlowProbe probe;
    private final FlowRetrier retrier;
    private final Notifier notifier;
    private final IncrementalPlanner planner;
    private final MigrationTracker tracker = new MigrationTracker();
    private final StatePublisher publisher;
    private final ScheduledExecutorService executor;
    private final Queue<Change> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean runQueued = new AtomicBoolean();
    private final Map<String, Backoff> backoff = new HashMap<>();
    private final ScheduledExecutorService stateExecutor;
    private final Set<String> unwritten = new TreeSet<>();
    private volatile Set<String> connected = Set.of();
    private volatile boolean stopping;
    /** The listeners delivered the intent / the switch set at least once. */
    private volatile boolean intentSeen;
    private volatile boolean switchesSeen;
    /** When the baseline was read, an intent / connected switches existed (so their notification is coming). */
    private boolean intentExists;
    private boolean switchesExist;
    private volatile @Nullable ListenableFuture<?> lastWrite;
    private volatile Consumer<Set<String>> baselineSwitches = switches -> { };
    private boolean busy;
    private boolean baselineKnown;
    private boolean resync;
    private boolean probing;
    private long countersDue;
    private @Nullable ScheduledFuture<?> nextProbe;
    private long nextProbeAt = Long.MAX_VALUE;

    /** A switch that could not be asked: when to ask again. */
    private record Backoff(long dueNanos, long intervalMs) {
    }

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
        this.planner = new IncrementalPlanner(pipeline);
        executor = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-reconciler").setDaemon(true).build());
        stateExecutor = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-state").setDaemon(true).build());
        publisher = new StatePublisher(broker, stateExecutor, Reconciler::migrationsPublished);
    }

    /**
     * The configuration changed.
     *
     * @param changes what changed, in order
     */
    public void configChanged(final List<Change> changes) {
        // an accepted migration shows at once (pending), before the engine plans it
        boolean accepted = false;
        for (Change change : changes) {
            if (change instanceof Change.PutMigration put) {
                publisher.accepted(put.migration().vmId(), Optional.of(MigrationStates.entry(put.migration(), null,
                    null)), Optional.of(put.migration()));
                accepted = true;
            } else if (change instanceof Change.RemoveMigration remove) {
                publisher.accepted(remove.vmId(), Optional.empty(), Optional.empty());
                accepted = true;
            }
        }
        if (accepted) {
            publisher.flush();
        }
        queue.addAll(changes);
        intentSeen = true;
        requestRun();
    }

    /**
     * Switches reported ports that appeared, were renamed or went away.
     *
     * @param changes the port changes
     */
    public void portsChanged(final List<Change> changes) {
        queue.addAll(changes);
        requestRun();
    }

    /**
     * The set of connected switches changed.
     *
     * @param switches the node ids of the connected switches
     */
    public void switchesChanged(final Set<String> switches) {
        final Set<String> before = connected;
        connected = Set.copyOf(switches);
        switchesSeen = true;
        queue.add(new Change.SetConnected(com.google.common.collect.ImmutableSet.copyOf(switches)));
        executor.execute(() -> {
            for (String node : switches) {
                if (!before.contains(node)) {
                    backoff.remove(node);
                    scheduleProbe(0);
                }
            }
            // a switch that left cannot hold anything we know of: its migrations fail now, not at the next probe
            final Map<String, ProbeResult> gone = new HashMap<>();
            before.stream().filter(node -> !switches.contains(node))
                .forEach(node -> gone.put(node, ProbeResult.failed("not connected")));
            if (!gone.isEmpty()) {
                notifier.publish(tracker.probed(gone, retrier.refusals()), planner::vm);
                publishChangedMigrations();
            }
        });
        requestRun();
    }

    /**
     * Tells who needs to know which switches hold our flows in the config inventory, each time the baseline is read
     * (before anything is planned from it).
     *
     * @param consumer receives the switches
     */
    public void onBaseline(final Consumer<Set<String>> consumer) {
        baselineSwitches = requireNonNull(consumer);
    }

    /**
     * Shows where the engine runs (published with the first state, which replaces any state a previous engine left).
     *
     * @param engine the operational engine entry
     */
    public void announce(final Engine engine) {
        publisher.engine(engine);
        publisher.flush();
    }

    /**
     * Stops: no new flow write starts; completes once an outstanding write has landed (at most
     * {@value #STOP_WAIT_S} s), so that an engine taking over elsewhere reads a baseline no older write overtakes.
     *
     * @return completed when stopped
     */
    public ListenableFuture<Void> stop() {
        stopping = true;
        final SettableFuture<Void> stopped = SettableFuture.create();
        final Runnable finish = () -> {
            close();
            stopped.set(null);
        };
        final ListenableFuture<?> last = lastWrite;
        if (last == null || last.isDone()) {
            finish.run();
        } else {
            last.addListener(finish, MoreExecutors.directExecutor());
            stateExecutor.schedule(finish, STOP_WAIT_S, TimeUnit.SECONDS);
        }
        return stopped;
    }

    private void requestRun() {
        if (runQueued.compareAndSet(false, true)) {
            executor.execute(this::run);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void run() {
        runQueued.set(false);
        if (stopping) {
            return;
        }
        if (!baselineKnown) {
            if (!busy) {
                readBaseline();
            }
            return;
        }
        if (intentExists && !intentSeen || switchesExist && !switchesSeen) {
            // an engine that just started (or took over) writes nothing before it knows the whole intent and the
            // connected switches: planning a part would delete the flows of the rest; their notification comes
            return;
        }
        // changes are planned and their state published at once, also while a flow write is outstanding; only the
        // next flow write waits for it
        final Set<String> notified = new TreeSet<>();
        for (Change change = queue.poll(); change != null; change = queue.poll()) {
            try {
                planner.apply(change);
            } catch (RuntimeException e) {
                LOG.warn("Ignoring a change the engine cannot take: {}", change, e);
            }
            if (change instanceof Change.PutMigration put) {
                notified.add(put.migration().vmId());
            } else if (change instanceof Change.RemoveMigration remove) {
                notified.add(remove.vmId());
            }
        }
        final IncrementalPlanner.Update update = planner.replan();
        unwritten.addAll(update.flows().keySet());
        if (resync) {
            resync = false;
            unwritten.addAll(writer.switches());
            unwritten.addAll(planner.plan().flowsBySwitch().keySet());
        }
        notifier.publish(tracker.planChanged(update.migrations(), planner::flows), planner::vm);
        tracker.switchesChanged(update.changedFlowIds(), planner::flows);
        update.vms().forEach(this::queueVmState);
        // an intent that changed without changing its plan (or its status) is published again too
        notified.forEach(this::queueMigrationState);
        publishChangedMigrations();
        if (busy) {
            return;
        }
        if (unwritten.isEmpty()) {
            if (!update.migrations().isEmpty()) {
                scheduleProbe(0);
            }
            return;
        }
        final Map<String, Map<String, PlannedFlow>> toWrite = new TreeMap<>();
        unwritten.forEach(node -> toWrite.put(node, planner.flows(node)));
        unwritten.clear();
        write(toWrite);
    }

    private void readBaseline() {
        busy = true;
        final var configTx = broker.newReadOnlyTransaction();
        final var operationalTx = broker.newReadOnlyTransaction();
        final ListenableFuture<Boolean> intent = configTx.exists(LogicalDatastoreType.CONFIGURATION, ROOT);
        final ListenableFuture<Boolean> switches = Futures.transform(operationalTx.read(
            LogicalDatastoreType.OPERATIONAL, InventoryPaths.NODES), nodes -> nodes.map(found ->
                !found.nonnullNode().isEmpty()).orElse(false), MoreExecutors.directExecutor());
        final var flows = writer.readBaseline();
        final var all = Futures.whenAllSucceed(intent, switches, flows).call(() -> Futures.getDone(flows),
            MoreExecutors.directExecutor());
        all.addListener(configTx::close, MoreExecutors.directExecutor());
        all.addListener(operationalTx::close, MoreExecutors.directExecutor());
        Futures.addCallback(all, new FutureCallback<Map<String, Map<String, org.opendaylight.yang
                .gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow>>>() {
            @Override
            public void onSuccess(final Map<String, Map<String, org.opendaylight.yang.gen.v1.urn.opendaylight.flow
                    .inventory.rev130819.tables.table.Flow>> result) {
                intentExists = Futures.getUnchecked(intent);
                switchesExist = Futures.getUnchecked(switches);
                writer.setBaseline(result);
                baselineSwitches.accept(Set.copyOf(result.keySet()));
                busy = false;
                baselineKnown = true;
                resync = true;
                requestRun();
            }

            @Override
            public void onFailure(final Throwable cause) {
                busy = false;
                LOG.warn("Reading our flows from the config datastore failed, retrying in {} ms", RETRY_MS, cause);
                executor.schedule(Reconciler.this::requestRun, RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }, executor);
    }

    private void write(final Map<String, Map<String, PlannedFlow>> toWrite) {
        busy = true;
        final FluentFuture<FlowWriter.Changes> write = writer.apply(toWrite);
        lastWrite = write;
        final ScheduledFuture<?> watchdog = executor.schedule(() -> LOG.warn(
            "A flow write to {} switches is outstanding for {} s; waiting for it before writing anything else",
            toWrite.size(), SLOW_WRITE_S), SLOW_WRITE_S, TimeUnit.SECONDS);
        Futures.addCallback(write, new FutureCallback<FlowWriter.Changes>() {
            @Override
            public void onSuccess(final FlowWriter.Changes result) {
                watchdog.cancel(false);
                busy = false;
                LOG.debug("Wrote flows of {} switches: {} put, {} deleted", toWrite.size(), result.puts(),
                    result.deletes());
                scheduleProbe(0);
                requestRun();
            }

            @Override
            public void onFailure(final Throwable cause) {
                watchdog.cancel(false);
                busy = false;
                // no write is outstanding now: read back what the datastore holds, then write the whole difference
                baselineKnown = false;
                unwritten.addAll(toWrite.keySet());
                LOG.warn("Writing flows failed, re-reading the baseline in {} ms", RETRY_MS, cause);
                executor.schedule(Reconciler.this::requestRun, RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }, executor);
    }

    private void scheduleProbe(final long delayMs) {
        final long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        if (nextProbe != null && !nextProbe.isDone() && nextProbeAt - at <= 0) {
            return;
        }
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        nextProbeAt = at;
        nextProbe = executor.schedule(this::probeSwitches, delayMs, TimeUnit.MILLISECONDS);
    }

    private void probeSwitches() {
        // this run is the scheduled probe: the next one is scheduled anew
        nextProbe = null;
        if (probing) {
            return;
        }
        final long now = System.nanoTime();
        final Set<String> targets = new HashSet<>(tracker.switchesToConfirm());
        if (now - countersDue >= 0) {
            targets.addAll(tracker.switchesWithTranslations());
            countersDue = now + TimeUnit.MILLISECONDS.toNanos(COUNTERS_MS);
        }
        targets.removeIf(node -> {
            final Backoff wait = backoff.get(node);
            return wait != null && wait.dueNanos - now > 0;
        });
        final Map<String, ProbeResult> results = new HashMap<>();
        final Map<String, FluentFuture<Map<Long, FlowCounters>>> futures = new HashMap<>();
        for (String node : targets) {
            if (connected.contains(node)) {
                // a switch that does not answer in time is treated as unreachable (and backs off)
                futures.put(node, FluentFuture.from(Futures.withTimeout(probe.flows(node), PROBE_TIMEOUT_S,
                    TimeUnit.SECONDS, executor)));
            } else {
                results.put(node, ProbeResult.failed("not connected"));
                backOff(node, now);
            }
        }
        if (futures.isEmpty()) {
            probed(results);
            return;
        }
        probing = true;
        Futures.whenAllComplete(futures.values()).run(() -> {
            probing = false;
            futures.forEach((node, future) -> {
                try {
                    results.put(node, ProbeResult.answered(Futures.getDone(future)));
                    backoff.remove(node);
                } catch (ExecutionException e) {
                    results.put(node, ProbeResult.failed(String.valueOf(e.getCause())));
                    backOff(node, System.nanoTime());
                }
            });
            probed(results);
        }, executor);
    }

    private void probed(final Map<String, ProbeResult> results) {
        retrier.probed(planner::flows, results, System.nanoTime());
        notifier.publish(tracker.probed(results, retrier.refusals()), planner::vm);
        publishChangedMigrations();
        final long now = System.nanoTime();
        long delay = Long.MAX_VALUE;
        for (String node : tracker.switchesToConfirm()) {
            final Backoff wait = backoff.get(node);
            delay = Math.min(delay, wait == null ? PROBE_FAST_MS
                : Math.max(PROBE_FAST_MS, TimeUnit.NANOSECONDS.toMillis(wait.dueNanos - now)));
        }
        if (!tracker.switchesWithTranslations().isEmpty()) {
            delay = Math.min(delay, Math.max(PROBE_FAST_MS, TimeUnit.NANOSECONDS.toMillis(countersDue - now)));
        }
        if (delay != Long.MAX_VALUE) {
            scheduleProbe(delay);
        }
    }

    private void backOff(final String node, final long now) {
        final Backoff before = backoff.get(node);
        final long interval = before == null ? BACKOFF_MIN_MS : Math.min(before.intervalMs * 2, BACKOFF_MAX_MS);
        backoff.put(node, new Backoff(now + TimeUnit.MILLISECONDS.toNanos(interval), interval));
    }

    private void publishChangedMigrations() {
        tracker.takeChanged().forEach(this::queueMigrationState);
        publisher.flush();
    }

    private void queueMigrationState(final String vmId) {
        final Optional<Migration> intent = planner.migrationIntent(vmId);
        publisher.migration(vmId, intent.map(migration -> MigrationStates.entry(migration,
            planner.migration(vmId).orElse(null), tracker.status(vmId).orElse(null))), intent);
        queueVmState(vmId);
    }

    private void queueVmState(final String vmId) {
        publisher.vm(vmId, planner.vm(vmId).map(vm -> VmStates.entry(vm, tracker.status(vmId))));
        publisher.flush();
    }

    private static void migrationsPublished(final List<StatePublisher.Published> migrations) {
        LOG.debug("Published the state of {} migrations", migrations.size());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        stateExecutor.shutdownNow();
    }
}
