/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * The OpenFlow 1.3 meter that bounds what our flows send to the controller (the Neighbor Solicitations of members,
 * {@link FlowKind#ND_PUNT}): one per switch that has such flows, written before them and removed after the last of
 * them, a drop band in packets per second. A member (or a VM spoofing one, from the member's port) flooding
 * solicitations costs the controller at most this rate per switch; a member's own solicitations (a few per minute)
 * never come near it.
 */
public final class PuntMeter {
    /** The meter id on every switch ("VM" in ASCII, as our cookies' prefix). */
    public static final long ID = 0x564D;
    /** Packets per second a switch may send to the controller through our flows. */
    public static final long RATE_PPS = 100;
    /** Packets above the rate let through in a burst. */
    public static final long BURST_PACKETS = 20;

    private PuntMeter() {
        // constants only
    }

    /**
     * Whether a switch's flows need the meter.
     *
     * @param flows the switch's planned flows
     * @return true if one of them passes through it
     */
    public static boolean neededBy(final Iterable<PlannedFlow> flows) {
        for (PlannedFlow flow : flows) {
            for (FlowAction action : flow.actions()) {
                if (action instanceof FlowAction.Meter meter && meter.meterId() == ID) {
                    return true;
                }
            }
        }
        return false;
    }
}
