/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A registered VM, as configured (at home). It has a home address of one family or of both.
 *
 * @param vmId the VM's identifier, the same in every group
 * @param home4 the IPv4 address the groups know the VM by, if it has one
 * @param home6 the IPv6 address the groups know the VM by, if it has one
 * @param mac the VM's MAC at home
 * @param attachment the VM's edge switch and port at home, if known
 * @param interfaceName the name of the VM's switch port, if registered by it
 * @param activation what may start the VM's migration
 * @param home4Text the configuration's text of the IPv4 home address, where it is that address's canonical form, else
 *                  null: the VM's operational entry shows this very string rather than a copy (a million VMs: a
 *                  million strings fewer). Not part of the member's value ({@link #equals} ignores it)
 * @param macText the configuration's text of the MAC, where it is its canonical form, else null; as home4Text
 */
public record Member(String vmId, Optional<Ipv4> home4, Optional<Ipv6> home6, Mac mac,
        Optional<Attachment> attachment, Optional<String> interfaceName, Activation activation,
        @Nullable String home4Text, @Nullable String macText) {
    /**
     * Creates a member with the configuration's texts of its address and MAC.
     *
     * @param vmId the VM's identifier
     * @param home4 the IPv4 home address, if any
     * @param home6 the IPv6 home address, if any
     * @param mac the home MAC
     * @param attachment the home attachment, if known
     * @param interfaceName the interface name, if registered by it
     * @param activation what may start its migration
     * @param home4Text the configuration's text of home4 (kept only if it is home4's canonical form)
     * @param macText the configuration's text of the MAC (kept only if it is the MAC's canonical form)
     * @throws IllegalArgumentException if the VM has no home address
     */
    public Member {
        requireNonNull(vmId);
        requireNonNull(home4);
        requireNonNull(home6);
        requireNonNull(mac);
        requireNonNull(attachment);
        requireNonNull(interfaceName);
        requireNonNull(activation);
        if (home4.isEmpty() && home6.isEmpty()) {
            throw new IllegalArgumentException("VM " + vmId + " has no home address");
        }
        if (home4Text != null && !home4Text.equals(home4.map(Ipv4::toString).orElse(null))) {
            home4Text = null;
        }
        if (macText != null && !macText.equals(mac.toString())) {
            macText = null;
        }
    }

    /**
     * Creates a member.
     *
     * @param vmId the VM's identifier
     * @param home4 the IPv4 home address, if any
     * @param home6 the IPv6 home address, if any
     * @param mac the home MAC
     * @param attachment the home attachment, if known
     * @param interfaceName the interface name, if registered by it
     * @param activation what may start its migration
     * @throws IllegalArgumentException if the VM has no home address
     */
    public Member(final String vmId, final Optional<Ipv4> home4, final Optional<Ipv6> home6, final Mac mac,
            final Optional<Attachment> attachment, final Optional<String> interfaceName,
            final Activation activation) {
        this(vmId, home4, home6, mac, attachment, interfaceName, activation, null, null);
    }

    /**
     * Creates a member whose activation is the configuration's default.
     *
     * @param vmId the VM's identifier
     * @param home4 the IPv4 home address, if any
     * @param home6 the IPv6 home address, if any
     * @param mac the home MAC
     * @param attachment the home attachment, if known
     * @param interfaceName the interface name, if registered by it
     */
    public Member(final String vmId, final Optional<Ipv4> home4, final Optional<Ipv6> home6, final Mac mac,
            final Optional<Attachment> attachment, final Optional<String> interfaceName) {
        this(vmId, home4, home6, mac, attachment, interfaceName, Activation.DEFAULT);
    }

    /**
     * Creates an IPv4-only member.
     *
     * @param vmId the VM's identifier
     * @param homeAddress the IPv4 home address
     * @param mac the home MAC
     * @param attachment the home attachment, if known
     * @param interfaceName the interface name, if registered by it
     */
    public Member(final String vmId, final Ipv4 homeAddress, final Mac mac, final Optional<Attachment> attachment,
            final Optional<String> interfaceName) {
        this(vmId, Optional.of(homeAddress), Optional.empty(), mac, attachment, interfaceName);
    }

    /**
     * Creates an IPv4-only member registered by switch and port.
     *
     * @param vmId the VM's identifier
     * @param homeAddress the IPv4 home address
     * @param mac the home MAC
     * @param attachment the home attachment, if known
     */
    public Member(final String vmId, final Ipv4 homeAddress, final Mac mac, final Optional<Attachment> attachment) {
        this(vmId, homeAddress, mac, attachment, Optional.empty());
    }

    /**
     * The home address of one family.
     *
     * @param family the family
     * @return the address, or empty if the VM has none of that family
     */
    public Optional<IpAddress> home(final Family family) {
        return family == Family.IPV4 ? home4.map(IpAddress.class::cast) : home6.map(IpAddress.class::cast);
    }

    /**
     * The home addresses, IPv4 first, as text for messages.
     *
     * @return for example {@code 10.0.1.5} or {@code 10.0.1.5 2001:db8:1::5}
     */
    public String homeText() {
        return Stream.concat(home4.stream().map(Object::toString), home6.stream().map(Object::toString))
            .collect(Collectors.joining(" "));
    }

    /**
     * The member's value: everything but the configuration's texts, which only spare copies.
     */
    @Override
    public boolean equals(final @Nullable Object obj) {
        return this == obj || obj instanceof Member other && vmId.equals(other.vmId) && home4.equals(other.home4)
            && home6.equals(other.home6) && mac.equals(other.mac) && attachment.equals(other.attachment)
            && interfaceName.equals(other.interfaceName) && activation == other.activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(vmId, home4, home6, mac, attachment, interfaceName, activation);
    }
}
