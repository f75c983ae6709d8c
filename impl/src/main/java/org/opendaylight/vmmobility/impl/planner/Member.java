/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A member VM of an application group, as configured (at home).
 *
 * @param vmId the VM's identifier, the same in every group
 * @param homeAddress the address the group knows the VM by
 * @param mac the VM's MAC at home
 * @param attachment the VM's edge switch and port at home, if known
 * @param interfaceName the name of the VM's switch port (its tap), resolved from the switches' port reports and
 *        followed across switches, if the VM is registered by interface name
 */
public record Member(String vmId, Ipv4 homeAddress, Mac mac, Optional<Attachment> attachment,
        Optional<String> interfaceName) {
    /**
     * Creates a member.
     *
     * @param vmId the VM's identifier
     * @param homeAddress the home address
     * @param mac the home MAC
     * @param attachment the home attachment, if known
     * @param interfaceName the interface name, if registered by it
     */
    public Member {
        requireNonNull(vmId);
        requireNonNull(homeAddress);
        requireNonNull(mac);
        requireNonNull(attachment);
        requireNonNull(interfaceName);
    }

    /**
     * Creates a member registered by switch and port.
     *
     * @param vmId the VM's identifier
     * @param homeAddress the home address
     * @param mac the home MAC
     * @param attachment the home attachment, if known
     */
    public Member(final String vmId, final Ipv4 homeAddress, final Mac mac, final Optional<Attachment> attachment) {
        this(vmId, homeAddress, mac, attachment, Optional.empty());
    }
}
