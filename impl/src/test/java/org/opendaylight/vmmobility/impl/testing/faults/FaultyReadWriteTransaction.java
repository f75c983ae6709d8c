/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import com.google.common.util.concurrent.FluentFuture;
import java.util.Optional;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * A read-write transaction whose reads may fail, throw or hang, whose writes may throw and whose commit may fail,
 * hang or land late.
 */
final class FaultyReadWriteTransaction implements ReadWriteTransaction {
    private final ReadWriteTransaction real;
    private final TransactionFaults faults;

    FaultyReadWriteTransaction(final ReadWriteTransaction real, final TransactionFaults faults) {
        this.real = real;
        this.faults = faults;
    }

    @Override
    public <T extends DataObject> FluentFuture<Optional<T>> read(final LogicalDatastoreType store,
            final DataObjectIdentifier<T> path) {
        return faults.read(real, store, path);
    }

    @Override
    public FluentFuture<Boolean> exists(final LogicalDatastoreType store, final DataObjectIdentifier<?> path) {
        return faults.exists(real, store, path);
    }

    @Override
    public <T extends DataObject> void put(final LogicalDatastoreType store, final DataObjectIdentifier<T> path,
            final T data) {
        faults.write(store);
        real.put(store, path, data);
    }

    @Override
    public <T extends DataObject> void mergeParentStructurePut(final LogicalDatastoreType store,
            final DataObjectIdentifier<T> path, final T data) {
        faults.write(store);
        real.mergeParentStructurePut(store, path, data);
    }

    @Override
    public <T extends DataObject> void merge(final LogicalDatastoreType store, final DataObjectIdentifier<T> path,
            final T data) {
        faults.write(store);
        real.merge(store, path, data);
    }

    @Override
    public <T extends DataObject> void mergeParentStructureMerge(final LogicalDatastoreType store,
            final DataObjectIdentifier<T> path, final T data) {
        faults.write(store);
        real.mergeParentStructureMerge(store, path, data);
    }

    @Override
    public void delete(final LogicalDatastoreType store, final DataObjectIdentifier<?> path) {
        faults.write(store);
        real.delete(store, path);
    }

    @Override
    public FluentFuture<?> completionFuture() {
        return real.completionFuture();
    }

    @Override
    public boolean cancel() {
        return faults.cancel(real);
    }

    @Override
    public FluentFuture<? extends CommitInfo> commit() {
        return faults.commit(real);
    }

    @Override
    public Object getIdentifier() {
        return real.getIdentifier();
    }
}
