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
 * A VM that left its home address.
 *
 * @param vmId the migrated VM
 * @param newAddress the address it uses now
 * @param newMac its MAC now, if it changed
 * @param newAttachment its edge switch and port now, if they changed
 */
public record Migration(String vmId, Ipv4 newAddress, Optional<Mac> newMac, Optional<Attachment> newAttachment) {
    /**
     * Creates a migration.
     *
     * @param vmId the migrated VM
     * @param newAddress the new address
     * @param newMac the new MAC, if it changed
     * @param newAttachment the new attachment, if it changed
     */
    public Migration {
        requireNonNull(vmId);
        requireNonNull(newAddress);
        requireNonNull(newMac);
        requireNonNull(newAttachment);
    }
}
