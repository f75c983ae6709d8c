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
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * A read-only transaction whose reads may fail, throw or hang.
 */
final class FaultyReadTransaction implements ReadTransaction {
    private final ReadTransaction real;
    private final TransactionFaults faults;

    FaultyReadTransaction(final ReadTransaction real, final TransactionFaults faults) {
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
    public Object getIdentifier() {
        return real.getIdentifier();
    }

    @Override
    public void close() {
        real.close();
    }
}
