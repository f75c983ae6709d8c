/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static java.util.Objects.requireNonNull;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.writer.WriteGate;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Engine;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the operational state entry by entry ({@code vm=X/state}, {@code migration=X/state}), never the whole tree.
 * One transaction at a time, at most {@value #MAX_ENTRIES_PER_TRANSACTION} entries each; an entry queued again
 * before it was written is written once, with its newest value, so the last state always wins.
 *
 * <p>Every transaction goes through the engine's {@link WriteGate}: once the engine stopped, nothing is written
 * (what is queued is dropped). A commit unanswered for its stall bound (30 s in production) is reported as stalled
 * (the engine degrades and resyncs, which publishes every entry again) and its entries are queued again; if it
 * lands after all, it is reported again, so that the resync publishes every entry over what it wrote.
 *
 * <p>Thread-safe: the listener publishes accepted intents at once, the engine the planned states.
 */
public final class StatePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);
    private static final int MAX_ENTRIES_PER_TRANSACTION = 1_000;
    private static final long RETRY_MS = 1_000;
    private static final long STALL_MS = 30_000;

    /** One entry to write (present) or to remove (empty); for a migration, the intent it shows. */
    private record Entry(DataObjectIdentifier<? extends DataObject> path, Optional<? extends DataObject> value,
            String migrationVm, Optional<Migration> intent) {
    }

    /**
     * A migration's state, committed.
     *
     * @param vmId the VM
     * @param intent the migration intent the state shows, empty if the migration was removed
     */
    public record Published(String vmId, Optional<Migration> intent) {
    }

    private final DataBroker broker;
    private final long stallMs;
    private final WriteGate gate;
    private final TaskScheduler executor;
    private final Consumer<List<Published>> migrationsPublished;
    private final Consumer<Throwable> stalled;
    /**
     * Per VM, the newest migration intent accepted (set before the engine sees it): older states are skipped. An
     * entry is dropped once the engine queued the state of that very intent (it has caught up).
     */
    private final Map<String, Optional<Migration>> newest = new HashMap<>();
    private final Map<DataObjectIdentifier<?>, Entry> pending = new LinkedHashMap<>();
    /**
     * The commit under way and its entries, if any. Only this field holds a batch: the stall check scheduled with
     * each commit names it by number, so a committed batch is not kept alive for the stall bound (at 1,000 entries
     * per commit and a registration of a million VMs, that was hundreds of thousands of entries held for 30 s).
     */
    private @Nullable InFlight inFlight;
    private long batches;
    /** Commits reported unanswered that have not answered since (a few at most). */
    private final Set<Long> stalledBatches = new HashSet<>();
    private boolean cleared;
    /** The first write (which clears what a previous engine published) waits for this: see {@link #holdFirstWrite}. */
    private ListenableFuture<?> firstWriteAfter = Futures.immediateVoidFuture();

    /**
     * Creates a publisher.
     *
     * @param broker the data broker
     * @param gate the engine's gate: closed, nothing is written any more
     * @param executor where completions are handled (not the engine's thread: an RPC waiting for its state never
     *                 waits for planning)
     * @param migrationsPublished told the migrations whose state was just committed
     * @param stalled told when a commit went unanswered for {@value #STALL_MS} ms
     */
    public StatePublisher(final DataBroker broker, final WriteGate gate, final TaskScheduler executor,
            final Consumer<List<Published>> migrationsPublished, final Consumer<Throwable> stalled) {
        this(broker, gate, executor, migrationsPublished, stalled, STALL_MS);
    }

    /**
     * Creates a publisher with its own stall bound.
     *
     * @param broker the data broker
     * @param gate the engine's gate: closed, nothing is written any more
     * @param executor where completions are handled
     * @param migrationsPublished told the migrations whose state was just committed
     * @param stalled told when a commit went unanswered for stallMs, and again when such a commit lands late
     * @param stallMs how long a commit may go unanswered
     */
    public StatePublisher(final DataBroker broker, final WriteGate gate, final TaskScheduler executor,
            final Consumer<List<Published>> migrationsPublished, final Consumer<Throwable> stalled,
            final long stallMs) {
        this.stallMs = stallMs;
        this.broker = requireNonNull(broker);
        this.gate = requireNonNull(gate);
        this.executor = requireNonNull(executor);
        this.migrationsPublished = requireNonNull(migrationsPublished);
        this.stalled = requireNonNull(stalled);
    }

    /**
     * Queues the entry that shows where the engine runs.
     *
     * @param engine the entry
     */
    public synchronized void engine(final Engine engine) {
        pending.put(ConfigPaths.ENGINE, new Entry(ConfigPaths.ENGINE, Optional.of(engine), "", Optional.empty()));
    }

    /**
     * Queues a VM's state.
     *
     * @param vmId the VM
     * @param entry its operational entry, or empty if it is no longer registered
     */
    public synchronized void vm(final String vmId, final Optional<? extends DataObject> entry) {
        final var path = ConfigPaths.vm(vmId);
        pending.put(path, new Entry(path, entry, "", Optional.empty()));
    }

    /**
     * Queues a migration's state.
     *
     * @param vmId the migrated VM
     * @param entry its operational entry, or empty if the migration is gone
     * @param intent the migration intent the entry shows, empty if the migration is gone
     */
    public synchronized void migration(final String vmId, final Optional<? extends DataObject> entry,
            final Optional<Migration> intent) {
        final Optional<Migration> accepted = newest.get(vmId);
        if (accepted != null) {
            if (!accepted.equals(intent)) {
                // the engine is behind a newer accepted intent: its state would be stale
                return;
            }
            // the engine caught up: whatever it queues next shows this intent or a newer accepted one
            newest.remove(vmId);
        }
        final var path = ConfigPaths.migration(vmId);
        pending.put(path, new Entry(path, entry, vmId, intent));
    }

    /**
     * A migration intent was accepted (stored in the configuration): its state shows it from now on, pending until
     * the engine has planned it; states of older intents are no longer published.
     *
     * @param vmId the VM
     * @param entry the pending entry, or empty if the migration was removed
     * @param intent the accepted intent, empty if the migration was removed
     */
    public synchronized void accepted(final String vmId, final Optional<? extends DataObject> entry,
            final Optional<Migration> intent) {
        newest.put(vmId, intent);
        final var path = ConfigPaths.migration(vmId);
        pending.put(path, new Entry(path, entry, vmId, intent));
    }

    /**
     * Holds the first write, which removes what a previous engine published, until the given future completes
     * (either way): the new engine reads that state first.
     *
     * @param until completes when the previous state was read (or could not be)
     */
    public synchronized void holdFirstWrite(final ListenableFuture<?> until) {
        firstWriteAfter = requireNonNull(until);
        until.addListener(this::flush, executor);
    }

    /**
     * Writes what is queued, unless a write is under way (then its completion writes the rest).
     */
    public synchronized void flush() {
        if (inFlight != null || pending.isEmpty() && cleared) {
            return;
        }
        if (!cleared && !firstWriteAfter.isDone()) {
            // its completion flushes
            return;
        }
        final List<Entry> batch = new ArrayList<>();
        final AtomicBoolean started = new AtomicBoolean();
        final boolean clearing = !cleared;
        final FluentFuture<? extends CommitInfo> commit = gate.submit(WriteGate.ANY_GENERATION, () -> {
            started.set(true);
            for (var it = pending.values().iterator(); it.hasNext()
                    && batch.size() < MAX_ENTRIES_PER_TRANSACTION; ) {
                batch.add(it.next());
                it.remove();
            }
            return write(batch, clearing);
        });
        if (!started.get()) {
            // the engine stopped: nothing it knows is published any more
            pending.clear();
            newest.clear();
            return;
        }
        inFlight = new InFlight(commit, batch);
        final long number = ++batches;
        executor.schedule(() -> stalled(number), stallMs);
        Futures.addCallback(commit, new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                synchronized (StatePublisher.this) {
                    if (stalledBatches.remove(number)) {
                        // what it wrote may be older than what was published since: the engine publishes it all
                        // again
                        stalled.accept(new IllegalStateException("a state commit of " + batch.size() + " entries "
                            + "reported unanswered landed after all: publishing every entry again"));
                        return;
                    }
                    inFlight = null;
                    if (clearing) {
                        cleared = true;
                    }
                }
                migrationsPublished.accept(batch.stream().filter(entry -> !entry.migrationVm.isEmpty())
                    .map(entry -> new Published(entry.migrationVm, entry.intent)).toList());
                flush();
            }

            @Override
            public void onFailure(final Throwable cause) {
                synchronized (StatePublisher.this) {
                    if (stalledBatches.remove(number)) {
                        // its entries were queued again when it stalled
                        LOG.warn("A state commit of {} entries reported unanswered failed after all", batch.size(),
                            cause);
                    } else if (number == batches && inFlight != null) {
                        failed(batch, cause);
                    } else {
                        LOG.warn("A state commit of {} entries failed", batch.size(), cause);
                    }
                }
            }
        }, executor);
    }

    /**
     * One transaction with the batch (and, the first time, the removal of what a previous instance left). A failure
     * to build it (a transaction that cannot be created, a write that throws) is a failed commit: the entries are
     * queued again and retried, never lost.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private FluentFuture<? extends CommitInfo> write(final List<Entry> batch, final boolean clearing) {
        WriteTransaction tx = null;
        try {
            tx = broker.newWriteOnlyTransaction();
            if (clearing) {
                // a previous instance of the application (same controller) may have left state behind
                tx.delete(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT);
            }
            // the parents (the root container, the entry's list) are merged with the first entry of each kind only:
            // merged with every entry they were about a third of this thread's CPU in a 10,000-VM burst (JFR)
            final Set<Class<?>> parented = new HashSet<>();
            for (Entry entry : batch) {
                if (entry.value.isPresent()) {
                    put(tx, entry.path, entry.value.orElseThrow(), parented.add(entry.path.lastStep().type()));
                } else {
                    tx.delete(LogicalDatastoreType.OPERATIONAL, entry.path);
                }
            }
            return FluentFuture.from(tx.commit());
        } catch (RuntimeException e) {
            if (tx != null) {
                tx.cancel();
            }
            return FluentFuture.from(Futures.immediateFailedFuture(e));
        }
    }

    private synchronized void stalled(final long number) {
        final InFlight current = inFlight;
        if (number != batches || current == null || current.commit().isDone()) {
            return;
        }
        final List<Entry> batch = current.batch();
        inFlight = null;
        stalledBatches.add(number);
        batch.forEach(entry -> pending.putIfAbsent(entry.path, entry));
        stalled.accept(new TimeoutException("a state commit of " + batch.size() + " entries was unanswered for "
            + stallMs + " ms"));
    }

    private void failed(final List<Entry> batch, final Throwable cause) {
        LOG.warn("Publishing {} state entries failed, retrying in {} ms", batch.size(), RETRY_MS, cause);
        // put them back unless a newer value was queued meanwhile
        batch.forEach(entry -> pending.putIfAbsent(entry.path, entry));
        executor.schedule(() -> {
            synchronized (this) {
                inFlight = null;
            }
            flush();
        }, RETRY_MS);
    }

    /**
     * Completes once no commit is under way (at once if none is).
     *
     * @return the commit under way, or a completed future
     */
    public synchronized ListenableFuture<?> idle() {
        final InFlight current = inFlight;
        return current == null ? Futures.immediateFuture(null) : current.commit();
    }

    /**
     * How many VMs have an accepted intent the engine has not yet caught up with.
     *
     * @return the number
     */
    @VisibleForTesting
    synchronized int acceptedAhead() {
        return newest.size();
    }

    /**
     * A commit under way.
     *
     * @param commit its future
     * @param batch its entries
     */
    private record InFlight(FluentFuture<? extends CommitInfo> commit, List<Entry> batch) {
    }

    @SuppressWarnings("unchecked")
    private static <T extends DataObject> void put(final WriteTransaction tx,
            final DataObjectIdentifier<? extends DataObject> path, final DataObject state, final boolean firstOfKind) {
        if (firstOfKind) {
            tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, (DataObjectIdentifier<T>) path, (T) state);
        } else {
            // its parents are in this transaction already
            tx.put(LogicalDatastoreType.OPERATIONAL, (DataObjectIdentifier<T>) path, (T) state);
        }
    }
}
