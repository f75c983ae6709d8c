/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.Engine;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the operational state entry by entry ({@code vm=X/state}, {@code migration=X/state}), never the whole tree.
 * One transaction at a time, at most {@value #MAX_ENTRIES_PER_TRANSACTION} entries each; an entry queued again
 * before it was written is written once, with its newest value, so the last state always wins.
 *
 * <p>Thread-safe: the listener publishes accepted intents at once, the engine the planned states.
 */
public final class StatePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);
    private static final int MAX_ENTRIES_PER_TRANSACTION = 1_000;
    private static final long RETRY_MS = 1_000;

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
    private final ScheduledExecutorService executor;
    private final Consumer<List<Published>> migrationsPublished;
    /** Per VM, the newest migration intent accepted (set before the engine sees it): older states are skipped. */
    private final Map<String, Optional<Migration>> newest = new HashMap<>();
    private final Map<DataObjectIdentifier<?>, Entry> pending = new LinkedHashMap<>();
    private boolean inFlight;
    private boolean cleared;

    /**
     * Creates a publisher.
     *
     * @param broker the data broker
     * @param executor where completions are handled (not the engine's thread: an RPC waiting for its state never
     *                 waits for planning)
     * @param migrationsPublished told the migrations whose state was just committed
     */
    public StatePublisher(final DataBroker broker, final ScheduledExecutorService executor,
            final Consumer<List<Published>> migrationsPublished) {
        this.broker = requireNonNull(broker);
        this.executor = requireNonNull(executor);
        this.migrationsPublished = requireNonNull(migrationsPublished);
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
        if (accepted != null && !accepted.equals(intent)) {
            // the engine is behind a newer accepted intent: its state would be stale
            return;
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
     * Writes what is queued, unless a write is under way (then its completion writes the rest).
     */
    public synchronized void flush() {
        if (inFlight || pending.isEmpty() && cleared) {
            return;
        }
        final var tx = broker.newWriteOnlyTransaction();
        if (!cleared) {
            // a previous instance of the application (same controller) may have left state behind
            tx.delete(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT);
            cleared = true;
        }
        final List<Entry> batch = new ArrayList<>();
        for (var it = pending.values().iterator(); it.hasNext() && batch.size() < MAX_ENTRIES_PER_TRANSACTION; ) {
            batch.add(it.next());
            it.remove();
        }
        for (Entry entry : batch) {
            if (entry.value.isPresent()) {
                put(tx, entry.path, entry.value.orElseThrow());
            } else {
                tx.delete(LogicalDatastoreType.OPERATIONAL, entry.path);
            }
        }
        inFlight = true;
        Futures.addCallback(tx.commit(), new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                synchronized (StatePublisher.this) {
                    inFlight = false;
                }
                migrationsPublished.accept(batch.stream().filter(entry -> !entry.migrationVm.isEmpty())
                    .map(entry -> new Published(entry.migrationVm, entry.intent)).toList());
                flush();
            }

            @Override
            public void onFailure(final Throwable cause) {
                synchronized (StatePublisher.this) {
                    failed(batch, cause);
                }
            }
        }, executor);
    }

    private void failed(final List<Entry> batch, final Throwable cause) {
        LOG.warn("Publishing {} state entries failed, retrying in {} ms", batch.size(), RETRY_MS, cause);
        // put them back unless a newer value was queued meanwhile
        batch.forEach(entry -> pending.putIfAbsent(entry.path, entry));
        executor.schedule(() -> {
            synchronized (this) {
                inFlight = false;
            }
            flush();
        }, RETRY_MS, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <T extends DataObject> void put(final org.opendaylight.mdsal.binding.api.WriteTransaction tx,
            final DataObjectIdentifier<? extends DataObject> path, final DataObject state) {
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, (DataObjectIdentifier<T>) path, (T) state);
    }
}
