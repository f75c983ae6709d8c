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
 * A configured IPv4 subnet with its default gateway.
 *
 * @param prefix the subnet
 * @param gatewayAddress the gateway's address
 * @param gatewayMac the MAC of the gateway's interface on this subnet
 */
public record Subnet(IpPrefix prefix, IpAddress gatewayAddress, Mac gatewayMac) {
    /**
     * Creates a subnet.
     *
     * @param prefix the subnet
     * @param gatewayAddress the gateway's address
     * @param gatewayMac the gateway's MAC
     */
    public Subnet {
        requireNonNull(prefix);
        requireNonNull(gatewayAddress);
        requireNonNull(gatewayMac);
        if (gatewayAddress.family() != prefix.family()) {
            throw new IllegalArgumentException("gateway " + gatewayAddress + " is not of " + prefix + "'s family");
        }
    }
}
