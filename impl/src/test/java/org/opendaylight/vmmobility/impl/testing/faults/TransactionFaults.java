/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import com.google.common.util.concurrent.FluentFuture;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.opendaylight.mdsal.binding.api.ReadOperations;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * The faulty part of one transaction: names its call sites ("rw.read.CONFIGURATION", "wo.commit.OPERATIONAL", ...)
 * and asks the injector at each call.
 */
final class TransactionFaults {
    private final FaultInjector injector;
    private final String type;
    private final Set<LogicalDatastoreType> written = EnumSet.noneOf(LogicalDatastoreType.class);
    private boolean committed;

    TransactionFaults(final FaultInjector injector, final String type) {
        this.injector = injector;
        this.type = type;
    }

    <T extends DataObject> FluentFuture<Optional<T>> read(final ReadOperations real,
            final LogicalDatastoreType store, final DataObjectIdentifier<T> path) {
        return injector.read(type + ".read." + store, () -> real.read(store, path));
    }

    FluentFuture<Boolean> exists(final ReadOperations real, final LogicalDatastoreType store,
            final DataObjectIdentifier<?> path) {
        return injector.read(type + ".exists." + store, () -> real.exists(store, path));
    }

    synchronized void write(final LogicalDatastoreType store) {
        injector.call(FaultInjector.Call.WRITE, type + ".write." + store);
        written.add(store);
    }

    FluentFuture<? extends CommitInfo> commit(final WriteTransaction real) {
        final String site;
        synchronized (this) {
            committed = true;
            site = type + ".commit." + (written.contains(LogicalDatastoreType.CONFIGURATION) ? "CONFIGURATION"
                : written.isEmpty() ? "EMPTY" : "OPERATIONAL");
        }
        return injector.commit(site, real::commit, real::cancel);
    }

    synchronized boolean cancel(final WriteTransaction real) {
        // after commit() the transaction is the injector's: a delayed commit must still be able to land
        return !committed && real.cancel();
    }
}
