/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;

/**
 * An Ethernet MAC address, held in the low 48 bits of a long.
 *
 * @param bits the address, the first octet in bits 47..40
 */
public record Mac(long bits) {
    /**
     * Creates a MAC address.
     *
     * @param bits the address in the low 48 bits
     */
    public Mac {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(bits));
        }
    }

    /**
     * Parses a MAC address such as {@code 52:54:00:ab:cd:ef} (either case).
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException if the text is not a colon-separated MAC address
     */
    public static Mac parse(final String text) {
        requireNonNull(text);
        final String[] octets = text.split(":", -1);
        if (octets.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long bits = 0;
        for (String octet : octets) {
            if (octet.length() != 2 || !octet.chars().allMatch(Character::isLetterOrDigit)) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            try {
                bits = bits << 8 | HexFormat.fromHexDigits(octet);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a MAC address: " + text, e);
            }
        }
        return new Mac(bits);
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift != 40) {
                sb.append(':');
            }
            sb.append(HexFormat.of().toHexDigits((byte) (bits >>> shift)));
        }
        return sb.toString();
    }

    /**
     * The link-local IPv6 address a host derives from this MAC (RFC 4291 appendix A, modified EUI-64: fe80::/64 with
     * ff:fe in the middle of the MAC and its universal/local bit flipped). Linux sends its Neighbor Unreachability
     * Detection probes from it, so a Neighbor Discovery answer for a member must also match it.
     *
     * @return fe80::xxxx:xxff:fexx:xxxx
     */
    public Ipv6 eui64LinkLocal() {
        final long upper = bits >>> 24 ^ 0x02_0000L;
        final long lower = bits & 0xFF_FFFFL;
        return new Ipv6(0xFE80_0000_0000_0000L, upper << 40 | 0xFF_FEL << 24 | lower);
    }
}
