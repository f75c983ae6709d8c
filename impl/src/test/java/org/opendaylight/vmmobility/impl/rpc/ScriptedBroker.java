/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mockito.AdditionalAnswers;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.ReadFailedException;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * A data broker over a real one whose read-write transactions misbehave as scripted: the n-th transaction created
 * gets the n-th fault (none once the script is used up). Each transaction is a Mockito mock delegating to a real one,
 * so a test can verify that it was cancelled.
 */
final class ScriptedBroker {
    /** What one transaction does wrong. */
    enum Fault {
        /** Nothing. */
        NONE,
        /** Its reads never answer. */
        READS_HANG,
        /** Its reads fail. */
        READS_FAIL,
        /** Its commit never answers and does not happen: the test commits the real transaction later (late). */
        COMMIT_LATE,
        /** Its commit happens, but its answer is lost. */
        COMMIT_ANSWER_LOST,
        /** Its commit fails with a timeout inside the datastore (outcome unknown, here: not applied). */
        COMMIT_TIMES_OUT,
        /** Its commit happens once the test opens the gate. */
        COMMIT_GATED
    }

    final DataBroker broker;
    /** The transactions created, in order (the mocks). */
    final List<ReadWriteTransaction> transactions = Collections.synchronizedList(new ArrayList<>());
    /** The real transactions of {@link Fault#COMMIT_LATE}, not committed yet. */
    final List<ReadWriteTransaction> late = Collections.synchronizedList(new ArrayList<>());
    /** Opens the gate of {@link Fault#COMMIT_GATED}. */
    final SettableFuture<Void> gate = SettableFuture.create();
    /** Counted down when a gated commit reached the gate. */
    final CountDownLatch atGate = new CountDownLatch(1);

    private final ConcurrentLinkedDeque<Fault> script = new ConcurrentLinkedDeque<>();

    ScriptedBroker(final DataBroker real, final Fault... faults) {
        script.addAll(List.of(faults));
        broker = mock(DataBroker.class, AdditionalAnswers.delegatesTo(real));
        doAnswer(invocation -> transaction(real.newReadWriteTransaction())).when(broker).newReadWriteTransaction();
    }

    private ReadWriteTransaction transaction(final ReadWriteTransaction real) {
        final Fault fault = script.isEmpty() ? Fault.NONE : script.poll();
        final ReadWriteTransaction tx = mock(ReadWriteTransaction.class, AdditionalAnswers.delegatesTo(real));
        final AtomicBoolean committed = new AtomicBoolean();
        switch (fault) {
            case NONE -> {
                // the real transaction
            }
            case READS_HANG -> doReturn(FluentFuture.from(SettableFuture.create())).when(tx).read(any(),
                any(DataObjectIdentifier.class));
            case READS_FAIL -> doReturn(FluentFuture.from(Futures.immediateFailedFuture(new ReadFailedException(
                "injected read failure")))).when(tx).read(any(), any(DataObjectIdentifier.class));
            case COMMIT_LATE -> doAnswer(invocation -> {
                committed.set(true);
                late.add(real);
                return FluentFuture.from(SettableFuture.<CommitInfo>create());
            }).when(tx).commit();
            case COMMIT_ANSWER_LOST -> doAnswer(invocation -> {
                committed.set(true);
                real.commit().get();
                return FluentFuture.from(SettableFuture.<CommitInfo>create());
            }).when(tx).commit();
            case COMMIT_TIMES_OUT -> doAnswer(invocation -> {
                real.cancel();
                return FluentFuture.from(Futures.immediateFailedFuture(new TransactionCommitFailedException(
                    "injected", new TimeoutException("injected: no answer from the shard leader"))));
            }).when(tx).commit();
            case COMMIT_GATED -> doAnswer(invocation -> {
                committed.set(true);
                atGate.countDown();
                return FluentFuture.from(gate).transformAsync(opened -> real.commit(), MoreExecutors.directExecutor());
            }).when(tx).commit();
            default -> throw new IllegalStateException(fault.name());
        }
        // as in the datastore, a transaction whose commit was called can no longer be cancelled (a late commit
        // still lands)
        doAnswer(invocation -> !committed.get() && real.cancel()).when(tx).cancel();
        transactions.add(tx);
        return tx;
    }
}
