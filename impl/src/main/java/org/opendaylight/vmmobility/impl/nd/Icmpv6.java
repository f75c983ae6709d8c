/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.nd;

import org.opendaylight.vmmobility.impl.planner.Ipv6;

/**
 * The ICMPv6 checksum (RFC 4443 section 2.3): the ones'-complement sum over the IPv6 pseudo-header (RFC 8200
 * section 8.1) and the ICMPv6 message.
 */
final class Icmpv6 {
    private Icmpv6() {
        // utility class
    }

    /**
     * Computes the checksum of a message: 0 for a message whose checksum field is right, the value to store for one
     * whose checksum field is 0.
     *
     * @param source the IPv6 source
     * @param destination the IPv6 destination
     * @param packet the bytes that hold the message
     * @param offset where the message starts
     * @param length the message's length
     * @return the checksum
     */
    static int checksum(final Ipv6 source, final Ipv6 destination, final byte[] packet, final int offset,
            final int length) {
        long sum = words(source.high()) + words(source.low()) + words(destination.high()) + words(destination.low());
        sum += length >>> 16 & 0xFFFF;
        sum += length & 0xFFFF;
        sum += NeighborSolicitation.NEXT_HEADER_ICMPV6;
        for (int i = 0; i < length; i += 2) {
            final int high = packet[offset + i] & 0xFF;
            final int low = i + 1 < length ? packet[offset + i + 1] & 0xFF : 0;
            sum += high << 8 | low;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) ~sum & 0xFFFF;
    }

    private static long words(final long bits) {
        return (bits >>> 48 & 0xFFFF) + (bits >>> 32 & 0xFFFF) + (bits >>> 16 & 0xFFFF) + (bits & 0xFFFF);
    }
}
