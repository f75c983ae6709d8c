/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static com.google.common.base.Verify.verifyNotNull;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.intent.PortReader;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.planner.Attachment;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
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
import org.opendaylight.vmmobility.impl.writer.ReadFailureLog;
import org.opendaylight.vmmobility.impl.writer.SwitchFlowDifferences;
import org.opendaylight.vmmobility.impl.writer.WriteGate;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the switches equal to the intent, change by change, as a supervised engine. Listeners hand it the changes
 * and return; one thread of its own applies them to the {@link IncrementalPlanner}, writes the flows of the switches
 * that changed, follows the migrations on the switches, and publishes the state of the entries that changed and the
 * notifications.
 *
 * <p>States ({@link EngineState}): STARTING until the baseline is read and its difference written, then RUNNING.
 * Every step runs through the {@link Supervisor}: a step that fails (or a flow write unanswered for 30 s, or a
 * baseline read unanswered for 10 s: {@link EngineLimits#DEFAULT}) is logged with its
 * stack, counted and shown in {@code vm-mobility/engine}, the engine is DEGRADED and resyncs: it re-reads the
 * intent, the switches and their ports and our flows, plans from scratch and writes the difference, after
 * 100 ms doubling up to 30 s between attempts ({@link EngineLimits}); once a resync's write
 * landed it is RUNNING again. Changes waiting beyond a bound are dropped for a full resync, too: the bound is
 * {@link EngineLimits#maxQueuedChanges()} plus one change per VM whose state the engine publishes, so that a
 * notify-migrations that moves every registered VM is applied as changes, while a backlog larger than that is cheaper
 * to settle by reading the whole intent once.
 *
 * <p>Never more than one flow write is outstanding, and the baseline is read back only when none is. A write
 * unanswered for 30 s is fenced ({@link WriteGate}): its later transactions never start, its
 * bookkeeping never counts, and when it lands after all the engine resyncs, so that it overtakes no newer write.
 * {@link #stop()} closes the gate: from then on nothing is written, published or notified.
 *
 * <p>Switches are asked for their flows only while a migration there waits for confirmation (every 100 ms), for
 * counters every 10 s, every connected switch once a minute, and a switch that cannot be asked backs off to 10 s.
 * After the switches of a round answered in t, the next round waits at least t: a switch holding 20,000 flows of
 * ours answers in seconds, and asking it back to back would take that much CPU from the controller and the switch
 * while they install the very flows the round looks for. A switch that does not answer counts for nothing in t. A
 * flow of ours that a switch still holds 10 s after the plan dropped it is removed from it
 * ({@link StaleFlowSweeper}).
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final long PROBE_FAST_MS = 100;
    private static final long COUNTERS_MS = 10_000;
    /** Every connected switch is asked for its flows this often, for flows of ours the plan dropped. */
    private static final long SWEEP_MS = 60_000;
    private static final long BACKOFF_MIN_MS = 200;
    private static final long BACKOFF_MAX_MS = 10_000;
    private static final long PROBE_TIMEOUT_MS = 5_000;
    /**
     * After the switches of a round answered in t (the slowest that answered; one that did not answer counts for
     * nothing), the next round waits at least this many times t.
     */
    private static final long PROBE_REST_FACTOR = 1;
    /** A probe answered, or a flow write committed, after this long is logged (at INFO: a burst's figures). */
    private static final long SLOW_STEP_MS = 1_000;
    /** After an audit found a difference: when it checks again before it calls it a fault. */
    private static final long AUDIT_CONFIRM_MS = 1_000;
    /** An audit's plan from scratch taking this long is logged (at a million VMs it takes seconds). */
    private static final long SLOW_AUDIT_PLAN_MS = 1_000;
    /** The next audit waits at least this many times as long as the last audit's plan from scratch took. */
    private static final long AUDIT_COST_FACTOR = 10;
    /** The audit runs only once no change was queued for this long (at most the audit interval). */
    private static final long AUDIT_QUIET_MS = 5_000;
    /**
     * The first audit after the engine started (or took over): a change committed while the engine changed nodes can
     * reach neither the new engine's listener nor its baseline read (seen once in a fresh-clone CI run: the cluster
     * test's bk, repaired only by the audit 60 s later); checking soon after the start repairs it within seconds.
     */
    private static final long AUDIT_AFTER_START_MS = 5_000;

    private final DataBroker broker;
    private final PipelineConfig pipeline;
    private final WriteGate gate = new WriteGate();
    private final EngineHealth health = new EngineHealth();
    private final Supervisor supervisor;
    private final FlowWriter writer;
    private final SwitchFlowProbe probe;
    private final FlowRetrier retrier;
    private final StaleFlowSweeper sweeper;
    private final Notifier notifier;
    private final StatePublisher publisher;
    private final EngineLimits limits;
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean runQueued = new AtomicBoolean();
    /** Counts the changes handed to the engine: an audit compares only what no change overtook. */
    private final AtomicLong changesEnqueued = new AtomicLong();
    private final AtomicInteger faultStreak = new AtomicInteger();
    private final AtomicLong lastFaultAt = new AtomicLong();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final SettableFuture<Void> stopped = SettableFuture.create();
    private final Map<String, Backoff> backoff = new HashMap<>();
    private final Set<String> unwritten = new TreeSet<>();
    /**
     * The migrations whose state is published: a resync publishes them all again. The VMs' are those of the planner
     * (every VM the planner adds or removes has its state queued in the same run): no set of a million ids of its own.
     */
    private final Set<String> knownMigrations = new HashSet<>();
    /**
     * Per VM, the move whose migration-activated was published: a plan that changes around it (a member moved, a
     * resync, an engine taking over) is confirmed again without a second notification.
     */
    private final Map<String, Move> announcedMoves = new HashMap<>();
    /** When the engine took each migration's notify (a move not yet announced), for the activation latency. */
    private final Map<String, Timing> timings = new ConcurrentHashMap<>();
    // written by the audit's thread, read by the engine's
    private volatile long lastAuditPlanMs;
    // changes that may wait before they are dropped for a resync: set by the engine's thread, read by the listeners'
    private volatile int queueBound;
    // when the listeners last queued a change (System.nanoTime)
    private volatile long lastChangeAt = System.nanoTime();
    private final VmmMetrics metrics;
    /** What the engine before this one published, read before this one's first state write removes it. */
    private final ListenableFuture<Optional<VmMobility>> previousState;
    private IncrementalPlanner planner;
    private MigrationTracker tracker = new MigrationTracker();
    private volatile Set<String> connected = Set.of();
    private volatile boolean switchesSeen;
    private volatile boolean overflow;
    private volatile @Nullable Engine announced;
    private volatile @Nullable ListenableFuture<?> lastWrite;
    private volatile SwitchView switchView = SwitchView.NONE;
    private volatile IntentSubscription intentSubscription = IntentSubscription.NONE;
    /** The first baseline of this engine is not installed yet. */
    private boolean starting = true;
    /** A flow write or a baseline read is outstanding. */
    private boolean busy;
    /**
     * The audit's read is outstanding. It does not hold the engine's writes (at a million VMs it takes seconds): a
     * write started meanwhile ({@link #writesStarted}) makes the audit's comparison moot, and it is dropped.
     */
    private boolean auditReading;
    /** Flow writes started by this engine, so that an audit knows whether one started during its read. */
    private long writesStarted;
    private boolean baselineKnown;
    /** The baseline was read again and its difference is not yet written. */
    private boolean resyncing;
    /** Moves on with every baseline installed and every fault: an answer of an older epoch counts for nothing. */
    private long epoch;
    /** No resync before this time ({@link System#nanoTime()}): the backoff after a fault. */
    private long resyncAt = System.nanoTime();
    private boolean probing;
    private long countersDue;
    private long sweepDue;
    private @Nullable ScheduledFuture<?> nextProbe;
    private @Nullable ScheduledFuture<?> nextAudit;
    /** Audits in a row that found a difference. */
    private int auditSuspects;
    private long nextProbeAt = Long.MAX_VALUE;
    /** No round of asking switches for their flows before this time ({@link System#nanoTime()}): its rest. */
    private long probeRestUntil = System.nanoTime();

    /** A switch that could not be asked: when to ask again. */
    private record Backoff(long dueNanos, long intervalMs) {
    }

    /** What a (re)start reads. */
    private record Snapshot(Optional<VmMobility> intent, Optional<Nodes> nodes, FlowWriter.Baseline baseline,
            Optional<VmMobility> published) {
    }

    /** What a migration-activated notification is about: the move, not the cut-overs or the plan around it. */
    private record Timing(Move move, long sinceNanos) {
    }

    private record Move(Optional<Ipv4> new4, Optional<Ipv6> new6, Optional<Mac> newMac,
            Optional<Attachment> newAttachment) {
        static Move of(final Migration migration) {
            return new Move(migration.new4(), migration.new6(), migration.newMac(), migration.newAttachment());
        }
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
        this(broker, probe, pusher, notifier, pipeline, EngineStepHook.NONE, EngineLimits.DEFAULT);
    }

    /**
     * Creates a reconciler with a hook called at each step (tests throw from it) and its bounds.
     *
     * @param broker the data broker
     * @param probe asks switches for their flows
     * @param pusher re-sends flows a switch lacks
     * @param notifier publishes notifications
     * @param pipeline where the pipeline lives
     * @param hook called at the start of each step
     * @param limits its bounds
     */
    public Reconciler(final DataBroker broker, final SwitchFlowProbe probe, final FlowPusher pusher,
            final Notifier notifier, final PipelineConfig pipeline, final EngineStepHook hook,
            final EngineLimits limits) {
        this(broker, probe, pusher, notifier, pipeline, hook, limits, new VmmMetrics("engine"));
    }

    /**
     * Creates a reconciler with a hook called at each step, its bounds and the node's metrics.
     *
     * @param broker the data broker
     * @param probe asks switches for their flows
     * @param pusher re-sends flows a switch lacks
     * @param notifier publishes notifications
     * @param pipeline where the pipeline lives
     * @param hook called at the start of each step
     * @param limits its bounds
     * @param metrics where the engine's figures go
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public Reconciler(final DataBroker broker, final SwitchFlowProbe probe, final FlowPusher pusher,
            final Notifier notifier, final PipelineConfig pipeline, final EngineStepHook hook,
            final EngineLimits limits, final VmmMetrics metrics) {
        this.broker = requireNonNull(broker);
        this.metrics = requireNonNull(metrics);
        this.pipeline = requireNonNull(pipeline);
        this.probe = requireNonNull(probe);
        this.retrier = new FlowRetrier(pusher, metrics);
        this.sweeper = new StaleFlowSweeper(pusher, metrics);
        this.notifier = requireNonNull(notifier);
        this.limits = requireNonNull(limits);
        queueBound = limits.maxQueuedChanges();
        lastFaultAt.set(System.nanoTime() - quietNanos() - 1);
        supervisor = new Supervisor(hook, this::fault);
        planner = new IncrementalPlanner(pipeline, supervisor.planHelpers());
        writer = new FlowWriter(broker, gate, (node, flow) -> {
            supervisor.step(EngineStep.CONVERT);
            return FlowConverter.toFlow(node, flow);
        }, limits.flowsPerTransaction(), supervisor.flowBuilder());
        publisher = new StatePublisher(broker, gate, supervisor.stateScheduler(EngineStep.PUBLISH),
            Reconciler::migrationsPublished, cause -> supervisor.report(EngineStep.PUBLISH, cause),
            limits.stateStallMs());
        previousState = readPreviousState();
        publisher.holdFirstWrite(previousState);
    }

    /**
     * Reads the state the engine before this one published (bounded; a failure reads as none, with a WARN: the
     * activations it announced may then be announced again).
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private ListenableFuture<Optional<VmMobility>> readPreviousState() {
        ListenableFuture<Optional<VmMobility>> read;
        try {
            final var tx = broker.newReadOnlyTransaction();
            read = tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT);
            read.addListener(tx::close, MoreExecutors.directExecutor());
        } catch (RuntimeException e) {
            read = Futures.immediateFailedFuture(e);
        }
        return Futures.catching(bounded(read, limits.readTimeoutMs(), "reading the previous engine's state"),
            Exception.class, cause -> {
                LOG.warn("Reading the state the previous engine published failed ({}): activations it announced "
                    + "may be announced again", cause.toString());
                return Optional.empty();
            }, MoreExecutors.directExecutor());
    }

    /**
     * The configuration changed.
     *
     * @param changes what changed, in order
     */
    public void configChanged(final List<Change> changes) {
        // an accepted migration shows at once (pending), before the engine plans it
        final long now = System.nanoTime();
        for (Change change : changes) {
            if (change instanceof Change.PutMigration put) {
                final Move move = Move.of(put.migration());
                timings.compute(put.migration().vmId(), (vmId, timing) -> timing != null && timing.move.equals(move)
                    ? timing : new Timing(move, now));
            } else if (change instanceof Change.RemoveMigration remove) {
                timings.remove(remove.vmId());
            }
        }
        supervisor.run(EngineStep.PUBLISH, () -> {
            boolean accepted = false;
            for (Change change : changes) {
                if (change instanceof Change.PutMigration put) {
                    supervisor.step(EngineStep.PUBLISH);
                    publisher.accepted(put.migration().vmId(), Optional.of(MigrationStates.entry(put.migration(),
                        null, null)), Optional.of(put.migration()));
                    accepted = true;
                } else if (change instanceof Change.RemoveMigration remove) {
                    supervisor.step(EngineStep.PUBLISH);
                    publisher.accepted(remove.vmId(), Optional.empty(), Optional.empty());
                    accepted = true;
                }
            }
            if (accepted) {
                publisher.flush();
            }
        });
        enqueue(changes);
    }

    /**
     * A notification of the intent could not be read: its changes are lost, and the engine reads the whole intent
     * again (a fault: logged, counted, shown, and repaired by a resync).
     *
     * @param cause why
     */
    public void intentUnreadable(final RuntimeException cause) {
        // an audit under way compares nothing now
        changesEnqueued.incrementAndGet();
        supervisor.report(EngineStep.PLAN, cause);
    }

    /**
     * Switches reported ports that appeared, were renamed or went away.
     *
     * @param changes the port changes
     */
    public void portsChanged(final List<Change> changes) {
        enqueue(changes);
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
        before.stream().filter(node -> !switches.contains(node)).forEach(metrics::switchGone);
        enqueue(List.of(new Change.SetConnected(ImmutableSet.copyOf(switches))));
        supervisor.execute(EngineStep.CONFIRM, () -> {
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
                supervisor.step(EngineStep.CONFIRM);
                notify(tracker.probed(gone, retrier.refusals()));
                publishChangedMigrations();
            }
        });
    }

    /**
     * Gives the engine the view its connected switches come from: told which switches hold our flows when this
     * engine starts (before anything is planned from them), asked which departures it holds by the audit, and rebuilt
     * when the audit finds the engine's switches differ from the inventory.
     *
     * @param view the inventory listener's view
     */
    public void useSwitchView(final SwitchView view) {
        switchView = requireNonNull(view);
    }

    /**
     * Gives the engine its subscription to the intent, rebuilt when the audit finds the engine's plan differs from a
     * plan from scratch of the intent.
     *
     * @param subscription the intent listener's registration
     */
    public void useIntentSubscription(final IntentSubscription subscription) {
        intentSubscription = requireNonNull(subscription);
    }

    /**
     * Shows where the engine runs (published with the first state, which replaces any state a previous engine left),
     * with its health.
     *
     * @param engine the operational engine entry
     */
    public void announce(final Engine engine) {
        announced = engine;
        metrics.engineRunning(true);
        publishHealth();
    }

    /**
     * The engine's state, faults and resyncs now.
     *
     * @return a snapshot of its health
     */
    public EngineHealth.Snapshot health() {
        return health.snapshot();
    }

    /**
     * Stops. Nothing is written, published or notified after this call (the gate closes before it returns); the
     * future completes once an outstanding flow write and state write have landed, or after 10 s
     * ({@link EngineLimits}), when they are abandoned (fenced: no later part of them starts), so that an engine
     * taking over elsewhere reads a baseline no older write of this one overtakes.
     *
     * @return completed when stopped
     */
    public ListenableFuture<Void> stop() {
        gate.close();
        if (!stopRequested.compareAndSet(false, true)) {
            return stopped;
        }
        health.become(EngineState.STOPPING);
        final List<ListenableFuture<?>> outstanding = new ArrayList<>();
        final ListenableFuture<?> write = lastWrite;
        if (write != null && !write.isDone()) {
            outstanding.add(write);
        }
        final ListenableFuture<?> state = publisher.idle();
        if (!state.isDone()) {
            outstanding.add(state);
        }
        if (outstanding.isEmpty()) {
            finish();
        } else {
            Futures.successfulAsList(outstanding).addListener(this::finish, MoreExecutors.directExecutor());
            supervisor.scheduleOnStateThread("stop timer", () -> {
                if (!stopped.isDone()) {
                    LOG.warn("{} write(s) still outstanding {} ms after stop: abandoned (fenced: no later part of "
                        + "them starts)", outstanding.stream().filter(future -> !future.isDone()).count(),
                        limits.stopWaitMs());
                    finish();
                }
            }, limits.stopWaitMs());
        }
        return stopped;
    }

    private synchronized void finish() {
        if (stopped.isDone()) {
            return;
        }
        supervisor.shutdown();
        health.become(EngineState.STOPPED);
        metrics.engineRunning(false);
        stopped.set(null);
    }

    private void enqueue(final List<Change> changes) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Queued {} change(s): {}", changes.size(), changes.size() > 20 ? changes.subList(0, 20) + " ..."
                : changes);
        }
        lastChangeAt = System.nanoTime();
        changesEnqueued.incrementAndGet();
        if (queue.size() + changes.size() > queueBound) {
            // coalesced: a full resync reads everything these changes (and the dropped ones) carry
            queue.clear();
            overflow = true;
        } else {
            queue.addAll(changes);
        }
        requestRun();
    }

    private void requestRun() {
        if (runQueued.compareAndSet(false, true)) {
            supervisor.execute(EngineStep.PLAN, this::run);
        }
    }

    private void run() {
        runQueued.set(false);
        if (!gate.isOpen()) {
            return;
        }
        if (overflow) {
            overflow = false;
            queue.clear();
            LOG.info("More than {} changes were waiting: dropped for a full resync", queueBound);
            resyncNow();
        }
        if (!baselineKnown) {
            if (!busy && System.nanoTime() - resyncAt >= 0) {
                readSnapshot();
            }
            return;
        }
        // changes are planned and their state published at once, also while a flow write is outstanding; only the
        // next flow write waits for it
        supervisor.step(EngineStep.PLAN);
        final long planStart = System.nanoTime();
        int changes = 0;
        final Set<String> notified = new TreeSet<>();
        for (Change change = queue.poll(); change != null; change = queue.poll()) {
            changes++;
            planner.apply(change);
            if (change instanceof Change.PutMigration put) {
                notified.add(put.migration().vmId());
            } else if (change instanceof Change.RemoveMigration remove) {
                notified.add(remove.vmId());
                // the move ended: the same move notified again is a new one, announced when active, also while the
                // switches have not confirmed this return home yet (its removal is announced once they have)
                announcedMoves.remove(remove.vmId());
            }
        }
        final IncrementalPlanner.Update update = planner.replan();
        final long planMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - planStart);
        if (planMs >= SLOW_STEP_MS) {
            // a burst's plan is on its way to the switches' flows: where its time goes
            LOG.info("Planned {} changes in {} ms: the flows of {} switches and {} migrations changed", changes,
                planMs, update.flows().size(), update.migrations().size());
        }
        boundQueue();
        unwritten.addAll(update.flows().keySet());
        supervisor.step(EngineStep.CONFIRM);
        final List<MigrationTracker.Event> events = tracker.planChanged(update.migrations(), planner::flows);
        tracker.switchesChanged(update.changedFlowIds(), planner::flows, update.migrations().keySet());
        notify(events);
        // the flows first: their transactions are on the way to the switches while the states are built and sent
        writeUnwritten(!update.migrations().isEmpty());
        supervisor.step(EngineStep.PUBLISH);
        update.vms().forEach(this::queueVmState);
        // an intent that changed without changing its plan (or its status) is published again too
        notified.forEach(this::queueMigrationState);
        publishChangedMigrations();
    }

    private void writeUnwritten(final boolean migrationsChanged) {
        if (busy) {
            return;
        }
        if (unwritten.isEmpty()) {
            if (resyncing) {
                resynced();
            } else if (migrationsChanged) {
                scheduleProbe(0);
            }
            return;
        }
        final Map<String, Map<String, PlannedFlow>> toWrite = new TreeMap<>();
        unwritten.forEach(node -> toWrite.put(node, planner.flows(node)));
        unwritten.clear();
        write(toWrite);
    }

    /** Reads what a (re)start plans from: the intent, the switches and their ports, our flows. */
    private void readSnapshot() {
        supervisor.step(EngineStep.BASELINE);
        // every change delivered so far was committed before this read: what is read carries it
        LOG.debug("Reading the baseline; {} queued change(s) dropped (the read carries them)", queue.size());
        queue.clear();
        final long readEpoch = epoch;
        // readAll may throw at once (then nothing is outstanding): busy only once the reads are under way
        final ListenableFuture<Snapshot> all = readAll(starting);
        busy = true;
        final ListenableFuture<Snapshot> read = bounded(all, limits.readTimeoutMs(), "reading the baseline");
        Futures.addCallback(read, new FutureCallback<Snapshot>() {
            @Override
            public void onSuccess(final Snapshot result) {
                busy = false;
                if (readEpoch == epoch && gate.isOpen()) {
                    install(result);
                }
                requestRun();
            }

            @Override
            public void onFailure(final Throwable cause) {
                busy = false;
                supervisor.report(EngineStep.BASELINE, cause);
            }
        }, supervisor.on(EngineStep.BASELINE));
    }

    /**
     * The intent, the switches and their ports, our flows and the fence: what a resync and the audit read; and, when
     * this engine starts, the state the engine before it published (read once, before this engine's first state
     * write: which activations it announced).
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private ListenableFuture<Snapshot> readAll(final boolean withPublished) {
        final var configTx = broker.newReadOnlyTransaction();
        final var operationalTx = broker.newReadOnlyTransaction();
        final ListenableFuture<Snapshot> all;
        try {
            // the step reports the first failure; each read's own failure is logged too, so none goes unseen
            final ListenableFuture<Optional<VmMobility>> intent = ReadFailureLog.logged(configTx.read(
                LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT), "the intent for the baseline");
            final ListenableFuture<Optional<Nodes>> nodes = ReadFailureLog.logged(operationalTx.read(
                LogicalDatastoreType.OPERATIONAL, InventoryPaths.NODES), "the switches for the baseline");
            final ListenableFuture<FlowWriter.Baseline> flows = writer.readBaseline();
            final ListenableFuture<Optional<VmMobility>> published = withPublished ? previousState
                : Futures.immediateFuture(Optional.empty());
            all = Futures.whenAllSucceed(intent, nodes, flows, published).call(() ->
                new Snapshot(Futures.getDone(intent), Futures.getDone(nodes), Futures.getDone(flows),
                    Futures.getDone(published)), MoreExecutors.directExecutor());
        } catch (RuntimeException e) {
            // a read that threw at once: the transactions are not left open
            configTx.close();
            operationalTx.close();
            throw e;
        }
        all.addListener(configTx::close, MoreExecutors.directExecutor());
        all.addListener(operationalTx::close, MoreExecutors.directExecutor());
        return all;
    }

    /** Plans from scratch what was read and makes it the baseline; the difference is written next. */
    private void install(final Snapshot snapshot) {
        supervisor.step(EngineStep.PLAN);
        final Set<String> nodes = inventorySwitches(snapshot);
        if (starting) {
            // a switch holding our flows may be out of the inventory for a master hand-over right now: it counts as
            // connected for the departure grace (listener/SwitchDepartures), whose view the listener delivers
            starting = false;
            switchView.holdAtStart(Set.copyOf(snapshot.baseline.flows().keySet()));
            if (!switchesSeen) {
                nodes.addAll(snapshot.baseline.flows().keySet());
            }
        }
        // the listener's view of the connected switches is never older than the inventory read
        if (!switchesSeen) {
            connected = Set.copyOf(nodes);
        }
        final IncrementalPlanner fresh = planFromScratch(snapshot, connected);
        final IncrementalPlanner.Update update = fresh.replan();
        // the VMs whose state is published: a VM gone from the intent meanwhile has its state removed
        final Set<String> vms = new TreeSet<>(planner.vmIds());
        planner = fresh;
        boundQueue();
        snapshot.published.ifPresent(this::adoptPublishedActivations);
        supervisor.step(EngineStep.CONFIRM);
        final MigrationTracker previous = tracker;
        tracker = new MigrationTracker();
        final List<MigrationTracker.Event> events = tracker.planChanged(update.migrations(), planner::flows);
        tracker.adoptRemovals(previous);
        announcedMoves.keySet().removeIf(vmId -> !planner.migrationIntent(vmId).map(Move::of)
            .equals(Optional.of(announcedMoves.get(vmId))));
        tracker.adoptAnnounced(announcedMoves.keySet());
        writer.setBaseline(snapshot.baseline);
        unwritten.clear();
        unwritten.addAll(writer.switches());
        unwritten.addAll(planner.plan().flowsBySwitch().keySet());
        epoch++;
        baselineKnown = true;
        resyncing = true;
        notify(events);
        supervisor.step(EngineStep.PUBLISH);
        vms.addAll(update.vms());
        vms.forEach(this::queueVmState);
        final Set<String> migrations = new TreeSet<>(knownMigrations);
        migrations.addAll(update.migrations().keySet());
        migrations.forEach(this::queueMigrationState);
        publishChangedMigrations();
    }

    /** A (re)start's difference is written: the engine runs. */
    private void resynced() {
        resyncing = false;
        final EngineState before = health.state();
        health.resynced();
        metrics.engineResynced();
        if (before != EngineState.RUNNING) {
            LOG.info("VM Mobility engine {}: the switches' flows equal the plan of the intent",
                before == EngineState.STARTING ? "started" : "recovered");
        }
        publishHealth();
        scheduleProbe(0);
        scheduleAudit(before == EngineState.STARTING ? Math.min(limits.auditMs(), AUDIT_AFTER_START_MS)
            : limits.auditMs());
    }

    private void scheduleAudit() {
        // an audit whose plan from scratch took t waits at least AUDIT_COST_FACTOR x t before the next one: at a
        // million VMs the safety net may use a tenth of a core, not all of it
        scheduleAudit(Math.max(limits.auditMs(), AUDIT_COST_FACTOR * lastAuditPlanMs));
    }

    private void scheduleAudit(final long delayMs) {
        if (nextAudit != null) {
            nextAudit.cancel(false);
        }
        nextAudit = supervisor.schedule(EngineStep.AUDIT, this::audit, delayMs);
    }

    /**
     * While the engine is idle, reads everything a resync reads (the intent, the switches and their ports, our flows
     * and the fence) and checks, as OVN's forced recompute would, that a plan from scratch equals the engine's plan
     * and that our flows are what the engine wrote. A difference seen twice in a row (a change still on its way to
     * the listener is not one) is a fault, and the engine resyncs.
     */
    private void audit() {
        nextAudit = null;
        if (!gate.isOpen()) {
            return;
        }
        if (!baselineKnown || busy || auditReading || resyncing || !unwritten.isEmpty() || !queue.isEmpty()) {
            // not idle: again later
            scheduleAudit();
            return;
        }
        final long quietMs = Math.min(limits.auditMs(), AUDIT_QUIET_MS);
        final long sinceChangeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastChangeAt);
        if (sinceChangeMs < quietMs) {
            // the intent is changing (a registration of many PATCHes): the audit waits for a quiet moment, as its
            // comparison would be moot and its plan from scratch competes with the changes for memory and CPU
            scheduleAudit(quietMs - sinceChangeMs);
            return;
        }
        supervisor.step(EngineStep.AUDIT);
        final long auditEpoch = epoch;
        final long changesBefore = changesEnqueued.get();
        final long writesBefore = writesStarted;
        final ListenableFuture<Snapshot> all = readAll(false);
        auditReading = true;
        final ListenableFuture<Snapshot> read = bounded(all, limits.readTimeoutMs(),
            "reading the intent, the switches and our flows for the audit");
        Futures.addCallback(read, new FutureCallback<Snapshot>() {
            @Override
            public void onSuccess(final Snapshot result) {
                auditReading = false;
                supervisor.step(EngineStep.AUDIT);
                if (auditOutdated(auditEpoch, changesBefore, writesBefore)) {
                    // changed meanwhile: nothing to compare
                    scheduleAudit();
                    requestRun();
                    return;
                }
                final List<String> differences = new ArrayList<>();
                final Optional<String> switches = switchDifference(result);
                switches.ifPresent(differences::add);
                writer.differences(result.baseline()).ifPresent(found -> differences.add("our flows differ from "
                    + "what the engine wrote: " + found));
                if (!inventorySwitches(result).containsAll(connected)) {
                    // a departure is held (its ports are not in the inventory; switchDifference checks the rest):
                    // the plans are not comparable now
                    concludeAudit(differences, switches, Optional.empty());
                    return;
                }
                // the plan from scratch of the whole intent is O(intent): off the engine's thread, which goes on with
                // its changes meanwhile (at a million VMs it took 24 s); compared on the engine's thread, and only
                // if nothing changed meanwhile
                final Set<String> switchesPlanned = Set.copyOf(connected);
                final ListenableFuture<Map<String, Map<String, PlannedFlow>>> fresh = supervisor.offEngine(() -> {
                    final long began = System.nanoTime();
                    // a change meanwhile makes the comparison moot: the plan is abandoned (null), not finished
                    final BooleanSupplier moot = () -> changesBefore != changesEnqueued.get();
                    final IncrementalPlanner scratch = planFromScratch(result, switchesPlanned, moot);
                    if (scratch == null || scratch.replan(moot) == null) {
                        return null;
                    }
                    final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
                    lastAuditPlanMs = tookMs;
                    if (tookMs >= SLOW_AUDIT_PLAN_MS) {
                        LOG.info("Audit: the plan from scratch of the whole intent took {} ms (off the engine's "
                            + "thread); the next audit in {} s at the earliest", tookMs,
                            Math.max(limits.auditMs(), AUDIT_COST_FACTOR * tookMs) / 1000);
                    }
                    return scratch.plan().flowsBySwitch();
                });
                Futures.addCallback(fresh, new FutureCallback<Map<String, Map<String, PlannedFlow>>>() {
                    @Override
                    public void onSuccess(final Map<String, Map<String, PlannedFlow>> flows) {
                        supervisor.step(EngineStep.AUDIT);
                        if (flows == null || auditOutdated(auditEpoch, changesBefore, writesBefore)) {
                            scheduleAudit();
                            requestRun();
                            return;
                        }
                        final Optional<String> planDiffers = SwitchFlowDifferences.joined(
                            SwitchFlowDifferences.describe(flows, planner.plan().flowsBySwitch(), "extra"))
                            .map(found -> "a plan from scratch differs from the engine's: " + found);
                        planDiffers.ifPresent(differences::add);
                        concludeAudit(differences, switches, planDiffers);
                    }

                    @Override
                    public void onFailure(final Throwable cause) {
                        supervisor.report(EngineStep.AUDIT, cause);
                    }
                }, supervisor.on(EngineStep.AUDIT));
            }

            @Override
            public void onFailure(final Throwable cause) {
                auditReading = false;
                supervisor.report(EngineStep.AUDIT, cause);
            }
        }, supervisor.on(EngineStep.AUDIT));
    }

    /**
     * Whether the engine changed since an audit began (a resync, a fence, a change queued, a flow write started): what
     * the audit read or planned is not comparable any more. Checked after its read and again after its plan.
     */
    private boolean auditOutdated(final long auditEpoch, final long changesBefore, final long writesBefore) {
        return auditEpoch != epoch || !gate.isOpen() || changesBefore != changesEnqueued.get() || !queue.isEmpty()
            || writesStarted != writesBefore;
    }

    /** What an audit found: nothing (the next one is scheduled), a suspect (checked again), or a fault. */
    private void concludeAudit(final List<String> differences, final Optional<String> switches,
            final Optional<String> planDiffers) {
        if (differences.isEmpty()) {
            auditSuspects = 0;
            LOG.debug("Audit: the engine's plan and our flows are what the intent and the switches say");
            scheduleAudit();
        } else if (++auditSuspects < 2) {
            LOG.info("Audit: {}; checking again", String.join("; ", differences));
            nextAudit = supervisor.schedule(EngineStep.AUDIT, Reconciler.this::audit,
                Math.min(limits.auditMs(), AUDIT_CONFIRM_MS));
        } else {
            auditSuspects = 0;
            // the listeners' views cannot correct themselves: they are rebuilt before the resync reads
            switches.ifPresent(switchView::rebuild);
            planDiffers.ifPresent(intentSubscription::rebuild);
            supervisor.report(EngineStep.AUDIT, new IllegalStateException(String.join("; ", differences)));
            return;
        }
        requestRun();
    }

    /**
     * How the switches the engine plans for differ from the inventory's and the departures held (a notification the
     * listener missed or got out of order leaves a switch connected or gone forever, whatever the plan says).
     */
    private Optional<String> switchDifference(final Snapshot snapshot) {
        final Set<String> expected = inventorySwitches(snapshot);
        final Set<String> held = switchView.held();
        expected.addAll(held);
        if (expected.equals(connected)) {
            return Optional.empty();
        }
        return Optional.of("the engine's connected switches " + new TreeSet<>(connected) + " differ from the "
            + "inventory's " + inventorySwitches(snapshot) + (held.isEmpty() ? "" : " with the departures held "
            + new TreeSet<>(held)));
    }

    private static Set<String> inventorySwitches(final Snapshot snapshot) {
        final Set<String> nodes = new TreeSet<>();
        snapshot.nodes.ifPresent(found -> found.nonnullNode().values().forEach(node ->
            nodes.add(node.requireId().getValue())));
        return nodes;
    }

    /**
     * A new planner with the intent and the ports read, and these switches connected (not yet replanned): the
     * engine's, which plans with the planning threads.
     */
    private IncrementalPlanner planFromScratch(final Snapshot snapshot, final Set<String> switches) {
        return verifyNotNull(planFromScratch(snapshot, switches, () -> false,
            new IncrementalPlanner(pipeline, supervisor.planHelpers())));
    }

    /**
     * The same for the audit, planned on its one thread (the engine's changes keep the other cores), or null as soon
     * as abandoned() says so: asked before each of the intent's entries is converted and applied (at a million VMs
     * the conversion alone took seconds of CPU that the moves after a registration had to share when it ran before
     * the first check).
     */
    private @Nullable IncrementalPlanner planFromScratch(final Snapshot snapshot, final Set<String> switches,
            final BooleanSupplier abandoned) {
        return planFromScratch(snapshot, switches, abandoned, new IncrementalPlanner(pipeline));
    }

    private @Nullable IncrementalPlanner planFromScratch(final Snapshot snapshot, final Set<String> switches,
            final BooleanSupplier abandoned, final IncrementalPlanner fresh) {
        if (!ChangeReader.forEach(snapshot.intent.orElse(null), change -> {
            if (abandoned.getAsBoolean()) {
                return false;
            }
            fresh.apply(change);
            return true;
        })) {
            return null;
        }
        snapshot.nodes.ifPresent(found -> found.nonnullNode().values().forEach(node ->
            PortReader.all(node).forEach(fresh::apply)));
        fresh.apply(new Change.SetConnected(ImmutableSet.copyOf(switches)));
        return fresh;
    }

    private void write(final Map<String, Map<String, PlannedFlow>> toWrite) {
        supervisor.step(EngineStep.WRITE);
        final long generation = gate.generation();
        // before apply(): a small write's first transaction is built (its flows converted) within it; a chained
        // write's are built on the supervisor's flow builder while this thread goes on
        final long startedAt = System.nanoTime();
        final FluentFuture<FlowWriter.Changes> write = writer.apply(toWrite, generation);
        busy = true;
        writesStarted++;
        lastWrite = write;
        final long writeEpoch = epoch;
        final boolean resync = resyncing;
        final ScheduledFuture<?> watchdog = supervisor.schedule(EngineStep.WRITE,
            () -> unanswered(write, generation, toWrite.size()), limits.slowWriteMs());
        // a write that ends after stop() is told here: the engine's thread (the callback below) may be gone by then
        final AtomicBoolean toldAfterStop = new AtomicBoolean();
        write.addListener(() -> {
            if (!gate.isOpen()) {
                endedAfterStop(write, generation, toldAfterStop);
            }
        }, MoreExecutors.directExecutor());
        Futures.addCallback(write, new FutureCallback<FlowWriter.Changes>() {
            @Override
            public void onSuccess(final FlowWriter.Changes result) {
                cancel(watchdog);
                if (!gate.isOpen()) {
                    endedAfterStop(write, generation, toldAfterStop);
                    return;
                }
                if (generation != gate.generation()) {
                    landedLate(generation, "landed");
                    return;
                }
                busy = false;
                final long tookNanos = System.nanoTime() - startedAt;
                metrics.flowWritten(tookNanos);
                supervisor.step(EngineStep.WRITE);
                if (tookNanos >= TimeUnit.MILLISECONDS.toNanos(SLOW_STEP_MS)) {
                    LOG.info("Wrote flows of {} switches in {} ms: {} put, {} deleted", toWrite.size(),
                        TimeUnit.NANOSECONDS.toMillis(tookNanos), result.puts(), result.deletes());
                } else {
                    LOG.debug("Wrote flows of {} switches: {} put, {} deleted", toWrite.size(), result.puts(),
                        result.deletes());
                }
                if (resync && resyncing && writeEpoch == epoch) {
                    resynced();
                } else {
                    scheduleProbe(0);
                }
                requestRun();
            }

            @Override
            public void onFailure(final Throwable cause) {
                cancel(watchdog);
                if (!gate.isOpen()) {
                    endedAfterStop(write, generation, toldAfterStop);
                    return;
                }
                if (generation != gate.generation()) {
                    landedLate(generation, "failed (" + cause + ")");
                    return;
                }
                busy = false;
                metrics.flowWriteFailed(false);
                // no write is outstanding now: the resync reads back what the datastore holds; a flow that could not
                // be converted (each is converted when its transaction is built) is the converter's fault
                supervisor.report(cause instanceof FlowWriter.ConversionFailure ? EngineStep.CONVERT
                    : EngineStep.WRITE, cause);
            }
        }, supervisor.on(EngineStep.WRITE));
    }

    /**
     * A flow write ended after stop(): nothing to resync here (the next engine reads the flows afresh), but its
     * outcome is logged once, a failure with its cause.
     */
    private static void endedAfterStop(final ListenableFuture<?> write, final long generation,
            final AtomicBoolean told) {
        if (!told.compareAndSet(false, true)) {
            return;
        }
        Throwable cause = null;
        try {
            Futures.getDone(write);
        } catch (ExecutionException e) {
            cause = e.getCause();
        } catch (CancellationException e) {
            cause = e;
        }
        if (cause == null) {
            LOG.info("A flow write (generation {}) landed after the engine stopped", generation);
        } else if (cause instanceof CancellationException) {
            // the rest of a write the closed gate did not start
            LOG.info("A flow write (generation {}) was cut short by the engine's stop: {}", generation,
                cause.getMessage());
        } else {
            LOG.warn("A flow write (generation {}) failed after the engine stopped; the next engine reads the flows "
                + "afresh", generation, cause);
        }
    }

    /** A flow write went unanswered too long: fenced, and the engine degrades and resyncs. */
    private void unanswered(final ListenableFuture<?> write, final long generation, final int switches) {
        if (write.isDone() || generation != gate.generation()) {
            return;
        }
        final long next = gate.fence();
        busy = false;
        metrics.flowWriteFailed(true);
        supervisor.report(EngineStep.WRITE, new TimeoutException("a flow write to " + switches + " switches was "
            + "unanswered for " + limits.slowWriteMs() + " ms: fenced (generation " + generation + ", now " + next
            + "); no later part of it starts, and the engine resyncs again when it lands"));
    }

    /** A fenced write answered after all: what it did may be older than what was written since. */
    private void landedLate(final long generation, final String outcome) {
        LOG.warn("A fenced flow write (generation {}) {} after the engine gave up on it: resyncing so that it "
            + "overtakes no newer write", generation, outcome);
        resyncNow();
        requestRun();
    }

    private void resyncNow() {
        epoch++;
        baselineKnown = false;
        resyncing = false;
        resyncAt = System.nanoTime();
    }

    /**
     * A step failed (any thread): logged with its stack, counted, shown; the engine resyncs after a backoff.
     */
    private void fault(final EngineStep step, final Throwable cause) {
        final boolean wasDegraded = health.state() == EngineState.DEGRADED;
        final long count = health.fault(step, cause);
        metrics.engineFault(name(step), wasDegraded);
        if (!gate.isOpen()) {
            LOG.warn("Engine step {} failed while the engine stops (fault {})", name(step), count, cause);
            return;
        }
        // a fault that recurs soon after a resync (a flapping step) keeps the backoff growing, as an OTP supervisor's
        // restart intensity would
        final long now = System.nanoTime();
        if (now - lastFaultAt.getAndSet(now) > quietNanos()) {
            faultStreak.set(0);
        }
        final int streak = faultStreak.incrementAndGet();
        final long delay = Math.min(limits.resyncMaxMs(), limits.resyncMinMs() << Math.min(streak - 1, 20));
        LOG.error("Engine step {} failed (fault {} of this engine, {} in a row): degraded, resyncing from the "
            + "datastores in {} ms", name(step), count, streak, delay, cause);
        publishHealth();
        supervisor.scheduleInternal("resync after a fault", () -> {
            resyncNow();
            resyncAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            supervisor.scheduleInternal("resync", this::requestRun, delay);
        }, 0);
    }

    /** Faults this far apart are not in a row: the backoff starts again from its minimum. */
    private long quietNanos() {
        return TimeUnit.MILLISECONDS.toNanos(2 * limits.resyncMaxMs());
    }

    private static String name(final EngineStep step) {
        return step.name().toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void publishHealth() {
        // not a step: the health must show even when publishing states fails
        try {
            publisher.engine(health.entry(announced));
            publisher.flush();
        } catch (RuntimeException e) {
            LOG.error("Publishing the engine's health failed", e);
        }
    }

    private <T> ListenableFuture<T> bounded(final ListenableFuture<T> future, final long timeoutMs,
            final String what) {
        final SettableFuture<T> result = SettableFuture.create();
        final ScheduledFuture<?> timer = supervisor.scheduleInternal("timeout of " + what, () -> {
            if (result.setException(new TimeoutException(what + " was unanswered for " + timeoutMs + " ms"))) {
                future.cancel(false);
            }
        }, timeoutMs);
        Futures.addCallback(future, new FutureCallback<T>() {
            @Override
            public void onSuccess(final T value) {
                cancel(timer);
                result.set(value);
            }

            @Override
            public void onFailure(final Throwable cause) {
                cancel(timer);
                result.setException(cause);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }

    private static void cancel(final @Nullable ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void scheduleProbe(final long requestedMs) {
        final long now = System.nanoTime();
        // the rest after the last round: a write that committed asks for a round at once, but not sooner than that
        final long delayMs = Math.max(requestedMs, TimeUnit.NANOSECONDS.toMillis(probeRestUntil - now));
        final long at = now + TimeUnit.MILLISECONDS.toNanos(delayMs);
        if (nextProbe != null && !nextProbe.isDone() && nextProbeAt - at <= 0) {
            return;
        }
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        nextProbeAt = at;
        nextProbe = supervisor.schedule(EngineStep.PROBE, this::probeSwitches, delayMs);
    }

    private void probeSwitches() {
        // this run is the scheduled probe: the next one is scheduled anew
        nextProbe = null;
        if (probing) {
            return;
        }
        supervisor.step(EngineStep.PROBE);
        final long now = System.nanoTime();
        final Set<String> targets = new HashSet<>(tracker.switchesToConfirm());
        if (now - countersDue >= 0) {
            targets.addAll(tracker.switchesWithTranslations());
            countersDue = now + TimeUnit.MILLISECONDS.toNanos(COUNTERS_MS);
        }
        if (now - sweepDue >= 0) {
            targets.addAll(connected);
            sweepDue = now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MS);
        }
        targets.removeIf(node -> {
            final Backoff wait = backoff.get(node);
            return wait != null && wait.dueNanos - now > 0;
        });
        final Map<String, ProbeResult> results = new HashMap<>();
        final Map<String, ListenableFuture<Map<Long, FlowCounters>>> futures = new HashMap<>();
        // when each switch's ask completed: the rest after the round counts only the switches that answered
        final Map<String, Long> completedAt = new ConcurrentHashMap<>();
        for (String node : targets) {
            if (connected.contains(node)) {
                // a switch that does not answer in time is treated as unreachable (and backs off)
                final var asked = bounded(probe.flows(node), PROBE_TIMEOUT_MS, "asking " + node + " for its flows");
                asked.addListener(() -> completedAt.put(node, System.nanoTime()), MoreExecutors.directExecutor());
                futures.put(node, asked);
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
        // a listener, not whenAllComplete().run(): Guava would keep the task's exception in its future, unseen
        Futures.successfulAsList(futures.values()).addListener(() -> {
            probing = false;
            supervisor.step(EngineStep.PROBE);
            final long ended = System.nanoTime();
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(ended - now);
            long answeredBy = now;
            for (var entry : futures.entrySet()) {
                final String node = entry.getKey();
                // this switch's own time: its listener ran before this one (registered first)
                final long answered = completedAt.getOrDefault(node, ended);
                try {
                    final var flows = Futures.getDone(entry.getValue());
                    answeredBy = Math.max(answeredBy, answered);
                    results.put(node, ProbeResult.answered(flows));
                    backoff.remove(node);
                    final long switchMs = TimeUnit.NANOSECONDS.toMillis(answered - now);
                    if (switchMs >= SLOW_STEP_MS) {
                        LOG.info("Asking {} for its flows took {} ms ({} of ours; the round {} ms)", node, switchMs,
                            flows.size(), tookMs);
                    }
                } catch (ExecutionException e) {
                    results.put(node, ProbeResult.failed(String.valueOf(e.getCause())));
                    if (!backoff.containsKey(node)) {
                        LOG.warn("Asking {} for its flows failed after {} ms (asked again with a backoff up to {} "
                            + "ms): {}", node, TimeUnit.NANOSECONDS.toMillis(answered - now), BACKOFF_MAX_MS,
                            e.getCause().toString());
                    }
                    backOff(node, System.nanoTime());
                }
            }
            // the time the answers took, not a timeout: a switch that does not answer costs nothing to decode and
            // backs off on its own, it must not hold up the rounds of the others
            probeRestUntil = ended + PROBE_REST_FACTOR * (answeredBy - now);
            probed(results);
        }, supervisor.on(EngineStep.PROBE));
    }

    private void probed(final Map<String, ProbeResult> results) {
        supervisor.step(EngineStep.CONFIRM);
        final long now = System.nanoTime();
        final Map<String, Integer> held = retrier.probed(planner::flows, results, now);
        if (baselineKnown && !resyncing) {
            // only a plan in force says what is stale: not one being replaced by a resync
            sweeper.probed(planner::flows, results, held, connected, now);
        }
        notify(tracker.probed(results, retrier.refusals()));
        tracker.prune(now).forEach(vmId -> LOG.warn("The switches did not confirm the removal of {}'s translation "
            + "within {} minutes: no longer followed", vmId, MigrationTracker.REMOVAL_WATCH_MINUTES));
        publishChangedMigrations();
        long delay = Long.MAX_VALUE;
        for (String node : tracker.switchesToConfirm()) {
            final Backoff wait = backoff.get(node);
            delay = Math.min(delay, wait == null ? PROBE_FAST_MS
                : Math.max(PROBE_FAST_MS, TimeUnit.NANOSECONDS.toMillis(wait.dueNanos - now)));
        }
        if (!tracker.switchesWithTranslations().isEmpty()) {
            delay = Math.min(delay, Math.max(PROBE_FAST_MS, TimeUnit.NANOSECONDS.toMillis(countersDue - now)));
        }
        if (!connected.isEmpty()) {
            delay = Math.min(delay, Math.max(PROBE_FAST_MS, TimeUnit.NANOSECONDS.toMillis(sweepDue - now)));
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

    private void notify(final List<MigrationTracker.Event> events) {
        if (events.isEmpty()) {
            return;
        }
        supervisor.step(EngineStep.NOTIFY);
        final List<MigrationTracker.Event> toPublish = new ArrayList<>();
        for (MigrationTracker.Event event : events) {
            if (event instanceof MigrationTracker.Activated) {
                final Optional<Move> move = planner.migrationIntent(event.vmId()).map(Move::of);
                final Timing timing = move.isPresent() ? timings.get(event.vmId()) : null;
                if (timing != null && timing.move.equals(move.orElseThrow())) {
                    timings.remove(event.vmId(), timing);
                }
                if (move.isPresent() && move.orElseThrow().equals(announcedMoves.get(event.vmId()))) {
                    LOG.debug("{}'s translation confirmed again (its plan changed, not its move): already "
                        + "announced", event.vmId());
                    continue;
                }
                move.ifPresent(published -> announcedMoves.put(event.vmId(), published));
                if (timing != null && timing.move.equals(move.orElseThrow())) {
                    metrics.activated(System.nanoTime() - timing.sinceNanos);
                }
            } else {
                announcedMoves.remove(event.vmId());
            }
            toPublish.add(event);
        }
        if (toPublish.isEmpty()) {
            return;
        }
        final IncrementalPlanner current = planner;
        if (!gate.ifOpen(() -> notifier.publish(toPublish, current::vm))) {
            LOG.debug("The engine stopped: {} notifications not published", toPublish.size());
        }
    }

    /**
     * The engine before this one announced the activation of every migration its published state shows active at
     * the addresses the intent moves to: confirming them here is no new activation.
     */
    private void adoptPublishedActivations(final VmMobility published) {
        final Map<String, List<@Nullable String>> current = new HashMap<>();
        published.nonnullVm().values().forEach(vm -> {
            final var state = vm.getState();
            if (state != null) {
                current.put(vm.requireVmId().getValue(), java.util.Arrays.asList(
                    state.getCurrentAddress() == null ? null : state.getCurrentAddress().getValue(),
                    state.getCurrentAddress6() == null ? null : state.getCurrentAddress6().getValue()));
            }
        });
        int adopted = 0;
        for (var migration : published.nonnullMigration().values()) {
            final String vmId = migration.requireVmId().getValue();
            final var state = migration.getState();
            final Optional<Migration> intent = planner.migrationIntent(vmId);
            final List<@Nullable String> shown = current.get(vmId);
            if (state == null || state.getPhase() != MigrationPhase.Active || intent.isEmpty() || shown == null) {
                continue;
            }
            // the state shows the addresses this move moves to (a family it leaves alone is not compared)
            final Migration move = intent.orElseThrow();
            if (move.new4().map(address -> address.toString().equals(shown.get(0))).orElse(true)
                    && move.new6().map(address -> address.toString().equals(shown.get(1))).orElse(true)) {
                announcedMoves.put(vmId, Move.of(move));
                adopted++;
            }
        }
        LOG.info("{} migrations were active and announced by the engine before this one", adopted);
    }

    private void publishChangedMigrations() {
        supervisor.step(EngineStep.PUBLISH);
        tracker.takeChanged().forEach(this::queueMigrationState);
        publisher.flush();
    }

    private void queueMigrationState(final String vmId) {
        final Optional<Migration> intent = planner.migrationIntent(vmId);
        publisher.migration(vmId, intent.map(migration -> MigrationStates.entry(migration,
            planner.migration(vmId).orElse(null), tracker.status(vmId).orElse(null))), intent);
        if (intent.isPresent()) {
            knownMigrations.add(vmId);
        } else {
            knownMigrations.remove(vmId);
        }
        queueVmState(vmId);
    }

    /** The queue's bound follows the planner's VMs (set where the planner changes: a run, a resync). */
    private void boundQueue() {
        queueBound = limits.maxQueuedChanges() + planner.vmIds().size();
    }

    private void queueVmState(final String vmId) {
        final var entry = planner.vm(vmId).map(vm -> VmStates.entry(vm, tracker.status(vmId)));
        publisher.vm(vmId, entry);
        publisher.flush();
    }

    private static void migrationsPublished(final List<StatePublisher.Published> migrations) {
        LOG.debug("Published the state of {} migrations", migrations.size());
    }

    @Override
    public void close() {
        gate.close();
        supervisor.shutdown();
    }
}
