/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

/**
 * The engine's subscription to the intent (its tree-change listener on the configuration). The engine has it
 * rebuilt when the audit finds, twice in a row, that a plan from scratch of the intent differs from the engine's
 * own: the listener missed a change (a clustered datastore's listener can, around a leader change or a listener
 * registered while the shard had no leader), and one that missed one may miss more; a new registration starts
 * with the whole intent.
 */
@FunctionalInterface
public interface IntentSubscription {
    /** No listener behind it (tests that feed the engine by hand). */
    IntentSubscription NONE = reason -> {
        // nothing to rebuild
    };

    /**
     * Closes the listener's registration and registers it anew.
     *
     * @param reason what the audit found, for the log
     */
    void rebuild(String reason);
}
