/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import java.util.Optional;

/**
 * What a planned flow does; its code is bits 47..44 of the flow's cookie and its id names the flow id.
 */
public enum FlowKind {
    /** Table T: classifies IPv4 from a local member. */
    CLASSIFY_IP(1, "classify-ip", null),
    /** Table T: classifies ARP requests from a local member. */
    CLASSIFY_ARP(2, "classify-arp", null),
    /** Table T+1: rewrites the destination from a migrated VM's home to its current address. */
    TRANSLATE_TO_CURRENT(3, "xlate-to", Direction.TO_CURRENT),
    /** Table T+1: turns an ARP request for a migrated VM's home address into a reply. */
    ARP_RESPOND(4, "arp-reply", Direction.ARP_REPLY),
    /** Table T+2: classifies IPv4 to a local member. */
    CLASSIFY_DESTINATION(5, "classify-dst", null),
    /** Table T+3: rewrites the source from a migrated VM's current to its home address. */
    TRANSLATE_FROM_CURRENT(6, "xlate-from", Direction.FROM_CURRENT),
    /** Table T+4: addresses an ARP reply to the local member that asked, and sends it back. */
    ARP_FINISH(7, "arp-finish", null),
    /** Tables T to T+3: a table's miss flow (priority 0). */
    TABLE_MISS(8, "miss", null),
    /** Table 0 (only when T is not 0 and default forwarding is on): goto T. */
    GOTO_BASE(9, "goto-base", null),
    /** Per-pair: a peer's packets to the migrated VM's home address, rewritten to its current address. */
    PAIR_TO_CURRENT(10, "pair-to", Direction.TO_CURRENT),
    /** Per-pair: the migrated VM's packets to a peer, rewritten to come from its home address. */
    PAIR_FROM_CURRENT(11, "pair-from", Direction.FROM_CURRENT),
    /** Per-pair: a peer's ARP request for the home address, answered on the switch. */
    PAIR_ARP_REPLY(12, "pair-arp", Direction.ARP_REPLY),
    /**
     * Table T, above the translation: a member's Neighbor Solicitation for a migrated VM's home IPv6 address, sent
     * to the controller (which answers it) with the next hop as its Ethernet source and the member as its
     * destination.
     */
    ND_PUNT(13, "nd-punt", Direction.ND_REPLY),
    /**
     * Table T, above the translation: an ARP packet (or a Neighbor Advertisement) from a VM activated by
     * announcement, from its port and with its MAC, whose sender (source) address lies in another registered subnet:
     * a copy goes to the controller (which checks for a gratuitous ARP or an unsolicited advertisement and starts the
     * migration) and the packet is forwarded as usual.
     */
    ANNOUNCE_PUNT(14, "announce", null);

    private final int code;
    private final String idName;
    private final Direction direction;

    FlowKind(final int code, final String idName, final Direction direction) {
        this.code = code;
        this.idName = idName;
        this.direction = direction;
    }

    /**
     * Returns the kind's 4-bit code, as it appears in the cookie.
     *
     * @return 1 to 15
     */
    public int code() {
        return code;
    }

    /**
     * Returns the kind's name in flow ids.
     *
     * @return for example {@code xlate-to}
     */
    public String idName() {
        return idName;
    }

    /**
     * Returns the migration direction a flow of this kind serves, if it serves exactly one migration.
     *
     * @return the direction, or empty for flows shared by the migrations (classification, miss)
     */
    public Optional<Direction> direction() {
        return Optional.ofNullable(direction);
    }
}
