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
 * One step of a planned flow's instructions. A flow's actions are ordered: first the apply-actions (set-field and
 * output actions, in order), then at most one {@link WriteMetadata}, then at most one {@link GotoTable}. A converter
 * maps them onto the OpenFlow 1.3 instructions apply-actions, write-metadata and goto-table.
 */
public sealed interface FlowAction {
    /**
     * Tells whether this action belongs in the apply-actions instruction.
     *
     * @return true for set-field and output actions
     */
    default boolean isApplyAction() {
        return true;
    }

    /**
     * Sets the IPv4 source address.
     *
     * @param address the new address
     */
    record SetIpv4Src(Ipv4 address) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param address the new address
         */
        public SetIpv4Src {
            requireNonNull(address);
        }
    }

    /**
     * Sets the IPv4 destination address.
     *
     * @param address the new address
     */
    record SetIpv4Dst(Ipv4 address) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param address the new address
         */
        public SetIpv4Dst {
            requireNonNull(address);
        }
    }

    /**
     * Sets the IPv6 source address.
     *
     * @param address the new address
     */
    record SetIpv6Src(Ipv6 address) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param address the new address
         */
        public SetIpv6Src {
            requireNonNull(address);
        }
    }

    /**
     * Sets the IPv6 destination address.
     *
     * @param address the new address
     */
    record SetIpv6Dst(Ipv6 address) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param address the new address
         */
        public SetIpv6Dst {
            requireNonNull(address);
        }
    }

    /**
     * Sets the source address of the address's family (the flow's match must be of that family).
     *
     * @param address the new address
     * @return the action
     */
    static FlowAction setSource(final IpAddress address) {
        return switch (address) {
            case Ipv4 ipv4 -> new SetIpv4Src(ipv4);
            case Ipv6 ipv6 -> new SetIpv6Src(ipv6);
        };
    }

    /**
     * Sets the destination address of the address's family (the flow's match must be of that family).
     *
     * @param address the new address
     * @return the action
     */
    static FlowAction setDestination(final IpAddress address) {
        return switch (address) {
            case Ipv4 ipv4 -> new SetIpv4Dst(ipv4);
            case Ipv6 ipv6 -> new SetIpv6Dst(ipv6);
        };
    }

    /**
     * Sends the packet to the controller, whole (no buffering on the switch).
     */
    record OutputController() implements FlowAction {
    }

    /**
     * Passes the packet through a meter first (an instruction of its own).
     *
     * @param meterId the meter
     */
    record Meter(long meterId) implements FlowAction {
        @Override
        public boolean isApplyAction() {
            return false;
        }
    }

    /**
     * Sets the Ethernet source address.
     *
     * @param mac the new address
     */
    record SetEthSrc(Mac mac) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param mac the new address
         */
        public SetEthSrc {
            requireNonNull(mac);
        }
    }

    /**
     * Sets the Ethernet destination address.
     *
     * @param mac the new address
     */
    record SetEthDst(Mac mac) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param mac the new address
         */
        public SetEthDst {
            requireNonNull(mac);
        }
    }

    /**
     * Sets the ARP opcode.
     *
     * @param op the new opcode
     */
    record SetArpOp(int op) implements FlowAction {
    }

    /**
     * Sets the ARP sender hardware address.
     *
     * @param mac the new address
     */
    record SetArpSha(Mac mac) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param mac the new address
         */
        public SetArpSha {
            requireNonNull(mac);
        }
    }

    /**
     * Sets the ARP sender protocol address.
     *
     * @param address the new address
     */
    record SetArpSpa(Ipv4 address) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param address the new address
         */
        public SetArpSpa {
            requireNonNull(address);
        }
    }

    /**
     * Sets the ARP target hardware address.
     *
     * @param mac the new address
     */
    record SetArpTha(Mac mac) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param mac the new address
         */
        public SetArpTha {
            requireNonNull(mac);
        }
    }

    /**
     * Sets the ARP target protocol address.
     *
     * @param address the new address
     */
    record SetArpTpa(Ipv4 address) implements FlowAction {
        /**
         * Creates the action.
         *
         * @param address the new address
         */
        public SetArpTpa {
            requireNonNull(address);
        }
    }

    /**
     * Outputs the packet on the port it came in on (OpenFlow IN_PORT).
     */
    record OutputInPort() implements FlowAction {
    }

    /**
     * Outputs the packet to the switch's normal L2/L3 processing (OpenFlow NORMAL).
     */
    record OutputNormal() implements FlowAction {
    }

    /**
     * Writes the metadata register under a mask (the write-metadata instruction).
     *
     * @param value the value
     * @param mask the mask
     */
    record WriteMetadata(long value, long mask) implements FlowAction {
        @Override
        public boolean isApplyAction() {
            return false;
        }
    }

    /**
     * Continues in another table (the goto-table instruction).
     *
     * @param table the table
     */
    record GotoTable(short table) implements FlowAction {
        @Override
        public boolean isApplyAction() {
            return false;
        }
    }
}
