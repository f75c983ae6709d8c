/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.metrics;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.function.ToIntFunction;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the RPCs' answers as they complete: calls by outcome, refusals by reason, refused batch entries.
 */
public final class RpcMeter {
    private static final Logger LOG = LoggerFactory.getLogger(RpcMeter.class);

    private final VmmMetrics metrics;

    /**
     * Creates a meter.
     *
     * @param metrics where the counts go
     */
    public RpcMeter(final VmmMetrics metrics) {
        this.metrics = requireNonNull(metrics);
    }

    /**
     * Counts an answer when it completes.
     *
     * @param rpc the RPC's name
     * @param answer its answer
     * @param <O> the RPC's output
     * @return the same answer
     */
    public <O> ListenableFuture<RpcResult<O>> count(final String rpc, final ListenableFuture<RpcResult<O>> answer) {
        return count(rpc, answer, output -> 0);
    }

    /**
     * Counts an answer when it completes, and the entries its output refused.
     *
     * @param rpc the RPC's name
     * @param answer its answer
     * @param refusedEntries how many entries a successful output refused
     * @param <O> the RPC's output
     * @return the same answer
     */
    public <O> ListenableFuture<RpcResult<O>> count(final String rpc, final ListenableFuture<RpcResult<O>> answer,
            final ToIntFunction<O> refusedEntries) {
        Futures.addCallback(answer, new FutureCallback<RpcResult<O>>() {
            @Override
            public void onSuccess(final RpcResult<O> result) {
                metrics.rpcAnswered(rpc, RpcOutcome.of(result));
                if (result.isSuccessful() && result.getResult() != null) {
                    final int refused = refusedEntries.applyAsInt(result.getResult());
                    if (refused > 0) {
                        metrics.entriesRefused(rpc, refused);
                    }
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("RPC {} completed with an exception instead of an answer", rpc, cause);
                metrics.rpcAnswered(rpc, RpcOutcome.FAILED);
            }
        }, MoreExecutors.directExecutor());
        return answer;
    }
}
