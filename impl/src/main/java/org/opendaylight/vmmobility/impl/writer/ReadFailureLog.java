/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the failure of each read of a snapshot that several reads make: their combination fails with the first
 * failure only, so a second read failing at the same time would otherwise go unseen.
 */
public final class ReadFailureLog {
    private static final Logger LOG = LoggerFactory.getLogger(ReadFailureLog.class);

    private ReadFailureLog() {
        // static only
    }

    /**
     * Logs a read's failure (at WARN, naming what it read) and hands the read on.
     *
     * @param read the read
     * @param what what it reads, for the log
     * @param <T> what it yields
     * @return the same read
     */
    public static <T> ListenableFuture<T> logged(final ListenableFuture<T> read, final String what) {
        Futures.addCallback(read, new FutureCallback<T>() {
            @Override
            public void onSuccess(final T result) {
                // the snapshot takes it
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Reading {} failed: {}", what, cause.toString());
            }
        }, MoreExecutors.directExecutor());
        return read;
    }
}
