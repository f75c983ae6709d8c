/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedSet;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A VM that left its home address.
 *
 * @param vmId the migrated VM
 * @param newAddress the address it uses now
 * @param newMac its MAC now, if it changed
 * @param newAttachment its edge switch and port now, if they changed
 * @param cutOver the peers that use its new address now: no translation between them and the VM
 */
public record Migration(String vmId, Ipv4 newAddress, Optional<Mac> newMac, Optional<Attachment> newAttachment,
        SortedSet<String> cutOver) {
    /**
     * Creates a migration.
     *
     * @param vmId the migrated VM
     * @param newAddress the new address
     * @param newMac the new MAC, if it changed
     * @param newAttachment the new attachment, if it changed
     * @param cutOver the peers that cut over to the new address
     */
    public Migration {
        requireNonNull(vmId);
        requireNonNull(newAddress);
        requireNonNull(newMac);
        requireNonNull(newAttachment);
        cutOver = ImmutableSortedSet.copyOf(cutOver);
    }

    /**
     * Creates a migration no peer has cut over yet.
     *
     * @param vmId the migrated VM
     * @param newAddress the new address
     * @param newMac the new MAC, if it changed
     * @param newAttachment the new attachment, if it changed
     */
    public Migration(final String vmId, final Ipv4 newAddress, final Optional<Mac> newMac,
            final Optional<Attachment> newAttachment) {
        this(vmId, newAddress, newMac, newAttachment, ImmutableSortedSet.of());
    }
}
