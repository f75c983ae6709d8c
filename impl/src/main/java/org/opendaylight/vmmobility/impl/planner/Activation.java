/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * What may start a VM's migration (the vm's {@code activation} leaf): only an RPC, or also the VM's own gratuitous
 * ARP from its port ({@link FlowKind#ANNOUNCE_PUNT}).
 */
public enum Activation {
    /** Not set on the VM: the configuration's {@code activation} key decides. */
    DEFAULT,
    /** Only notify-migration (or a direct write). */
    RPC,
    /** Also the VM's announcement of an address in another registered subnet. */
    ANNOUNCE;

    /**
     * Whether the VM's announcements start its migration.
     *
     * @param byDefault the configuration's default (activation=announce)
     * @return true if they do
     */
    public boolean announces(final boolean byDefault) {
        return this == ANNOUNCE || this == DEFAULT && byDefault;
    }
}
