/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * The bits of the OpenFlow metadata field the pipeline owns. The pipeline writes and matches only these bits (masked),
 * so another application's metadata (bits 0 to 15) passes through it unchanged.
 *
 * <ul>
 *   <li>bits 40-63: the peer class (24 bits, never 0)</li>
 *   <li>bits 16-39: the peer tag (24 bits, never 0)</li>
 *   <li>bits 0-15: not ours</li>
 * </ul>
 */
public final class Metadata {
    /** Bits of a class or tag id. */
    public static final int ID_BITS = 24;
    /** Where the class id starts. */
    public static final int CLASS_SHIFT = 40;
    /** Where the tag starts. */
    public static final int TAG_SHIFT = 16;
    /** The class bits. */
    public static final long CLASS_MASK = ((1L << ID_BITS) - 1) << CLASS_SHIFT;
    /** The tag bits. */
    public static final long TAG_MASK = ((1L << ID_BITS) - 1) << TAG_SHIFT;
    /** Every bit the pipeline writes or matches. */
    public static final long OWNED_MASK = CLASS_MASK | TAG_MASK;

    private Metadata() {
        // constants
    }

    /**
     * Places a class id in its bits.
     *
     * @param classId the class id, 1 to 2^24-1
     * @return the metadata value
     */
    public static long klass(final long classId) {
        return classId << CLASS_SHIFT;
    }

    /**
     * Places a tag in its bits.
     *
     * @param tag the tag, 1 to 2^24-1
     * @return the metadata value
     */
    public static long tag(final long tag) {
        return tag << TAG_SHIFT;
    }
}
