/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.mockito.invocation.InvocationOnMock;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * A data broker in front of the real one that counts every write transaction and commit, and can hold the next
 * commit that touches the configuration (a flow write) until released. Write-only transactions are recorded and
 * replayed on a real transaction at commit (or release) time, so that a held commit really lands late; read-write
 * ones (the flow writes) are real, and a held one is judged by the datastore when released.
 */
final class RecordingBroker {
    private final DataBroker real;
    private final DataBroker broker;
    private final AtomicInteger writeTransactions = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger chains = new AtomicInteger();
    /** The held commits: each lands when released, or its answer fails ({@link #failHeld}). */
    private final List<HeldCommit> held = new ArrayList<>();
    private volatile boolean holdNextFlowCommit;
    private final List<Runnable> heldReads = new ArrayList<>();
    private volatile boolean holdReads;
    private final AtomicInteger readTransactions = new AtomicInteger();

    RecordingBroker(final DataBroker real) {
        this.real = real;
        broker = mock(DataBroker.class, delegatesTo(real));
        doAnswer(invocation -> recordedTransaction()).when(broker).newWriteOnlyTransaction();
        doAnswer(invocation -> heldTransaction()).when(broker).newReadWriteTransaction();
        doAnswer(invocation -> readTransaction()).when(broker).newReadOnlyTransaction();
        doAnswer(invocation -> recordedChain()).when(broker).createTransactionChain();
    }

    DataBroker broker() {
        return broker;
    }

    /**
     * Write transactions created so far (write-only and read-write).
     */
    int writeTransactions() {
        return writeTransactions.get();
    }

    int commits() {
        return commits.get();
    }

    /** Transaction chains created so far (the bursts of flow writes). */
    int chains() {
        return chains.get();
    }

    void holdNextFlowCommit() {
        holdNextFlowCommit = true;
    }

    synchronized int held() {
        return held.size();
    }

    /** Lands the held commits. */
    void release() {
        takeHeld().forEach(commit -> commit.answer().setFuture(commit.landing().get()));
    }

    /** Fails the held commits (nothing of them is applied) instead of releasing them. */
    void failHeld(final Exception cause) {
        takeHeld().forEach(commit -> commit.answer().setException(cause));
    }

    private synchronized List<HeldCommit> takeHeld() {
        final List<HeldCommit> taken = List.copyOf(held);
        held.clear();
        return taken;
    }

    /**
     * A commit held back.
     *
     * @param answer what the committer waits on
     * @param landing commits it for real (on release)
     */
    private record HeldCommit(SettableFuture<CommitInfo> answer,
            Supplier<FluentFuture<? extends CommitInfo>> landing) {
    }

    /** Runs (outside the lock) and forgets the held reads. */
    private void runAll(final List<Runnable> list) {
        final List<Runnable> toRun;
        synchronized (this) {
            toRun = List.copyOf(list);
            list.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** From now on, the reads of read-only transactions (the audit's, a resync's) answer only once released. */
    void holdReads() {
        holdReads = true;
    }

    synchronized int heldReads() {
        return heldReads.size();
    }

    /** Answers the held reads and holds no more. */
    void releaseReads() {
        holdReads = false;
        runAll(heldReads);
    }

    /** Read-only transactions created so far (the audit's and the resyncs' reads). */
    int readTransactions() {
        return readTransactions.get();
    }

    private ReadTransaction readTransaction() {
        readTransactions.incrementAndGet();
        final ReadTransaction realTx = real.newReadOnlyTransaction();
        final ReadTransaction tx = mock(ReadTransaction.class, delegatesTo(realTx));
        doAnswer(invocation -> {
            final LogicalDatastoreType store = invocation.getArgument(0);
            final DataObjectIdentifier<?> path = invocation.getArgument(1);
            final FluentFuture<?> answer = realTx.read(store, path);
            if (!holdReads) {
                return answer;
            }
            final SettableFuture<Object> result = SettableFuture.create();
            synchronized (this) {
                heldReads.add(() -> result.setFuture(answer));
            }
            return FluentFuture.from(result);
        }).when(tx).read(any(LogicalDatastoreType.class), any(DataObjectIdentifier.class));
        return tx;
    }

    private WriteTransaction recordedTransaction() {
        writeTransactions.incrementAndGet();
        final List<InvocationOnMock> operations = new ArrayList<>();
        final boolean[] config = new boolean[1];
        return mock(WriteTransaction.class, invocation -> {
            switch (invocation.getMethod().getName()) {
                case "commit":
                    return commit(operations, config[0]);
                case "cancel":
                    return true;
                case "getIdentifier":
                    return "recorded";
                default:
                    if (invocation.getArguments().length > 0
                            && invocation.getArgument(0) == LogicalDatastoreType.CONFIGURATION) {
                        config[0] = true;
                    }
                    operations.add(invocation);
                    return null;
            }
        });
    }

    /**
     * A read-write transaction (the engine's flow writes: they read and move the flow-write fence): the real one,
     * whose commit can be held; a held commit lands on release as the datastore then judges it (a conflict if a
     * newer write moved the fence meanwhile).
     */
    private ReadWriteTransaction heldTransaction() {
        writeTransactions.incrementAndGet();
        final ReadWriteTransaction realTx = real.newReadWriteTransaction();
        final ReadWriteTransaction tx = mock(ReadWriteTransaction.class, delegatesTo(realTx));
        doAnswer(invocation -> flowCommit(true, realTx::commit)).when(tx).commit();
        return tx;
    }

    /**
     * A transaction chain (the engine's bursts of flow writes) whose read-write transactions are counted and whose
     * commit can be held. A chain's next transaction needs the one before submitted, so a held chained commit is
     * submitted to the real chain at once (it lands) and only its answer is held: the engine sees a write that
     * does not answer, as when the datastore's answer is late.
     */
    private TransactionChain recordedChain() {
        chains.incrementAndGet();
        final TransactionChain realChain = real.createTransactionChain();
        final TransactionChain chain = mock(TransactionChain.class, delegatesTo(realChain));
        doAnswer(invocation -> {
            writeTransactions.incrementAndGet();
            final ReadWriteTransaction realTx = realChain.newReadWriteTransaction();
            final ReadWriteTransaction tx = mock(ReadWriteTransaction.class, delegatesTo(realTx));
            doAnswer(commit -> {
                final FluentFuture<? extends CommitInfo> landed = realTx.commit();
                return flowCommit(true, () -> landed);
            }).when(tx).commit();
            return tx;
        }).when(chain).newReadWriteTransaction();
        return chain;
    }

    private FluentFuture<? extends CommitInfo> commit(final List<InvocationOnMock> operations, final boolean config) {
        return flowCommit(config, () -> replay(operations));
    }

    /**
     * Counts a commit and, if it touches the configuration and the next flow commit is to be held, holds its answer
     * until {@link #release} (which then lands it) or {@link #failHeld}; otherwise lands it now.
     *
     * @param config whether the commit touches the configuration (a flow write)
     * @param landing lands the commit (or answers for one already landed)
     */
    private FluentFuture<? extends CommitInfo> flowCommit(final boolean config,
            final Supplier<FluentFuture<? extends CommitInfo>> landing) {
        commits.incrementAndGet();
        if (config && holdNextFlowCommit) {
            holdNextFlowCommit = false;
            final SettableFuture<CommitInfo> result = SettableFuture.create();
            synchronized (this) {
                held.add(new HeldCommit(result, landing));
            }
            return FluentFuture.from(result);
        }
        return landing.get();
    }

    private FluentFuture<? extends CommitInfo> replay(final List<InvocationOnMock> operations) {
        final WriteTransaction tx = real.newWriteOnlyTransaction();
        for (var operation : operations) {
            try {
                operation.getMethod().invoke(tx, operation.getArguments());
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot replay " + operation, e);
            }
        }
        return tx.commit();
    }
}
