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
 * An unsolicited Neighbor Advertisement (RFC 4861 section 7.2.6): a node telling its link that an address it holds
 * is at its MAC, as Linux sends one when an address comes up (net.ipv6.conf.*.ndisc_notify) from that address to
 * all nodes. Only a valid advertisement (section 7.1.2: hop limit 255, code 0, right checksum) with the Solicited
 * flag clear, sent from the address it announces (a global one), whose target link-layer option, if any, is the
 * frame's source.
 *
 * @param mac the frame's source
 * @param address the announced address (the target, and the packet's source)
 */
public record UnsolicitedAdvertisement(Mac mac, Ipv6 address) {
    private static final int TYPE_ADVERTISEMENT = 136;
    private static final int FLAG_SOLICITED = 0x40;
    private static final int FLAG_OVERRIDE = 0x20;
    private static final int OPTION_TARGET_LINK_LAYER = 2;
    private static final int MESSAGE_LENGTH = 24;
    private static final Ipv6 ALL_NODES = Ipv6.parse("ff02::1");

    /**
     * Creates an advertisement.
     *
     * @param mac the MAC
     * @param address the address
     */
    public UnsolicitedAdvertisement {
        requireNonNull(mac);
        requireNonNull(address);
    }

    /**
     * Reads a frame.
     *
     * @param frame the Ethernet frame as the switch sent it
     * @return the advertisement, or empty if the frame is no valid unsolicited advertisement of a global address
     */
    public static Optional<UnsolicitedAdvertisement> parse(final byte[] frame) {
        final int icmp = NeighborSolicitation.ETHERNET_HEADER + NeighborSolicitation.IPV6_HEADER;
        if (frame.length < icmp + MESSAGE_LENGTH) {
            return Optional.empty();
        }
        final ByteBuffer buf = ByteBuffer.wrap(frame);
        final Mac source = new Mac(buf.getLong(4) & 0xFFFF_FFFF_FFFFL);
        if ((buf.getShort(12) & 0xFFFF) != NeighborSolicitation.ETH_TYPE_IPV6
                || (buf.get(NeighborSolicitation.ETHERNET_HEADER) & 0xF0) != 0x60) {
            return Optional.empty();
        }
        final int ip = NeighborSolicitation.ETHERNET_HEADER;
        final int payloadLength = buf.getShort(ip + 4) & 0xFFFF;
        if ((buf.get(ip + 6) & 0xFF) != NeighborSolicitation.NEXT_HEADER_ICMPV6
                || (buf.get(ip + 7) & 0xFF) != NeighborSolicitation.HOP_LIMIT || payloadLength < MESSAGE_LENGTH
                || icmp + payloadLength > frame.length) {
            return Optional.empty();
        }
        final Ipv6 sender = new Ipv6(buf.getLong(ip + 8), buf.getLong(ip + 16));
        final Ipv6 destination = new Ipv6(buf.getLong(ip + 24), buf.getLong(ip + 32));
        if ((buf.get(icmp) & 0xFF) != TYPE_ADVERTISEMENT || buf.get(icmp + 1) != 0
                || Icmpv6.checksum(sender, destination, frame, icmp, payloadLength) != 0
                || (buf.get(icmp + 4) & FLAG_SOLICITED) != 0) {
            return Optional.empty();
        }
        final Ipv6 target = new Ipv6(buf.getLong(icmp + 8), buf.getLong(icmp + 16));
        if (!target.equals(sender) || target.isUnspecified() || target.isMulticast() || target.isLinkLocal()
                || target.isLoopback()) {
            return Optional.empty();
        }
        // options: each at least 8 bytes; a target link-layer option must name the frame's source
        int at = icmp + MESSAGE_LENGTH;
        while (at + 2 <= icmp + payloadLength) {
            final int type = buf.get(at) & 0xFF;
            final int length = (buf.get(at + 1) & 0xFF) * 8;
            if (length == 0 || at + length > icmp + payloadLength) {
                return Optional.empty();
            }
            if (type == OPTION_TARGET_LINK_LAYER && (length != 8
                    || new Mac(buf.getLong(at) & 0xFFFF_FFFF_FFFFL).bits() != source.bits())) {
                return Optional.empty();
            }
            at += length;
        }
        return Optional.of(new UnsolicitedAdvertisement(source, target));
    }

    /**
     * Builds the frame Linux sends (to all nodes, Override set, with the target link-layer option), for tests.
     *
     * @return the frame
     */
    public byte[] toFrame() {
        return toFrame(false);
    }

    /**
     * Builds the frame, with the Solicited flag as given, for tests.
     *
     * @param solicited whether the Solicited flag is set (which makes it no announcement)
     * @return the frame
     */
    public byte[] toFrame(final boolean solicited) {
        final int icmp = NeighborSolicitation.ETHERNET_HEADER + NeighborSolicitation.IPV6_HEADER;
        final int length = MESSAGE_LENGTH + 8;
        final ByteBuffer buf = ByteBuffer.allocate(icmp + length);
        buf.put(new byte[] {0x33, 0x33, 0, 0, 0, 1});
        putMac(buf, mac);
        buf.putShort((short) NeighborSolicitation.ETH_TYPE_IPV6);
        buf.putInt(0x6000_0000).putShort((short) length).put((byte) NeighborSolicitation.NEXT_HEADER_ICMPV6)
            .put((byte) NeighborSolicitation.HOP_LIMIT);
        buf.putLong(address.high()).putLong(address.low()).putLong(ALL_NODES.high()).putLong(ALL_NODES.low());
        buf.put((byte) TYPE_ADVERTISEMENT).put((byte) 0).putShort((short) 0)
            .put((byte) (FLAG_OVERRIDE | (solicited ? FLAG_SOLICITED : 0)))
            .put(new byte[3]);
        buf.putLong(address.high()).putLong(address.low());
        buf.put((byte) OPTION_TARGET_LINK_LAYER).put((byte) 1);
        putMac(buf, mac);
        final byte[] frame = buf.array();
        final int checksum = Icmpv6.checksum(address, ALL_NODES, frame, icmp, length);
        frame[icmp + 2] = (byte) (checksum >>> 8);
        frame[icmp + 3] = (byte) checksum;
        return frame;
    }

    private static void putMac(final ByteBuffer buf, final Mac mac) {
        buf.putShort((short) (mac.bits() >>> 32)).putInt((int) mac.bits());
    }
}
