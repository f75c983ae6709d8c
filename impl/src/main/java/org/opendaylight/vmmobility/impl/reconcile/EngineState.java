/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine's states and the only transitions between them. An illegal transition is a bug and is refused loudly.
 *
 * <pre>
 *   STARTING --baseline read, first write done--&gt; RUNNING
 *   STARTING, RUNNING, DEGRADED --a step failed, or a write went unanswered--&gt; DEGRADED
 *   DEGRADED --a full resync succeeded--&gt; RUNNING
 *   STARTING, RUNNING, DEGRADED --stop()--&gt; STOPPING --outstanding write landed or fenced--&gt; STOPPED
 * </pre>
 */
public enum EngineState {
    /** Reading the baseline (intent, connected switches, our flows) and writing the first difference. */
    STARTING,
    /** Keeping the switches equal to the intent, change by change. */
    RUNNING,
    /** A step failed: resyncing from the datastores, with a growing delay between attempts. */
    DEGRADED,
    /** stop() was called: nothing is written or published any more; an outstanding write is awaited. */
    STOPPING,
    /** Stopped for good. */
    STOPPED;

    private static final Map<EngineState, Set<EngineState>> NEXT = new EnumMap<>(EngineState.class);

    static {
        NEXT.put(STARTING, EnumSet.of(RUNNING, DEGRADED, STOPPING));
        NEXT.put(RUNNING, EnumSet.of(DEGRADED, STOPPING));
        NEXT.put(DEGRADED, EnumSet.of(DEGRADED, RUNNING, STOPPING));
        NEXT.put(STOPPING, EnumSet.of(STOPPED));
        NEXT.put(STOPPED, EnumSet.noneOf(EngineState.class));
    }

    /**
     * Tells whether the engine may go from this state to another.
     *
     * @param next the other state
     * @return true if the transition is legal
     */
    public boolean canBecome(final EngineState next) {
        return NEXT.get(this).contains(next);
    }

    /**
     * Checks a transition.
     *
     * @param next the state to go to
     * @return next
     * @throws IllegalStateException if the transition is illegal
     */
    public EngineState to(final EngineState next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("Illegal engine transition " + this + " -> " + next);
        }
        return next;
    }

    /**
     * Tells whether this state counts as healthy (ok) in {@code vm-mobility/engine/health}.
     *
     * @return false only when degraded
     */
    public boolean healthy() {
        return this != DEGRADED;
    }

    /**
     * Tells whether the engine is stopping or stopped.
     *
     * @return true if it is
     */
    public boolean stopped() {
        return this == STOPPING || this == STOPPED;
    }
}
