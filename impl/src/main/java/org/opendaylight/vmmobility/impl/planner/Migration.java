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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A migration: where a VM went. Each family is translated where the VM has a home address of it and the migration
 * gives a new one.
 *
 * @param vmId the migrated VM
 * @param new4 the VM's IPv4 address after the migration, if given
 * @param new6 the VM's IPv6 address after the migration, if given
 * @param newMac the VM's MAC after the migration, if it changed
 * @param newAttachment the VM's attachment after the migration, if it changed
 * @param cutOver the peers that use the new address (nothing is translated between them and the VM)
 * @param byAnnouncement whether the VM's own announcement started it (shown in its state; planned the same)
 */
public record Migration(String vmId, Optional<Ipv4> new4, Optional<Ipv6> new6, Optional<Mac> newMac,
        Optional<Attachment> newAttachment, SortedSet<String> cutOver, boolean byAnnouncement) {
    /**
     * Creates a migration.
     *
     * @param vmId the migrated VM
     * @param new4 the new IPv4 address, if given
     * @param new6 the new IPv6 address, if given
     * @param newMac the new MAC, if it changed
     * @param newAttachment the new attachment, if it changed
     * @param cutOver the peers that cut over to the new address
     * @param byAnnouncement whether the VM's announcement started it
     * @throws IllegalArgumentException if no new address is given
     */
    public Migration {
        requireNonNull(vmId);
        requireNonNull(new4);
        requireNonNull(new6);
        requireNonNull(newMac);
        requireNonNull(newAttachment);
        cutOver = ImmutableSortedSet.copyOf(cutOver);
        if (new4.isEmpty() && new6.isEmpty()) {
            throw new IllegalArgumentException("migration of " + vmId + " has no new address");
        }
    }

    /**
     * Creates a migration an RPC (or a direct write) started.
     *
     * @param vmId the migrated VM
     * @param new4 the new IPv4 address, if given
     * @param new6 the new IPv6 address, if given
     * @param newMac the new MAC, if it changed
     * @param newAttachment the new attachment, if it changed
     * @param cutOver the peers that cut over to the new address
     */
    public Migration(final String vmId, final Optional<Ipv4> new4, final Optional<Ipv6> new6,
            final Optional<Mac> newMac, final Optional<Attachment> newAttachment, final SortedSet<String> cutOver) {
        this(vmId, new4, new6, newMac, newAttachment, cutOver, false);
    }

    /**
     * Creates an IPv4 migration.
     *
     * @param vmId the migrated VM
     * @param newAddress the new IPv4 address
     * @param newMac the new MAC, if it changed
     * @param newAttachment the new attachment, if it changed
     * @param cutOver the peers that cut over to the new address
     */
    public Migration(final String vmId, final Ipv4 newAddress, final Optional<Mac> newMac,
            final Optional<Attachment> newAttachment, final SortedSet<String> cutOver) {
        this(vmId, Optional.of(newAddress), Optional.empty(), newMac, newAttachment, cutOver);
    }

    /**
     * Creates an IPv4 migration no peer has cut over yet.
     *
     * @param vmId the migrated VM
     * @param newAddress the new IPv4 address
     * @param newMac the new MAC, if it changed
     * @param newAttachment the new attachment, if it changed
     */
    public Migration(final String vmId, final Ipv4 newAddress, final Optional<Mac> newMac,
            final Optional<Attachment> newAttachment) {
        this(vmId, newAddress, newMac, newAttachment, ImmutableSortedSet.of());
    }

    /**
     * The new address of one family.
     *
     * @param family the family
     * @return the address, or empty if none is given of that family
     */
    public Optional<IpAddress> newAddress(final Family family) {
        return family == Family.IPV4 ? new4.map(IpAddress.class::cast) : new6.map(IpAddress.class::cast);
    }

    /**
     * The new addresses, IPv4 first, as text for messages.
     *
     * @return for example {@code 10.0.2.5}
     */
    public String newText() {
        return Stream.concat(new4.stream().map(Object::toString), new6.stream().map(Object::toString))
            .collect(Collectors.joining(" "));
    }
}
