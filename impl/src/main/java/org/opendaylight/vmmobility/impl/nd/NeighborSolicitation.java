/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.nd;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;

/**
 * A Neighbor Solicitation (RFC 4861 section 4.3) as a switch sent it to the controller: an Ethernet frame carrying
 * IPv6 (no extension header) and ICMPv6 type 135.
 *
 * @param ethSrc the frame's Ethernet source
 * @param ethDst the frame's Ethernet destination
 * @param source the IPv6 source (the solicitor)
 * @param target the target address
 */
public record NeighborSolicitation(Mac ethSrc, Mac ethDst, Ipv6 source, Ipv6 target) {
    static final int ETHERNET_HEADER = 14;
    static final int IPV6_HEADER = 40;
    static final int ETH_TYPE_IPV6 = 0x86dd;
    static final int NEXT_HEADER_ICMPV6 = 58;
    static final int HOP_LIMIT = 255;
    static final int TYPE_SOLICITATION = 135;
    private static final int MIN_LENGTH = ETHERNET_HEADER + IPV6_HEADER + 24;

    /**
     * Creates a solicitation.
     *
     * @param ethSrc the Ethernet source
     * @param ethDst the Ethernet destination
     * @param source the IPv6 source
     * @param target the target address
     */
    public NeighborSolicitation {
        requireNonNull(ethSrc);
        requireNonNull(ethDst);
        requireNonNull(source);
        requireNonNull(target);
    }

    /**
     * Reads a frame; refuses what RFC 4861 section 7.1.1 says a node must silently discard, and Duplicate Address
     * Detection (source ::), which is never answered for another node.
     *
     * @param frame the Ethernet frame
     * @return the solicitation, or empty with nothing to answer
     */
    public static Optional<NeighborSolicitation> parse(final byte[] frame) {
        if (frame.length < MIN_LENGTH) {
            return Optional.empty();
        }
        final ByteBuffer buf = ByteBuffer.wrap(frame);
        final Mac ethDst = mac(buf);
        final Mac ethSrc = mac(buf);
        if ((buf.getShort() & 0xFFFF) != ETH_TYPE_IPV6 || (buf.get(ETHERNET_HEADER) & 0xF0) != 0x60) {
            return Optional.empty();
        }
        final int payloadLength = buf.getShort(ETHERNET_HEADER + 4) & 0xFFFF;
        final int nextHeader = buf.get(ETHERNET_HEADER + 6) & 0xFF;
        final int hopLimit = buf.get(ETHERNET_HEADER + 7) & 0xFF;
        final int icmp = ETHERNET_HEADER + IPV6_HEADER;
        if (nextHeader != NEXT_HEADER_ICMPV6 || hopLimit != HOP_LIMIT || payloadLength < 24
                || icmp + payloadLength > frame.length) {
            return Optional.empty();
        }
        buf.position(ETHERNET_HEADER + 8);
        final Ipv6 source = address(buf);
        final Ipv6 destination = address(buf);
        if ((buf.get(icmp) & 0xFF) != TYPE_SOLICITATION || buf.get(icmp + 1) != 0) {
            return Optional.empty();
        }
        if (Icmpv6.checksum(source, destination, frame, icmp, payloadLength) != 0) {
            return Optional.empty();
        }
        buf.position(icmp + 8);
        final Ipv6 target = address(buf);
        if (source.isUnspecified() || target.isMulticast()) {
            return Optional.empty();
        }
        return Optional.of(new NeighborSolicitation(ethSrc, ethDst, source, target));
    }

    private static Mac mac(final ByteBuffer buf) {
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = bits << 8 | buf.get() & 0xFF;
        }
        return new Mac(bits);
    }

    private static Ipv6 address(final ByteBuffer buf) {
        return new Ipv6(buf.getLong(), buf.getLong());
    }
}
