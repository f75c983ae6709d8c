/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import java.util.Set;

/**
 * Where the engine's connected switches come from: the inventory listener and its departure grace
 * (listener/SwitchDepartures). The engine tells it which switches hold our flows when it starts, asks it which
 * departures it holds when the audit compares the engine's switches with the inventory, and has it rebuilt when the
 * two disagree (a listener that missed or reordered a notification cannot correct itself).
 */
public interface SwitchView {
    /** No listener behind it: nothing held, nothing to rebuild (tests that feed the engine by hand). */
    SwitchView NONE = new SwitchView() {
        @Override
        public void holdAtStart(final Set<String> switches) {
            // nothing to hold
        }

        @Override
        public Set<String> held() {
            return Set.of();
        }

        @Override
        public void rebuild(final String reason) {
            // nothing to rebuild
        }
    };

    /**
     * The engine started and found flows of these switches in the config inventory: those the inventory does not
     * report count as connected for the departure grace.
     *
     * @param switches the switches holding our flows
     */
    void holdAtStart(Set<String> switches);

    /**
     * The switches absent from the inventory that still count as connected now (within their departure grace).
     *
     * @return the switches held
     */
    Set<String> held();

    /**
     * The engine's connected switches disagree with the inventory beyond any departure held: forget what the listener
     * built and subscribe anew, so that the next report is a whole snapshot of the inventory.
     *
     * @param reason what the audit found, for the log
     */
    void rebuild(String reason);
}
