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
 * An IPv6 prefix (a subnet such as {@code 2001:db8:1::/64}); host bits of the network address are cleared.
 *
 * @param network the network address
 * @param length the prefix length, 0 to 128
 */
public record Ipv6Prefix(Ipv6 network, int length) implements IpPrefix, Comparable<Ipv6Prefix> {
    @Override
    public Family family() {
        return Family.IPV6;
    }

    /**
     * Creates a prefix, clearing the host bits of the network address.
     *
     * @param network the network address
     * @param length the prefix length, 0 to 128
     */
    public Ipv6Prefix {
        requireNonNull(network);
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        network = new Ipv6(network.high() & highMask(length), network.low() & lowMask(length));
    }

    /**
     * Parses a prefix such as {@code 2001:db8:1::/64}.
     *
     * @param text the prefix
     * @return the prefix
     * @throws IllegalArgumentException if the text is not an IPv6 prefix
     */
    public static Ipv6Prefix parse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv6 prefix: " + text);
        }
        final String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("not an IPv6 prefix: " + text);
        }
        return new Ipv6Prefix(Ipv6.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    /**
     * Tells whether an address lies inside this prefix.
     *
     * @param address the address
     * @return true if the address is inside
     */
    public boolean contains(final Ipv6 address) {
        return (address.high() & highMask(length)) == network.high()
            && (address.low() & lowMask(length)) == network.low();
    }

    @Override
    public boolean contains(final IpAddress address) {
        return address instanceof Ipv6 ipv6 && contains(ipv6);
    }

    @Override
    public int compareTo(final Ipv6Prefix other) {
        final int cmp = network.compareTo(other.network);
        return cmp != 0 ? cmp : Integer.compare(length, other.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }

    private static long highMask(final int length) {
        return length == 0 ? 0 : length >= 64 ? -1L : -1L << 64 - length;
    }

    private static long lowMask(final int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << 128 - length;
    }
}
