/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

/**
 * Called by the engine at the start of each step, on the thread that runs it. A no-op in production
 * ({@link #NONE}); tests throw from it to prove that every step is guarded.
 */
@FunctionalInterface
public interface EngineStepHook {
    /** Does nothing. */
    EngineStepHook NONE = step -> { };

    /**
     * A step starts.
     *
     * @param step the step
     */
    void before(EngineStep step);
}
