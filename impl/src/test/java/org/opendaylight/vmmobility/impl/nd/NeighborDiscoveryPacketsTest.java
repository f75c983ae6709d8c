/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.nd;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;

/**
 * The Neighbor Advertisement built for a solicitation, byte for byte, and the solicitations answered or not. The
 * checksums were computed independently (Python, RFC 4443 2.3 over the RFC 8200 pseudo-header).
 */
public class NeighborDiscoveryPacketsTest {
    private static final Mac GATEWAY = Mac.parse("00:00:5e:00:02:01");
    private static final Mac MEMBER = Mac.parse("52:54:00:00:00:10");
    private static final Ipv6 HOME = Ipv6.parse("2001:db8:1::30");
    private static final Ipv6 MEMBER_ADDRESS = Ipv6.parse("2001:db8:1::10");
    private static final Ipv6 SOLICITED_NODE = Ipv6.parse("ff02::1:ff00:30");

    @Test
    public void answerIsASolicitedOverridingAdvertisementWithTheNextHop() {
        // as the ND flow hands it over: Ethernet source the next hop, destination the member
        final NeighborSolicitation solicitation = NeighborSolicitation.parse(solicitation(GATEWAY, MEMBER,
            MEMBER_ADDRESS, SOLICITED_NODE, 255, 0, true)).orElseThrow();
        final byte[] frame = NeighborAdvertisement.answer(solicitation);
        final ByteBuffer buf = ByteBuffer.wrap(frame);
        assertEquals(86, frame.length);
        assertArrayEquals(bytes("525400000010" + "00005e000201" + "86dd"), slice(frame, 0, 14));
        // IPv6: version 6, payload 32, ICMPv6, hop limit 255, from the home address to the member
        assertEquals(0x6000_0000, buf.getInt(14));
        assertEquals(32, buf.getShort(18));
        assertEquals(58, frame[20]);
        assertEquals((byte) 255, frame[21]);
        assertEquals(HOME, new Ipv6(buf.getLong(22), buf.getLong(30)));
        assertEquals(MEMBER_ADDRESS, new Ipv6(buf.getLong(38), buf.getLong(46)));
        // ICMPv6: type 136, code 0, the checksum, S and O set (R clear), the target, option 2 with the next hop
        assertArrayEquals(bytes("8800" + "2c04" + "60000000" + "20010db8000100000000000000000030" + "0201"
            + "00005e000201"), slice(frame, 54, 32));
        assertEquals(0, Icmpv6.checksum(HOME, MEMBER_ADDRESS, frame, 54, 32));
    }

    @Test
    public void readsAValidSolicitation() {
        final byte[] frame = solicitation(MEMBER, Mac.parse("33:33:ff:00:00:30"), MEMBER_ADDRESS, SOLICITED_NODE,
            255, 0, true);
        // the checksum this class computes is the one computed independently
        assertEquals(0xcb56, ByteBuffer.wrap(frame).getShort(56) & 0xFFFF);
        assertEquals(Optional.of(new NeighborSolicitation(MEMBER, Mac.parse("33:33:ff:00:00:30"), MEMBER_ADDRESS,
            HOME)), NeighborSolicitation.parse(frame));
    }

    @Test
    public void answersNoInvalidSolicitationAndNoDuplicateAddressDetection() {
        final Mac dst = Mac.parse("33:33:ff:00:00:30");
        // Duplicate Address Detection: from ::
        assertEquals(Optional.empty(), NeighborSolicitation.parse(solicitation(MEMBER, dst, Ipv6.parse("::"),
            SOLICITED_NODE, 255, 0, true)));
        // forwarded by a router (RFC 4861 7.1.1: hop limit 255 only)
        assertEquals(Optional.empty(), NeighborSolicitation.parse(solicitation(MEMBER, dst, MEMBER_ADDRESS,
            SOLICITED_NODE, 254, 0, true)));
        // code other than 0
        assertEquals(Optional.empty(), NeighborSolicitation.parse(solicitation(MEMBER, dst, MEMBER_ADDRESS,
            SOLICITED_NODE, 255, 1, true)));
        // a wrong checksum
        assertEquals(Optional.empty(), NeighborSolicitation.parse(solicitation(MEMBER, dst, MEMBER_ADDRESS,
            SOLICITED_NODE, 255, 0, false)));
        // not even IPv6
        final byte[] arp = solicitation(MEMBER, dst, MEMBER_ADDRESS, SOLICITED_NODE, 255, 0, true);
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertEquals(Optional.empty(), NeighborSolicitation.parse(arp));
        assertEquals(Optional.empty(), NeighborSolicitation.parse(new byte[10]));
    }

    /** A solicitation for HOME with the member's link-layer address option. */
    static byte[] solicitation(final Mac ethSrc, final Mac ethDst, final Ipv6 source, final Ipv6 destination,
            final int hopLimit, final int code, final boolean rightChecksum) {
        final byte[] frame = new byte[14 + 40 + 32];
        final ByteBuffer buf = ByteBuffer.wrap(frame);
        putMac(buf, ethDst);
        putMac(buf, ethSrc);
        buf.putShort((short) 0x86dd);
        buf.putInt(0x6000_0000);
        buf.putShort((short) 32);
        buf.put((byte) 58);
        buf.put((byte) hopLimit);
        buf.putLong(source.high()).putLong(source.low()).putLong(destination.high()).putLong(destination.low());
        buf.put((byte) 135).put((byte) code).putShort((short) 0).putInt(0);
        buf.putLong(HOME.high()).putLong(HOME.low());
        buf.put((byte) 1).put((byte) 1);
        putMac(buf, MEMBER);
        final int checksum = Icmpv6.checksum(source, destination, frame, 54, 32);
        buf.putShort(56, (short) (rightChecksum ? checksum : checksum ^ 1));
        assertTrue(!rightChecksum || Icmpv6.checksum(source, destination, frame, 54, 32) == 0);
        return frame;
    }

    private static void putMac(final ByteBuffer buf, final Mac mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            buf.put((byte) (mac.bits() >>> shift));
        }
    }

    private static byte[] slice(final byte[] frame, final int from, final int length) {
        final byte[] part = new byte[length];
        System.arraycopy(frame, from, part, 0, length);
        return part;
    }

    private static byte[] bytes(final String hex) {
        final byte[] result = new byte[hex.length() / 2];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return result;
    }
}
