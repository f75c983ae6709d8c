/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * An IPv4 or IPv6 prefix.
 */
public sealed interface IpPrefix permits Ipv4Prefix, Ipv6Prefix {
    /**
     * The prefix's family.
     *
     * @return the family
     */
    Family family();

    /**
     * The prefix length.
     *
     * @return the length
     */
    int length();

    /**
     * Tells whether an address lies inside this prefix; an address of the other family never does.
     *
     * @param address the address
     * @return true if the address is inside
     */
    boolean contains(IpAddress address);

    /**
     * Parses an IPv4 or IPv6 prefix, told apart by the colon.
     *
     * @param text the prefix
     * @return the prefix
     * @throws IllegalArgumentException if the text is neither
     */
    static IpPrefix parse(final String text) {
        return text.indexOf(':') >= 0 ? Ipv6Prefix.parse(text) : Ipv4Prefix.parse(text);
    }
}
