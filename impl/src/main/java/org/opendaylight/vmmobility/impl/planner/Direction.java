/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * Which rewrite of a migration a flow performs, in which address family (the YANG
 * {@code migration/state/translation} key's {@code direction} and {@code family}).
 */
public enum Direction {
    /** Peers' IPv4 packets to the home address, rewritten to the current address (table T+1). */
    TO_CURRENT(Family.IPV4),
    /** The VM's IPv4 packets, rewritten to come from the home address (table T+3). */
    FROM_CURRENT(Family.IPV4),
    /** ARP requests for the home address, answered on the switch (table T+1, ARP). */
    ARP_REPLY(Family.IPV4),
    /** Peers' IPv6 packets to the home IPv6 address, rewritten to the current one. */
    TO_CURRENT_IPV6(Family.IPV6),
    /** The VM's IPv6 packets, rewritten to come from the home IPv6 address. */
    FROM_CURRENT_IPV6(Family.IPV6),
    /** Neighbor Solicitations for the home IPv6 address, answered by the controller (table T, punted). */
    ND_REPLY(Family.IPV6);

    private final Family family;

    Direction(final Family family) {
        this.family = family;
    }

    /**
     * The address family of the packets it rewrites or answers.
     *
     * @return the family
     */
    public Family family() {
        return family;
    }

    /**
     * The direction of a translation flow: its kind's, in the family of the address it writes.
     *
     * @param flow a translation flow (its kind has a direction)
     * @return the direction
     */
    public static Direction of(final PlannedFlow flow) {
        final Direction direction = flow.kind().direction().orElseThrow();
        final boolean ipv6 = flow.actions().stream().anyMatch(action -> action instanceof FlowAction.SetIpv6Dst
            || action instanceof FlowAction.SetIpv6Src);
        if (!ipv6) {
            return direction;
        }
        return switch (direction) {
            case TO_CURRENT -> TO_CURRENT_IPV6;
            case FROM_CURRENT -> FROM_CURRENT_IPV6;
            default -> direction;
        };
    }
}
