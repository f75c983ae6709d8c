/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * A masked match on the OpenFlow metadata register.
 *
 * @param value the value (only bits set in the mask are significant)
 * @param mask the mask
 */
public record MetadataMatch(long value, long mask) {
    /**
     * Creates a metadata match.
     *
     * @param value the value; it must have no bits outside the mask
     * @param mask the mask
     */
    public MetadataMatch {
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException("metadata value " + Long.toHexString(value)
                + " has bits outside mask " + Long.toHexString(mask));
        }
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value) + "/0x" + Long.toHexString(mask);
    }
}
