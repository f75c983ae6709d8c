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
 * An IPv4 prefix (a subnet such as {@code 10.0.1.0/24}); host bits of the network address are cleared.
 *
 * @param network the network address
 * @param length the prefix length, 0 to 32
 */
public record Ipv4Prefix(Ipv4 network, int length) implements IpPrefix, Comparable<Ipv4Prefix> {
    @Override
    public Family family() {
        return Family.IPV4;
    }

    /**
     * Creates a prefix, clearing the host bits of the network address.
     *
     * @param network the network address
     * @param length the prefix length, 0 to 32
     */
    public Ipv4Prefix {
        requireNonNull(network);
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        network = new Ipv4(network.bits() & mask(length));
    }

    /**
     * Parses a prefix such as {@code 10.0.1.0/24}.
     *
     * @param text the prefix
     * @return the prefix
     * @throws IllegalArgumentException if the text is not an IPv4 prefix
     */
    public static Ipv4Prefix parse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv4 prefix: " + text);
        }
        final String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("not an IPv4 prefix: " + text);
        }
        return new Ipv4Prefix(Ipv4.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    /**
     * Tells whether an address lies inside this prefix.
     *
     * @param address the address
     * @return true if the address is inside
     */
    public boolean contains(final Ipv4 address) {
        return (address.bits() & mask(length)) == network.bits();
    }

    @Override
    public boolean contains(final IpAddress address) {
        return address instanceof Ipv4 ipv4 && contains(ipv4);
    }

    @Override
    public int compareTo(final Ipv4Prefix other) {
        final int cmp = network.compareTo(other.network);
        return cmp != 0 ? cmp : Integer.compare(length, other.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }

    private static int mask(final int length) {
        return length == 0 ? 0 : -1 << 32 - length;
    }
}
