/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * An IPv4 or IPv6 host address.
 */
public sealed interface IpAddress permits Ipv4, Ipv6 {
    /**
     * The address's family.
     *
     * @return the family
     */
    Family family();

    /**
     * Parses an IPv4 dotted quad or IPv6 text, told apart by the colon.
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException if the text is neither
     */
    static IpAddress parse(final String text) {
        return text.indexOf(':') >= 0 ? Ipv6.parse(text) : Ipv4.parse(text);
    }
}
