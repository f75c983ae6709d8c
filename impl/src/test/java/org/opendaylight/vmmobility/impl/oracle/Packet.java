/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.oracle;

import java.util.Locale;

/**
 * The header fields of a packet as an OpenFlow 1.3 switch sees them: addresses as plain bits (IPv4 in an int, MAC
 * in the low 48 bits of a long), the ingress port and the metadata register. IPv4 fields are meaningful only for
 * {@link #ETH_IPV4}, ARP fields only for {@link #ETH_ARP}; the others are 0.
 *
 * @param inPort the ingress port
 * @param ethSrc the Ethernet source
 * @param ethDst the Ethernet destination
 * @param ethType the Ethernet type
 * @param ipv4Src the IPv4 source
 * @param ipv4Dst the IPv4 destination
 * @param arpOp the ARP opcode
 * @param arpSpa the ARP sender protocol address
 * @param arpTpa the ARP target protocol address
 * @param arpSha the ARP sender hardware address
 * @param arpTha the ARP target hardware address
 * @param metadata the OpenFlow metadata register
 */
public record Packet(long inPort, long ethSrc, long ethDst, int ethType, int ipv4Src, int ipv4Dst, int arpOp,
        int arpSpa, int arpTpa, long arpSha, long arpTha, long metadata) {
    /** IPv4's Ethernet type. */
    public static final int ETH_IPV4 = 0x0800;
    /** ARP's Ethernet type. */
    public static final int ETH_ARP = 0x0806;
    /** The broadcast MAC. */
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    /**
     * An IPv4 packet.
     *
     * @param inPort the ingress port
     * @param ethSrc the Ethernet source
     * @param ethDst the Ethernet destination
     * @param src the IPv4 source
     * @param dst the IPv4 destination
     * @return the packet, metadata 0
     */
    public static Packet ipv4(final long inPort, final long ethSrc, final long ethDst, final int src, final int dst) {
        return new Packet(inPort, ethSrc, ethDst, ETH_IPV4, src, dst, 0, 0, 0, 0, 0, 0);
    }

    /**
     * A broadcast ARP request.
     *
     * @param inPort the ingress port
     * @param senderMac the asker's MAC
     * @param senderAddress the asker's address
     * @param target the address asked for
     * @return the packet, metadata 0
     */
    public static Packet arpRequest(final long inPort, final long senderMac, final int senderAddress,
            final int target) {
        return new Packet(inPort, senderMac, BROADCAST, ETH_ARP, 0, 0, 1, senderAddress, target, senderMac, 0, 0);
    }

    /**
     * The same packet arriving on another port, with a clean metadata register (as on another switch).
     *
     * @param port the port
     * @return the packet
     */
    public Packet arrivingAt(final long port) {
        return new Packet(port, ethSrc, ethDst, ethType, ipv4Src, ipv4Dst, arpOp, arpSpa, arpTpa, arpSha, arpTha, 0);
    }

    /**
     * The same headers with another metadata register.
     *
     * @param value the register
     * @return the packet
     */
    public Packet withMetadata(final long value) {
        return new Packet(inPort, ethSrc, ethDst, ethType, ipv4Src, ipv4Dst, arpOp, arpSpa, arpTpa, arpSha, arpTha,
            value);
    }

    /**
     * Tells whether the headers a receiver sees (everything but the port and the register) are the same.
     *
     * @param other the other packet
     * @return true if equal
     */
    public boolean sameHeaders(final Packet other) {
        return arrivingAt(0).equals(other.arrivingAt(0));
    }

    /**
     * Formats an IPv4 address.
     *
     * @param bits the address
     * @return dotted quad
     */
    public static String ip(final int bits) {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }

    /**
     * Formats a MAC.
     *
     * @param bits the MAC
     * @return colon-separated hex
     */
    public static String mac(final long bits) {
        final StringBuilder sb = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            sb.append(String.format(Locale.ROOT, "%02x", bits >>> shift & 0xFF)).append(shift > 0 ? ":" : "");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        final String head = "in_port=" + inPort + " eth " + mac(ethSrc) + " > " + mac(ethDst);
        final String body = switch (ethType) {
            case ETH_IPV4 -> " ip " + ip(ipv4Src) + " > " + ip(ipv4Dst);
            case ETH_ARP -> " arp op=" + arpOp + " sha=" + mac(arpSha) + " spa=" + ip(arpSpa) + " tha="
                + mac(arpTha) + " tpa=" + ip(arpTpa);
            default -> " eth_type=0x" + Integer.toHexString(ethType);
        };
        return head + body + (metadata == 0 ? "" : " metadata=0x" + Long.toHexString(metadata));
    }
}
