/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

/**
 * The engine's steps. Each runs through the engine's guard ({@link Supervisor}): a failure in any of them is logged
 * with its stack, counted, shown in the engine's health, and repaired by a full resync.
 */
public enum EngineStep {
    /** Reading the baseline: the intent, the connected switches and their ports, our flows. */
    BASELINE,
    /** Applying changes to the planner and re-planning. */
    PLAN,
    /** Converting a planned flow into an inventory flow. */
    CONVERT,
    /** Writing flows to the config inventory, and taking the write's answer. */
    WRITE,
    /** Following migrations to their flows on the switches. */
    CONFIRM,
    /** Asking switches for their flows. */
    PROBE,
    /** Publishing operational state. */
    PUBLISH,
    /** Publishing notifications. */
    NOTIFY,
    /**
     * Comparing our flows in the config inventory with what the engine wrote (a periodic audit, as OVN's forced
     * recompute: a difference the engine did not make is a fault, and it resyncs).
     */
    AUDIT
}
