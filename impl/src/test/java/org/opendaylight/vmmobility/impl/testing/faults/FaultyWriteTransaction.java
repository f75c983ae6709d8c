/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import com.google.common.util.concurrent.FluentFuture;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * A write-only transaction whose writes may throw and whose commit may fail, hang or land late.
 */
final class FaultyWriteTransaction implements WriteTransaction {
    private final WriteTransaction real;
    private final TransactionFaults faults;

    FaultyWriteTransaction(final WriteTransaction real, final TransactionFaults faults) {
        this.real = real;
        this.faults = faults;
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
