/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

/**
 * The engine's bounds: how many changes may wait, and how long it waits for the datastore before it gives up.
 *
 * @param maxQueuedChanges changes waiting beyond this are dropped for a full resync
 * @param slowWriteMs a flow write unanswered this long is fenced and the engine degrades
 * @param readTimeoutMs a baseline read unanswered this long fails (the engine degrades and tries again)
 * @param stopWaitMs how long stop() waits for an outstanding write before it abandons it (fenced)
 */
record EngineLimits(int maxQueuedChanges, long slowWriteMs, long readTimeoutMs, long stopWaitMs) {
    /** The production bounds. */
    static final EngineLimits DEFAULT = new EngineLimits(10_000, 30_000, 10_000, 10_000);

    EngineLimits {
        if (maxQueuedChanges < 1 || slowWriteMs < 1 || readTimeoutMs < 1 || stopWaitMs < 1) {
            throw new IllegalArgumentException("Engine limits must be positive");
        }
    }
}
