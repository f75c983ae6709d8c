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
 * An IPv4 address, held as its 32 bits.
 *
 * @param bits the address in network order (the first octet in the most significant byte)
 */
public record Ipv4(int bits) implements IpAddress, Comparable<Ipv4> {
    @Override
    public Family family() {
        return Family.IPV4;
    }

    /**
     * Parses a dotted-quad address such as {@code 10.0.1.5}.
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException if the text is not a dotted-quad IPv4 address
     */
    public static Ipv4 parse(final String text) {
        requireNonNull(text);
        final String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int bits = 0;
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            final int value = Integer.parseInt(octet);
            if (value > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            bits = bits << 8 | value;
        }
        return new Ipv4(bits);
    }

    @Override
    public int compareTo(final Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }
}
