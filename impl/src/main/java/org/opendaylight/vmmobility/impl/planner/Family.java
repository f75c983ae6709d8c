/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * An IP address family. A VM may have a home address of each; each is translated on its own.
 */
public enum Family {
    /** IPv4. */
    IPV4("IPv4"),
    /** IPv6. */
    IPV6("IPv6");

    private final String text;

    Family(final String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
