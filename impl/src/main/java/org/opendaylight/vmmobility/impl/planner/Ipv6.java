/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

/**
 * An IPv6 address, held as its 128 bits in two halves.
 *
 * @param high bits 127..64 (the first eight octets, the first in the most significant byte)
 * @param low bits 63..0
 */
public record Ipv6(long high, long low) implements IpAddress, Comparable<Ipv6> {
    @Override
    public Family family() {
        return Family.IPV6;
    }

    private static final int GROUPS = 8;

    /**
     * Parses an address in the text forms of RFC 4291 section 2.2: eight groups of up to four hex digits, one
     * {@code ::} for a run of zero groups, and a dotted-quad IPv4 address in place of the last two groups. No zone
     * ({@code %eth0}) and no prefix length.
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException if the text is not an IPv6 address
     */
    public static Ipv6 parse(final String text) {
        requireNonNull(text);
        final int[] groups = new int[GROUPS];
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw notAnAddress(text);
        }
        if (gap < 0) {
            if (fill(text, text, groups, 0) != GROUPS) {
                throw notAnAddress(text);
            }
        } else {
            final int[] tail = new int[GROUPS];
            if (text.substring(0, gap).indexOf('.') >= 0) {
                // a dotted quad only ends an address
                throw notAnAddress(text);
            }
            final int before = text.substring(0, gap).isEmpty() ? 0 : fill(text, text.substring(0, gap), groups, 0);
            final int after = text.substring(gap + 2).isEmpty() ? 0 : fill(text, text.substring(gap + 2), tail, 0);
            // "::" stands for at least one zero group
            if (before + after > GROUPS - 1) {
                throw notAnAddress(text);
            }
            System.arraycopy(tail, 0, groups, GROUPS - after, after);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < GROUPS / 2; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + GROUPS / 2];
        }
        return new Ipv6(high, low);
    }

    /** Reads colon-separated groups (the last may be a dotted quad, worth two) into groups from index from. */
    private static int fill(final String whole, final String part, final int[] groups, final int from) {
        final String[] fields = part.split(":", -1);
        int index = from;
        for (int i = 0; i < fields.length; i++) {
            final String field = fields[i];
            if (i == fields.length - 1 && field.indexOf('.') >= 0) {
                if (index + 2 > GROUPS) {
                    throw notAnAddress(whole);
                }
                final int bits;
                try {
                    bits = Ipv4.parse(field).bits();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not an IPv6 address: " + whole, e);
                }
                groups[index++] = bits >>> 16;
                groups[index++] = bits & 0xFFFF;
                continue;
            }
            if (field.isEmpty() || field.length() > 4 || index >= GROUPS
                || !field.chars().allMatch(Ipv6::isHexDigit)) {
                throw notAnAddress(whole);
            }
            groups[index++] = Integer.parseInt(field, 16);
        }
        return index - from;
    }

    private static boolean isHexDigit(final int ch) {
        return ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F';
    }

    private static IllegalArgumentException notAnAddress(final String text) {
        return new IllegalArgumentException("not an IPv6 address: " + text);
    }

    /**
     * One of the eight 16-bit groups.
     *
     * @param index 0 (the first) to 7
     * @return the group's value
     */
    public int group(final int index) {
        final long half = index < GROUPS / 2 ? high : low;
        return (int) (half >>> 16 * (GROUPS / 2 - 1 - index % (GROUPS / 2)) & 0xFFFF);
    }

    /**
     * The unspecified address {@code ::}.
     *
     * @return true for ::
     */
    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /**
     * The loopback address {@code ::1}.
     *
     * @return true for ::1
     */
    public boolean isLoopback() {
        return high == 0 && low == 1;
    }

    /**
     * A multicast address (ff00::/8).
     *
     * @return true if multicast
     */
    public boolean isMulticast() {
        return high >>> 56 == 0xFF;
    }

    /**
     * A link-local unicast address (fe80::/10).
     *
     * @return true if link-local
     */
    public boolean isLinkLocal() {
        return high >>> 54 == 0x3FA;
    }

    /**
     * An IPv4-mapped address (::ffff:0:0/96).
     *
     * @return true if IPv4-mapped
     */
    public boolean isIpv4Mapped() {
        return high == 0 && low >>> 32 == 0xFFFF;
    }

    @Override
    public int compareTo(final Ipv6 other) {
        final int cmp = Long.compareUnsigned(high, other.high);
        return cmp != 0 ? cmp : Long.compareUnsigned(low, other.low);
    }

    /**
     * The text form of RFC 5952: lower-case hex without leading zeros, the longest run of two or more zero groups
     * (the first of equal runs) as {@code ::}.
     */
    @Override
    public String toString() {
        if (isIpv4Mapped()) {
            // RFC 5952 section 5: mixed notation for IPv4-mapped addresses
            return "::ffff:" + new Ipv4((int) low);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < GROUPS; start++) {
            int length = 0;
            while (start + length < GROUPS && group(start + length) == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
            start += length;
        }
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(group(i)));
        }
        return text.toString();
    }
}
