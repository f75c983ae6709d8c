/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

/**
 * What the {@link FaultyBroker} does to one datastore call.
 */
public enum FaultKind {
    /** The call itself throws (creating a transaction, a read, an exists, a put/merge/delete, a commit). */
    THROW(true),
    /** A read or exists answers with a failed future ({@code ReadFailedException}). */
    READ_FAILED(true),
    /** A commit fails ({@code TransactionCommitFailedException}); nothing is applied. */
    COMMIT_FAILED(true),
    /** A commit fails with {@code OptimisticLockFailedException}; nothing is applied. */
    COMMIT_CONFLICT(true),
    /** A commit fails with a {@code TimeoutException} as root cause; nothing is applied. */
    COMMIT_TIMEOUT(true),
    /**
     * A commit answers failed with a {@code TimeoutException} as root cause (the caller gives up), but it is applied
     * later: an abandoned attempt that lands after its caller moved on.
     */
    LANDS_AFTER_FAILURE(true),
    /** A read, exists or commit gets no answer until the faults are switched off; then it is answered (applied). */
    HANG(false),
    /** A read, exists or commit never gets an answer; a commit is never applied. */
    HANG_FOREVER(false),
    /** A commit is applied and answered after a delay (while newer calls may already have been made). */
    LATE_COMMIT(false);

    private final boolean carriesTag;

    FaultKind(final boolean carriesTag) {
        this.carriesTag = carriesTag;
    }

    /**
     * Whether the caller sees an exception that names the fault (so the fault's trace can be found by its tag).
     *
     * @return true for the kinds that fail a call
     */
    public boolean carriesTag() {
        return carriesTag;
    }
}
