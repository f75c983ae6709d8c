/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.Map;
import java.util.Optional;
import org.opendaylight.vmmobility.impl.planner.Migration;

/**
 * What an RPC does in one attempt, in a transaction of the {@link VmTransactionRunner}: read what it needs, decide,
 * write, and say what it will answer. An attempt may run again, in a new transaction, after a conflict or a datastore
 * that did not answer; it decides anew from what it reads each time.
 *
 * @param <T> what the RPC answers
 */
interface RpcAttempt<T> {
    /**
     * What one attempt decided: the answer, whether it wrote something to commit, and which migration intents the
     * VMs' published states show once the commit is done.
     *
     * @param answer the answer
     * @param commit whether the transaction has writes to commit (if not, the runner cancels it)
     * @param published per VM, the migration intent stored (empty if its migration was removed)
     * @param <T> the answer's type
     */
    record Outcome<T>(T answer, boolean commit, Map<String, Optional<Migration>> published) {
        public Outcome {
            requireNonNull(answer);
            published = Map.copyOf(published);
        }

        /**
         * Commit the writes, then answer.
         *
         * @param answer the answer
         * @param published per VM, the migration intent stored (empty if its migration was removed)
         * @param <T> the answer's type
         * @return the outcome
         */
        static <T> Outcome<T> commit(final T answer, final Map<String, Optional<Migration>> published) {
            return new Outcome<>(answer, true, published);
        }

        /**
         * Nothing to write (a refusal, or nothing changes): cancel the transaction and answer.
         *
         * @param answer the answer
         * @param <T> the answer's type
         * @return the outcome
         */
        static <T> Outcome<T> nothingToWrite(final T answer) {
            return new Outcome<>(answer, false, Map.of());
        }
    }

    /**
     * Runs the attempt: reads through the transaction, writes through it, and decides.
     *
     * @param tx the attempt's transaction
     * @return the outcome
     */
    ListenableFuture<Outcome<T>> run(RpcTransaction tx);

    /**
     * The commit cohort refused the attempt's commit. An attempt that can leave out what was refused (a batch without
     * the migrations the refusal names) does so and asks for another attempt; otherwise the refusal is the answer.
     *
     * @param refusal the cohort's message
     * @return true to run again, in a new transaction
     */
    default boolean retryWithout(final String refusal) {
        return false;
    }
}
