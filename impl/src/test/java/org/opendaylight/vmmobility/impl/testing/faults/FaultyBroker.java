/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import static java.util.Objects.requireNonNull;

import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * A data broker around a real (in-memory) one that injects faults, chosen by a {@link FaultInjector} from a seed,
 * into every transaction call: creating a transaction, read, exists, put/merge/delete and commit, of read-only,
 * write-only and read-write transactions and of transaction chains. Listener registrations pass through (the
 * datastore's change notifications are not faulted). {@link #heal()} makes it faithful.
 */
public final class FaultyBroker implements DataBroker {
    private final DataBroker real;
    private final FaultInjector injector;

    /**
     * Wraps a broker.
     *
     * @param real the real broker
     * @param injector decides the faults
     */
    public FaultyBroker(final DataBroker real, final FaultInjector injector) {
        this.real = requireNonNull(real);
        this.injector = requireNonNull(injector);
    }

    /**
     * The injector.
     *
     * @return it
     */
    public FaultInjector injector() {
        return injector;
    }

    /**
     * Switches the faults off (see {@link FaultInjector#heal()}).
     */
    public void heal() {
        injector.heal();
    }

    @Override
    public ReadTransaction newReadOnlyTransaction() {
        injector.call(FaultInjector.Call.NEW, "new.ro");
        return new FaultyReadTransaction(real.newReadOnlyTransaction(), new TransactionFaults(injector, "ro"));
    }

    @Override
    public ReadWriteTransaction newReadWriteTransaction() {
        injector.call(FaultInjector.Call.NEW, "new.rw");
        return new FaultyReadWriteTransaction(real.newReadWriteTransaction(), new TransactionFaults(injector, "rw"));
    }

    @Override
    public WriteTransaction newWriteOnlyTransaction() {
        injector.call(FaultInjector.Call.NEW, "new.wo");
        return new FaultyWriteTransaction(real.newWriteOnlyTransaction(), new TransactionFaults(injector, "wo"));
    }

    @Override
    public TransactionChain createTransactionChain() {
        return new FaultyTransactionChain(real.createTransactionChain(), injector);
    }

    @Override
    public TransactionChain createMergingTransactionChain() {
        return new FaultyTransactionChain(real.createMergingTransactionChain(), injector);
    }

    @Override
    public <T extends DataObject> Registration registerTreeChangeListener(final LogicalDatastoreType store,
            final DataObjectReference<T> path, final DataTreeChangeListener<T> listener) {
        return real.registerTreeChangeListener(store, path, listener);
    }

    @Override
    public <T extends DataObject> Registration registerLegacyTreeChangeListener(final LogicalDatastoreType store,
            final DataObjectReference<T> path, final DataTreeChangeListener<T> listener) {
        return real.registerLegacyTreeChangeListener(store, path, listener);
    }
}
