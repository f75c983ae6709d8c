/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import java.time.Duration;

/**
 * A datastore read or commit of an RPC that got no answer within the runner's bound. After a read, nothing was
 * written; after a commit, the outcome is unknown (the commit may still land later, see
 * {@link VmTransactionRunner}).
 */
final class DatastoreTimeout extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean commit;

    DatastoreTimeout(final String operation, final boolean commit, final Duration bound, final int attempt,
            final int attempts) {
        super("the datastore did not answer the " + operation + " within " + text(bound) + " (attempt " + attempt
            + " of " + attempts + ")");
        this.commit = commit;
    }

    /**
     * Whether the operation without an answer was a commit.
     *
     * @return true for a commit, false for a read
     */
    boolean commit() {
        return commit;
    }

    private static String text(final Duration bound) {
        return bound.toMillis() % 1_000 == 0 ? bound.toSeconds() + " s" : bound.toMillis() + " ms";
    }
}
