/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import org.opendaylight.vmmobility.impl.writer.FlowWriter;

/**
 * The engine's bounds: how many changes may wait, how long it waits for the datastore before it gives up, and how
 * long it backs off between resyncs. The production values are {@link #DEFAULT}; tests that check recovery within a
 * few seconds scale them down (the logic is the same, only the clock is shorter).
 *
 * @param maxQueuedChanges changes waiting beyond this are dropped for a full resync
 * @param slowWriteMs a flow write unanswered this long is fenced and the engine degrades
 * @param readTimeoutMs a baseline read unanswered this long fails (the engine degrades and tries again)
 * @param stopWaitMs how long stop() waits for an outstanding write before it abandons it (fenced)
 * @param resyncMinMs the backoff before the first resync after a fault; it doubles with each fault in a row
 * @param resyncMaxMs the longest backoff; faults twice this far apart are not in a row
 * @param stateStallMs a state commit unanswered this long is reported (the engine degrades and publishes again)
 * @param auditMs how often the engine reads our flows back and compares them with what it wrote
 * @param flowsPerTransaction the most flow operations one flow transaction carries; a write with more of one kind
 *     is split, and its transactions go on a transaction chain ({@link FlowWriter})
 */
public record EngineLimits(int maxQueuedChanges, long slowWriteMs, long readTimeoutMs, long stopWaitMs,
        long resyncMinMs, long resyncMaxMs, long stateStallMs, long auditMs, int flowsPerTransaction) {
    /** The production bounds. */
    public static final EngineLimits DEFAULT = new EngineLimits(10_000, 30_000, 10_000, 10_000, 100, 30_000, 30_000,
        60_000);

    /**
     * Checks the bounds.
     */
    public EngineLimits {
        if (maxQueuedChanges < 1 || slowWriteMs < 1 || readTimeoutMs < 1 || stopWaitMs < 1 || resyncMinMs < 1
                || resyncMaxMs < resyncMinMs || stateStallMs < 1 || auditMs < 1 || flowsPerTransaction < 1) {
            throw new IllegalArgumentException("Engine limits must be positive, and the longest backoff at least "
                + "the shortest");
        }
    }

    /**
     * Bounds with the product's transaction size ({@link FlowWriter#OPERATIONS_PER_TRANSACTION}).
     *
     * @param maxQueuedChanges changes waiting beyond this are dropped for a full resync
     * @param slowWriteMs a flow write unanswered this long is fenced and the engine degrades
     * @param readTimeoutMs a baseline read unanswered this long fails
     * @param stopWaitMs how long stop() waits for an outstanding write before it abandons it
     * @param resyncMinMs the backoff before the first resync after a fault
     * @param resyncMaxMs the longest backoff
     * @param stateStallMs a state commit unanswered this long is reported
     * @param auditMs how often the engine reads our flows back
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public EngineLimits(final int maxQueuedChanges, final long slowWriteMs, final long readTimeoutMs,
            final long stopWaitMs, final long resyncMinMs, final long resyncMaxMs, final long stateStallMs,
            final long auditMs) {
        this(maxQueuedChanges, slowWriteMs, readTimeoutMs, stopWaitMs, resyncMinMs, resyncMaxMs, stateStallMs, auditMs,
            FlowWriter.OPERATIONS_PER_TRANSACTION);
    }

    /**
     * These bounds with another transaction size (tests that make small writes take the chained path).
     *
     * @param flows the most flow operations per transaction
     * @return the new bounds
     */
    public EngineLimits withFlowsPerTransaction(final int flows) {
        return new EngineLimits(maxQueuedChanges, slowWriteMs, readTimeoutMs, stopWaitMs, resyncMinMs, resyncMaxMs,
            stateStallMs, auditMs, flows);
    }

    /**
     * These bounds with other waits for the datastore (the backoff and the queue stay).
     *
     * @param maxQueued changes waiting beyond this are dropped
     * @param slowWrite a flow write unanswered this long is fenced
     * @param readTimeout a baseline read unanswered this long fails
     * @param stopWait how long stop() waits
     * @return the new bounds
     */
    public EngineLimits withWaits(final int maxQueued, final long slowWrite, final long readTimeout,
            final long stopWait) {
        return new EngineLimits(maxQueued, slowWrite, readTimeout, stopWait, resyncMinMs, resyncMaxMs, stateStallMs,
            auditMs, flowsPerTransaction);
    }
}
