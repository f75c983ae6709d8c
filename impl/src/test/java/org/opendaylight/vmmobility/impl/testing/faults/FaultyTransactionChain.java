/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import com.google.common.util.concurrent.ListenableFuture;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.yangtools.yang.common.Empty;

/**
 * A transaction chain whose transactions are faulty like the broker's.
 */
final class FaultyTransactionChain implements TransactionChain {
    private final TransactionChain real;
    private final FaultInjector injector;

    FaultyTransactionChain(final TransactionChain real, final FaultInjector injector) {
        this.real = real;
        this.injector = injector;
    }

    @Override
    public ReadTransaction newReadOnlyTransaction() {
        injector.call(FaultInjector.Call.NEW, "new.chain-ro");
        return new FaultyReadTransaction(real.newReadOnlyTransaction(), new TransactionFaults(injector, "chain-ro"));
    }

    @Override
    public WriteTransaction newWriteOnlyTransaction() {
        injector.call(FaultInjector.Call.NEW, "new.chain-wo");
        return new FaultyWriteTransaction(real.newWriteOnlyTransaction(),
            new TransactionFaults(injector, "chain-wo"));
    }

    @Override
    public ReadWriteTransaction newReadWriteTransaction() {
        injector.call(FaultInjector.Call.NEW, "new.chain-rw");
        return new FaultyReadWriteTransaction(real.newReadWriteTransaction(),
            new TransactionFaults(injector, "chain-rw"));
    }

    @Override
    public ListenableFuture<Empty> future() {
        return real.future();
    }

    @Override
    public void close() {
        real.close();
    }
}
