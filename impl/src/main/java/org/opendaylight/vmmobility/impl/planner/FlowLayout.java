/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * How a switch's translation is laid out.
 */
public enum FlowLayout {
    /** Per switch, whichever of the two below needs fewer flows (the shared pipeline on a tie). */
    AUTO,
    /** The shared five-table pipeline: classification per peer, translation per (peer class, migration). */
    SHARED,
    /** Per-pair flows in the base table: three per (peer, migration), one miss flow. */
    PER_PAIR
}
