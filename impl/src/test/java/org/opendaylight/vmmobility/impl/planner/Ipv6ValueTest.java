/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * The IPv6 value types of issue 17: parsing every text form of RFC 4291, printing RFC 5952's, the special ranges the
 * validation refuses, and prefixes.
 */
public class Ipv6ValueTest {
    /** A Unicode digit that Character.digit accepts as hex 3, and an address may not contain. */
    private static final String ARABIC_INDIC_THREE = String.valueOf((char) 0x0663);

    @Test
    public void parsesEveryTextFormAndPrintsTheCanonicalOne() {
        assertEquals("2001:db8::1", Ipv6.parse("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("2001:db8::1", Ipv6.parse("2001:db8::1").toString());
        assertEquals("::", Ipv6.parse("::").toString());
        assertEquals("::1", Ipv6.parse("::1").toString());
        assertEquals("fe80::", Ipv6.parse("fe80::").toString());
        // "::" for a single zero group is accepted but never printed (RFC 5952 4.2.2)
        assertEquals("1:2:3:4:5:6:7:0", Ipv6.parse("1:2:3:4:5:6:7::").toString());
        // one zero group is not shortened; of two equal runs the first is
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6.parse("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:db8::1:0:0:1", Ipv6.parse("2001:db8:0:0:1:0:0:1").toString());
        // the longest run wins
        assertEquals("2001:0:0:1::1", Ipv6.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals(Ipv6.parse("::ffff:a00:101"), Ipv6.parse("::ffff:10.0.1.1"));
        assertEquals(0xa00, Ipv6.parse("::ffff:10.0.1.1").group(6));
    }

    @Test
    public void refusesWhatIsNotAnAddress() {
        for (String bad : List.of("", ":", ":::", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8::", "12345::", "g::1", "0x1::", "::1%eth0", "2001:db8::/64", "10.0.1.1::",
                "::10.0.1", "::1.2.3.256", "1:2:3:4:5:6:7:1.2.3.4", ARABIC_INDIC_THREE + "::1", " ::1")) {
            assertThrows(bad, IllegalArgumentException.class, () -> Ipv6.parse(bad));
        }
    }

    @Test
    public void agreesWithTheJdkOnRandomAddresses() throws Exception {
        final Random random = new Random(17);
        for (int i = 0; i < 10_000; i++) {
            final byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            // runs of zero groups, so that "::" appears
            for (int group = 0; group < 8; group++) {
                if (random.nextInt(3) == 0) {
                    bytes[2 * group] = 0;
                    bytes[2 * group + 1] = 0;
                }
            }
            if (bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF) {
                // the JDK turns IPv4-mapped addresses into IPv4 ones
                continue;
            }
            // the JDK prints every group, uncompressed; it reads ours back to the same bytes
            final Ipv6 parsed = Ipv6.parse(Inet6Address.getByAddress(null, bytes, null).getHostAddress());
            assertArrayEquals(parsed.toString(), bytes, InetAddress.getByName(parsed.toString()).getAddress());
            assertEquals(parsed, Ipv6.parse(parsed.toString()));
            for (int group = 0; group < 8; group++) {
                assertEquals((bytes[2 * group] & 0xFF) << 8 | bytes[2 * group + 1] & 0xFF, parsed.group(group));
            }
        }
    }

    @Test
    public void namesTheRangesAHomeAddressMayNotBeIn() {
        assertTrue(Ipv6.parse("::").isUnspecified());
        assertTrue(Ipv6.parse("::1").isLoopback());
        assertTrue(Ipv6.parse("ff02::1").isMulticast());
        assertTrue(Ipv6.parse("fe80::1").isLinkLocal());
        assertTrue(Ipv6.parse("febf:ffff::1").isLinkLocal());
        assertFalse(Ipv6.parse("fec0::1").isLinkLocal());
        assertTrue(Ipv6.parse("::ffff:10.0.1.1").isIpv4Mapped());
        final Ipv6 documentation = Ipv6.parse("2001:db8:1::10");
        assertFalse(documentation.isUnspecified() || documentation.isLoopback() || documentation.isMulticast()
            || documentation.isLinkLocal() || documentation.isIpv4Mapped());
    }

    @Test
    public void prefixesClearHostBitsAndContainTheirAddresses() {
        final Ipv6Prefix subnet = Ipv6Prefix.parse("2001:db8:1::99/64");
        assertEquals("2001:db8:1::/64", subnet.toString());
        assertTrue(subnet.contains(Ipv6.parse("2001:db8:1::10")));
        assertTrue(subnet.contains(Ipv6.parse("2001:db8:1:0:ffff:ffff:ffff:ffff")));
        assertFalse(subnet.contains(Ipv6.parse("2001:db8:2::10")));
        assertEquals("2001:db8:1::/48", Ipv6Prefix.parse("2001:db8:1:ff::/48").toString());
        assertEquals("2001:db8::1:0:0/96", Ipv6Prefix.parse("2001:db8::1:2:3/96").toString());
        assertTrue(Ipv6Prefix.parse("::/0").contains(Ipv6.parse("ff02::1")));
        final Ipv6Prefix host = Ipv6Prefix.parse("2001:db8::1/128");
        assertTrue(host.contains(Ipv6.parse("2001:db8::1")));
        assertFalse(host.contains(Ipv6.parse("2001:db8::2")));
        assertTrue(Ipv6Prefix.parse("2001:db8:1:2:3:4:5:6/127").contains(Ipv6.parse("2001:db8:1:2:3:4:5:7")));
        for (String bad : List.of("2001:db8::/129", "2001:db8::", "2001:db8::/", "2001:db8::/-1", "2001:db8::/1000",
                "10.0.1.0/24")) {
            assertThrows(bad, IllegalArgumentException.class, () -> Ipv6Prefix.parse(bad));
        }
    }

    @Test
    public void aMacGivesTheLinkLocalAddressLinuxDerivesFromIt() {
        // as `ip -6 addr` showed them for veths with these MACs in a namespace here (kernel 6.18, eui64 mode)
        assertEquals("fe80::ff:fe00:1", Mac.parse("02:00:00:00:00:01").eui64LinkLocal().toString());
        assertEquals("fe80::200:ff:fe00:1", Mac.parse("00:00:00:00:00:01").eui64LinkLocal().toString());
        assertEquals("fe80::5054:ff:fe12:3456", Mac.parse("52:54:00:12:34:56").eui64LinkLocal().toString());
        assertTrue(Mac.parse("52:54:00:12:34:56").eui64LinkLocal().isLinkLocal());
    }
}
