/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Identifiers whose form YANG checks but whose range it does not: the answer is what is wrong, for the admin, or
 * null when the identifier is fine.
 */
public final class IdentifierRules {
    private static final String OPENFLOW = "openflow:";
    /** The largest datapath id, 2^64 - 1, in decimal. */
    private static final String MAX_DPID = Long.toUnsignedString(-1L);

    private IdentifierRules() {
        // utility class
    }

    /**
     * Why an OpenFlow node id cannot name a switch: its datapath id is a 64-bit unsigned number (the YANG pattern
     * admits up to 20 digits, which reaches beyond 18446744073709551615).
     *
     * @param nodeId the node id, already of the form 'openflow:' and decimal digits
     * @return the reason, or null if the datapath id is in range
     */
    public static @Nullable String nodeIdProblem(final String nodeId) {
        if (!nodeId.startsWith(OPENFLOW)) {
            return "an OpenFlow node id is 'openflow:' and the datapath id in decimal, e.g. openflow:1";
        }
        final String digits = nodeId.substring(OPENFLOW.length());
        if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return "an OpenFlow node id is 'openflow:' and the datapath id in decimal, e.g. openflow:1";
        }
        final String significant = digits.replaceFirst("^0+", "");
        if (!significant.isEmpty() && (significant.length() < MAX_DPID.length()
                || significant.length() == MAX_DPID.length() && significant.compareTo(MAX_DPID) <= 0)) {
            return null;
        }
        return "the datapath id of an OpenFlow node id is 1 to 18446744073709551615 (64 bits)";
    }
}
