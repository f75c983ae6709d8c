/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.nd;

import java.nio.ByteBuffer;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;

/**
 * Builds the Neighbor Advertisement (RFC 4861 section 4.4) that answers a solicitation for a migrated VM's home
 * address: solicited and override set (a cached entry for the VM's old MAC is replaced, section 7.2.5), router
 * clear (the home address is a host), and the target link-layer address option.
 */
public final class NeighborAdvertisement {
    /** The frame's length: Ethernet, IPv6, the 24-byte advertisement and its 8-byte option. */
    public static final int LENGTH = NeighborSolicitation.ETHERNET_HEADER + NeighborSolicitation.IPV6_HEADER + 32;
    private static final int TYPE_ADVERTISEMENT = 136;
    private static final int SOLICITED_OVERRIDE = 0x6000_0000;
    private static final int OPTION_TARGET_LINK_LAYER = 2;

    private NeighborAdvertisement() {
        // utility class
    }

    /**
     * The answer to a solicitation that the switch sent with the next hop as its Ethernet source and the solicitor
     * as its Ethernet destination (the ND flows set both).
     *
     * @param solicitation the solicitation, as the switch sent it
     * @return the frame to send out of the port the solicitation came in on
     */
    public static byte[] answer(final NeighborSolicitation solicitation) {
        return build(solicitation.ethSrc(), solicitation.ethDst(), solicitation.target(), solicitation.source());
    }

    /**
     * Builds an advertisement.
     *
     * @param nextHop the MAC the target is reached at (Ethernet source and target link-layer address)
     * @param solicitor the solicitor's MAC (Ethernet destination)
     * @param target the target address (also the IPv6 source)
     * @param to the solicitor's address (the IPv6 destination)
     * @return the frame
     */
    static byte[] build(final Mac nextHop, final Mac solicitor, final Ipv6 target, final Ipv6 to) {
        final byte[] frame = new byte[LENGTH];
        final ByteBuffer buf = ByteBuffer.wrap(frame);
        putMac(buf, solicitor);
        putMac(buf, nextHop);
        buf.putShort((short) NeighborSolicitation.ETH_TYPE_IPV6);
        buf.putInt(0x6000_0000);
        buf.putShort((short) 32);
        buf.put((byte) NeighborSolicitation.NEXT_HEADER_ICMPV6);
        buf.put((byte) NeighborSolicitation.HOP_LIMIT);
        putAddress(buf, target);
        putAddress(buf, to);
        final int icmp = buf.position();
        buf.put((byte) TYPE_ADVERTISEMENT);
        buf.put((byte) 0);
        buf.putShort((short) 0);
        buf.putInt(SOLICITED_OVERRIDE);
        putAddress(buf, target);
        buf.put((byte) OPTION_TARGET_LINK_LAYER);
        buf.put((byte) 1);
        putMac(buf, nextHop);
        buf.putShort(icmp + 2, (short) Icmpv6.checksum(target, to, frame, icmp, 32));
        return frame;
    }

    private static void putMac(final ByteBuffer buf, final Mac mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            buf.put((byte) (mac.bits() >>> shift));
        }
    }

    private static void putAddress(final ByteBuffer buf, final Ipv6 address) {
        buf.putLong(address.high());
        buf.putLong(address.low());
    }
}
