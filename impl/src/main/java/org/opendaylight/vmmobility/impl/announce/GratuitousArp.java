/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.announce;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Mac;

/**
 * A gratuitous ARP (RFC 5227 section 3 "ARP Announcement", RFC 5944 4.6): a host telling its link which MAC holds an
 * address, as a request or a reply whose sender and target protocol addresses are that address. Only Ethernet/IPv4
 * ARP without a VLAN tag, whose sender hardware address is the frame's source.
 *
 * @param mac the announcing host's MAC (frame source and ARP sender)
 * @param address the address it announces
 * @param reply whether it came as an ARP reply (else a request)
 */
public record GratuitousArp(Mac mac, Ipv4 address, boolean reply) {
    private static final int ETHERNET_HEADER = 14;
    private static final int ARP_LENGTH = 28;
    private static final int ETH_TYPE_ARP = 0x0806;
    private static final int HTYPE_ETHERNET = 1;
    private static final int PTYPE_IPV4 = 0x0800;

    /**
     * Creates an announcement.
     *
     * @param mac the MAC
     * @param address the address
     * @param reply whether it was a reply
     */
    public GratuitousArp {
        requireNonNull(mac);
        requireNonNull(address);
    }

    /**
     * Reads a frame.
     *
     * @param frame the Ethernet frame as the switch sent it
     * @return the announcement, or empty if the frame is no gratuitous ARP (another ARP, a malformed one, a sender
     *         hardware address that is not the frame's source, the unspecified address)
     */
    public static Optional<GratuitousArp> parse(final byte[] frame) {
        if (frame.length < ETHERNET_HEADER + ARP_LENGTH || u16(frame, 12) != ETH_TYPE_ARP) {
            return Optional.empty();
        }
        final int arp = ETHERNET_HEADER;
        final int op = u16(frame, arp + 6);
        if (u16(frame, arp) != HTYPE_ETHERNET || u16(frame, arp + 2) != PTYPE_IPV4 || frame[arp + 4] != 6
                || frame[arp + 5] != 4 || op != 1 && op != 2) {
            return Optional.empty();
        }
        final long source = u48(frame, 6);
        final long sender = u48(frame, arp + 8);
        final int spa = u32(frame, arp + 14);
        final int tpa = u32(frame, arp + 24);
        if (source != sender || spa != tpa || spa == 0) {
            return Optional.empty();
        }
        return Optional.of(new GratuitousArp(new Mac(sender), new Ipv4(spa), op == 2));
    }

    /**
     * Builds the frame of an announcement (a broadcast request), for tests and tools.
     *
     * @return the 42-byte frame
     */
    public byte[] toFrame() {
        final byte[] frame = new byte[ETHERNET_HEADER + ARP_LENGTH];
        for (int i = 0; i < 6; i++) {
            frame[i] = (byte) 0xff;
        }
        put48(frame, 6, mac.bits());
        put16(frame, 12, ETH_TYPE_ARP);
        final int arp = ETHERNET_HEADER;
        put16(frame, arp, HTYPE_ETHERNET);
        put16(frame, arp + 2, PTYPE_IPV4);
        frame[arp + 4] = 6;
        frame[arp + 5] = 4;
        put16(frame, arp + 6, reply ? 2 : 1);
        put48(frame, arp + 8, mac.bits());
        put32(frame, arp + 14, address.bits());
        put32(frame, arp + 24, address.bits());
        return frame;
    }

    private static int u16(final byte[] bytes, final int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    private static int u32(final byte[] bytes, final int at) {
        return u16(bytes, at) << 16 | u16(bytes, at + 2);
    }

    private static long u48(final byte[] bytes, final int at) {
        return (long) u16(bytes, at) << 32 | u32(bytes, at + 2) & 0xffffffffL;
    }

    private static void put16(final byte[] bytes, final int at, final int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    private static void put32(final byte[] bytes, final int at, final int value) {
        put16(bytes, at, value >>> 16);
        put16(bytes, at + 2, value);
    }

    private static void put48(final byte[] bytes, final int at, final long value) {
        put16(bytes, at, (int) (value >>> 32));
        put32(bytes, at + 2, (int) value);
    }
}
