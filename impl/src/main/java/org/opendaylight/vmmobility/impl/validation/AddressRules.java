/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.IpAddress;
import org.opendaylight.vmmobility.impl.planner.IpPrefix;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv4Prefix;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Ipv6Prefix;
import org.opendaylight.vmmobility.impl.planner.Mac;

/**
 * Values that are well-formed but cannot belong to a VM or a gateway: the answer is what is wrong, for the admin,
 * or null when the value is fine.
 */
public final class AddressRules {
    private static final long MAC_BROADCAST = 0xFFFF_FFFF_FFFFL;
    private static final long MAC_GROUP_BIT = 0x0100_0000_0000L;

    private AddressRules() {
        // utility class
    }

    /**
     * Why an address cannot be a VM's address or a gateway, if it cannot.
     *
     * @param address the address
     * @return the problem, or null if the address is a unicast host address
     */
    public static @Nullable String hostProblem(final IpAddress address) {
        return switch (address) {
            case Ipv4 ipv4 -> hostProblem(ipv4);
            case Ipv6 ipv6 -> hostProblem(ipv6);
        };
    }

    /**
     * Why an IPv6 address cannot be a VM's address or a gateway, if it cannot. Documentation addresses
     * (2001:db8::/32) are allowed.
     *
     * @param address the address
     * @return the problem, or null if the address is a global or unique-local unicast address
     */
    public static @Nullable String hostProblem(final Ipv6 address) {
        if (address.isUnspecified()) {
            return address + " is the unspecified address (::)";
        }
        if (address.isLoopback()) {
            return address + " is the loopback address (::1)";
        }
        if (address.isMulticast()) {
            return address + " is a multicast address (ff00::/8)";
        }
        if (address.isLinkLocal()) {
            return address + " is a link-local address (fe80::/10): every interface has one, it cannot be kept "
                + "across subnets";
        }
        if (address.isIpv4Mapped()) {
            return address + " is an IPv4-mapped address (::ffff:0:0/96): give the IPv4 address as home-address";
        }
        return null;
    }

    /**
     * Why an IPv4 address cannot be a host's (a VM's or a gateway's).
     *
     * @param address the address
     * @return the reason, or null if it can be a unicast host address
     */
    public static @Nullable String hostProblem(final Ipv4 address) {
        final int bits = address.bits();
        final int first = bits >>> 24;
        if (bits == 0) {
            return address + " is the unspecified address";
        }
        if (bits == 0xFFFF_FFFF) {
            return address + " is the broadcast address";
        }
        if (first == 0) {
            return address + " is in 0.0.0.0/8 (this network), not a host address";
        }
        if (first == 127) {
            return address + " is a loopback address (127.0.0.0/8)";
        }
        if (first >= 224 && first <= 239) {
            return address + " is a multicast address (224.0.0.0/4)";
        }
        if (first >= 240) {
            return address + " is a reserved address (240.0.0.0/4)";
        }
        return null;
    }

    /**
     * Why a MAC address cannot be a VM's or a gateway's.
     *
     * @param mac the address
     * @return the reason, or null if it is a unicast address
     */
    public static @Nullable String macProblem(final Mac mac) {
        if (mac.bits() == 0) {
            return "the all-zero MAC 00:00:00:00:00:00 is no interface's address";
        }
        if (mac.bits() == MAC_BROADCAST) {
            return mac + " is the broadcast MAC";
        }
        if ((mac.bits() & MAC_GROUP_BIT) != 0) {
            return mac + " is a multicast MAC (the first octet is odd)";
        }
        return null;
    }

    /**
     * Why an address cannot be a subnet's gateway, if it cannot; the gateway is of the prefix's family and inside it.
     *
     * @param prefix the subnet
     * @param gateway the gateway's address
     * @return the problem, or null
     */
    public static @Nullable String gatewayProblem(final IpPrefix prefix, final IpAddress gateway) {
        if (prefix instanceof Ipv4Prefix ipv4Prefix && gateway instanceof Ipv4 ipv4) {
            return gatewayProblem(ipv4Prefix, ipv4);
        }
        if (prefix instanceof Ipv6Prefix ipv6Prefix && gateway instanceof Ipv6 ipv6) {
            final String host = hostProblem(ipv6);
            if (host != null || prefix.length() >= 127) {
                return host;
            }
            if (ipv6.equals(ipv6Prefix.network())) {
                return gateway + " is the Subnet-Router anycast address of subnet " + prefix + " (RFC 4291 2.6.1)";
            }
            return null;
        }
        return gateway + " is not of subnet " + prefix + "'s family";
    }

    /**
     * Why an address cannot be the gateway of a subnet: a host problem, or the subnet's network or broadcast address
     * (for prefixes up to /30; /31 and /32 have no such addresses, RFC 3021).
     *
     * @param prefix the subnet
     * @param gateway the gateway address
     * @return the reason, or null if it can be the gateway
     */
    public static @Nullable String gatewayProblem(final Ipv4Prefix prefix, final Ipv4 gateway) {
        final String host = hostProblem(gateway);
        if (host != null || prefix.length() > 30) {
            return host;
        }
        final int network = prefix.network().bits();
        final int broadcast = network | (int) ((1L << (32 - prefix.length())) - 1);
        if (gateway.bits() == network) {
            return gateway + " is the network address of subnet " + prefix;
        }
        if (gateway.bits() == broadcast) {
            return gateway + " is the broadcast address of subnet " + prefix;
        }
        return null;
    }
}
