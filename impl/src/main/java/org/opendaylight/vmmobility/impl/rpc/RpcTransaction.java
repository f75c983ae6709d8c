/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.KeyStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt's read-write transaction on the configuration, as an RPC sees it: every read is bounded (it answers,
 * fails, or fails with {@link DatastoreTimeout}), and every write is recorded, so that a later attempt can tell
 * whether this one landed after all. Only the {@link VmTransactionRunner} commits or cancels it.
 */
final class RpcTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(RpcTransaction.class);

    private final ReadWriteTransaction tx;
    private final Bound bound;
    private final Map<DataObjectIdentifier<?>, Optional<DataObject>> writes = new LinkedHashMap<>();

    /** Bounds a datastore operation: its answer, or a {@link DatastoreTimeout} naming the operation. */
    @FunctionalInterface
    interface Bound {
        <V> ListenableFuture<V> apply(ListenableFuture<V> operation, String what);
    }

    RpcTransaction(final ReadWriteTransaction tx, final Bound bound) {
        this.tx = requireNonNull(tx);
        this.bound = requireNonNull(bound);
    }

    /**
     * Reads an entry of the configuration, within the runner's bound.
     *
     * @param path the entry
     * @param <T> its type
     * @return the entry, if present
     */
    <T extends DataObject> ListenableFuture<Optional<T>> read(final DataObjectIdentifier<T> path) {
        final ListenableFuture<Optional<T>> read = bound.apply(tx.read(LogicalDatastoreType.CONFIGURATION, path),
            "read of " + describe(path));
        // the attempt fails with the first failed read; a second one in the same attempt is logged here
        Futures.addCallback(read, new FutureCallback<Optional<T>>() {
            @Override
            public void onSuccess(final Optional<T> result) {
                // the attempt takes it
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("The {} failed: {}", "read of " + describe(path), cause.toString());
            }
        }, MoreExecutors.directExecutor());
        return read;
    }

    /** The path's last step, e.g. {@code Vm[VmKey{vmId=Name{value=db}}]}, to name a read in an answer. */
    static String describe(final DataObjectIdentifier<?> path) {
        String last = "";
        for (var step : path.steps()) {
            last = step instanceof KeyStep<?, ?> keyed ? step.type().getSimpleName() + "[" + keyed.key() + "]"
                : step.type().getSimpleName();
        }
        return last;
    }

    /**
     * Writes an entry of the configuration.
     *
     * @param path the entry
     * @param data its new value
     * @param <T> its type
     */
    <T extends DataObject> void put(final DataObjectIdentifier<T> path, final T data) {
        tx.put(LogicalDatastoreType.CONFIGURATION, path, data);
        writes.put(path, Optional.of(data));
    }

    /**
     * Removes an entry of the configuration.
     *
     * @param path the entry
     */
    void delete(final DataObjectIdentifier<?> path) {
        tx.delete(LogicalDatastoreType.CONFIGURATION, path);
        writes.put(path, Optional.empty());
    }

    /**
     * Whether this transaction writes or removes an entry.
     *
     * @param path the entry
     * @return true if it does
     */
    boolean writes(final DataObjectIdentifier<?> path) {
        return writes.containsKey(path);
    }

    /**
     * What this transaction writes: each entry's new value, or empty where it removes the entry.
     *
     * @return the writes, in order
     */
    Map<DataObjectIdentifier<?>, Optional<DataObject>> writes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(writes));
    }

    ReadWriteTransaction transaction() {
        return tx;
    }
}
