/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * Which rewrite of a migration a flow performs (the YANG {@code migration/state/translation/direction}).
 */
public enum Direction {
    /** Peers' packets to the home address, rewritten to the current address (table T+1, IPv4). */
    TO_CURRENT,
    /** The VM's packets, rewritten to come from the home address (table T+3). */
    FROM_CURRENT,
    /** ARP requests for the home address, answered on the switch (table T+1, ARP). */
    ARP_REPLY,
    /** Neighbor Solicitations for the home IPv6 address, answered by the controller (table T, punted). */
    ND_REPLY
}
