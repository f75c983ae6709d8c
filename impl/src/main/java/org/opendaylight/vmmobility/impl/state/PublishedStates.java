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
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On every node: which migration intent each VM's published state shows, from the operational datastore, so that an
 * RPC answered on any node can wait until the engine (wherever it runs) has published the state of what it stored.
 */
public final class PublishedStates
        implements DataTreeChangeListener<org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
            .rev261205.vm.mobility.Migration> {
    /** The operational migration entries this listens to. */
    public static final DataObjectReference<org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm
        .mobility.rev261205.vm.mobility.Migration> MIGRATIONS = ConfigPaths.MIGRATIONS;

    private static final Logger LOG = LoggerFactory.getLogger(PublishedStates.class);

    /** An RPC waiting until a migration's state shows its intent. */
    private record Waiter(Optional<Migration> expected, SettableFuture<Void> future) {
        Waiter {
            requireNonNull(expected);
            requireNonNull(future);
        }
    }

    private final Map<String, Migration> shown = new HashMap<>();
    private final Map<String, List<Waiter>> waiters = new HashMap<>();
    /** Each migration's published phase. */
    private final Map<String, MigrationPhase> phases = new HashMap<>();

    /**
     * Completes once the state of a VM's migration shows the given intent (or no migration, when it is empty).
     *
     * @param vmId the VM
     * @param expected the migration intent that was stored, empty if it was removed
     * @return a future completed when the state shows it; cancel it (a caller that gives up) and it is forgotten
     */
    public synchronized ListenableFuture<Void> published(final String vmId, final Optional<Migration> expected) {
        final SettableFuture<Void> future = SettableFuture.create();
        if (Optional.ofNullable(shown.get(vmId)).equals(expected)) {
            future.set(null);
        } else {
            waiters.computeIfAbsent(vmId, key -> new ArrayList<>()).add(new Waiter(expected, future));
            // a caller that gives up (a timeout cancels the future) leaves nothing behind
            future.addListener(() -> {
                if (future.isCancelled()) {
                    forget(vmId);
                }
            }, MoreExecutors.directExecutor());
        }
        return future;
    }

    private synchronized void forget(final String vmId) {
        final List<Waiter> waiting = waiters.get(vmId);
        if (waiting != null) {
            waiting.removeIf(waiter -> waiter.future.isDone());
            if (waiting.isEmpty()) {
                waiters.remove(vmId);
            }
        }
    }

    /**
     * How many callers wait.
     *
     * @return the number of waiters
     */
    @VisibleForTesting
    synchronized int waiting() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The published migrations by phase, every phase shown (0 when none).
     *
     * @return the count of each phase, by its YANG name
     */
    public synchronized Map<String, Integer> countByPhase() {
        final Map<String, Integer> counts = new TreeMap<>();
        for (MigrationPhase phase : MigrationPhase.values()) {
            counts.put(phase.getName(), 0);
        }
        phases.values().forEach(phase -> counts.merge(phase.getName(), 1, Integer::sum));
        return counts;
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public synchronized void onDataTreeChanged(final List<DataTreeModification<org.opendaylight.yang.gen.v1.urn
            .opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration>> changes) {
        for (var change : changes) {
            final var root = change.getRootNode();
            final var after = root.dataAfter();
            final var before = root.dataBefore();
            final var entry = after != null ? after : before;
            if (entry == null) {
                continue;
            }
            final String vmId = entry.requireVmId().getValue();
            Optional<Migration> intent = Optional.empty();
            if (after != null) {
                try {
                    intent = Optional.of(ChangeReader.migration(after));
                } catch (RuntimeException e) {
                    LOG.debug("Ignoring a migration state that shows no intent: {}", after, e);
                }
            }
            intent.ifPresentOrElse(migration -> shown.put(vmId, migration), () -> shown.remove(vmId));
            final var state = after == null ? null : after.getState();
            final MigrationPhase phase = state == null ? null : state.getPhase();
            if (phase == null) {
                phases.remove(vmId);
            } else {
                phases.put(vmId, phase);
            }
            completeWaiters(vmId, intent);
        }
    }

    private void completeWaiters(final String vmId, final Optional<Migration> intent) {
        final List<Waiter> waiting = waiters.get(vmId);
        if (waiting == null) {
            return;
        }
        waiting.removeIf(waiter -> {
            if (waiter.expected.equals(intent)) {
                waiter.future.set(null);
                return true;
            }
            return waiter.future.isDone();
        });
        if (waiting.isEmpty()) {
            waiters.remove(vmId);
        }
    }
}
