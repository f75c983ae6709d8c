/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.validation.AddressRules;
import org.opendaylight.vmmobility.impl.validation.IdentifierRules;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowPort;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The checks of RPC input leaves, which the model leaves as plain strings and numbers so that the application, not
 * the RESTCONF parser, refuses a bad value: each failure is an {@link InvalidField} naming the leaf and the rule
 * (never echoing a hostile value back), answered with invalid-value.
 */
final class InputFields {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern NODE_ID = Pattern.compile("openflow:[1-9][0-9]{0,19}");
    private static final Pattern IPV4 = Pattern.compile(
        "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final long MAX_PORT = 0xFFFF_FF00L;

    /** A leaf of an RPC input with a bad or missing value. */
    static final class InvalidField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidField(final String leaf, final String rule) {
            super(leaf + ": " + rule);
        }

        InvalidField(final String leaf, final String rule, final Throwable cause) {
            super(leaf + ": " + rule, cause);
        }
    }

    private InputFields() {
        // utility class
    }

    static Name name(final String leaf, final @Nullable String value) {
        if (value == null) {
            throw new InvalidField(leaf, "is mandatory");
        }
        if (!NAME.matcher(value).matches()) {
            throw new InvalidField(leaf, value.isEmpty() || value.length() > 64
                ? "a name or VM id has 1 to 64 characters"
                : "a name or VM id has only letters, digits, dots, underscores and hyphens, and starts with a letter"
                    + " or digit");
        }
        return new Name(value);
    }

    static Ipv4Host address(final String leaf, final @Nullable String value) {
        if (value == null) {
            throw new InvalidField(leaf, "is mandatory");
        }
        if (!IPV4.matcher(value).matches()) {
            throw new InvalidField(leaf, "an IPv4 address is four decimal numbers 0-255 separated by dots, without a"
                + " zone, e.g. 10.0.1.3");
        }
        final String problem = AddressRules.hostProblem(Ipv4.parse(value));
        if (problem != null) {
            throw new InvalidField(leaf, problem + ", not a VM's address");
        }
        return new Ipv4Host(value);
    }

    static @Nullable Ipv6Host address6(final String leaf, final @Nullable String value) {
        if (value == null) {
            return null;
        }
        final Ipv6 address;
        try {
            address = Ipv6.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(leaf, "an IPv6 address is up to eight groups of hexadecimal digits separated by "
                + "colons, '::' for one run of zero groups, without a zone or prefix length, e.g. 2001:db8:1::5 ("
                + e.getMessage() + ")", e);
        }
        final String problem = AddressRules.hostProblem(address);
        if (problem != null) {
            throw new InvalidField(leaf, problem + ", not a VM's address");
        }
        return new Ipv6Host(address.toString());
    }

    static @Nullable EthernetAddress mac(final String leaf, final @Nullable String value) {
        if (value == null) {
            return null;
        }
        if (!MAC.matcher(value).matches()) {
            throw new InvalidField(leaf, "a MAC address is six two-digit hexadecimal numbers separated by colons,"
                + " e.g. 02:00:00:00:00:01");
        }
        final String problem = AddressRules.macProblem(Mac.parse(value));
        if (problem != null) {
            throw new InvalidField(leaf, problem + ", not a VM's MAC");
        }
        return new EthernetAddress(value);
    }

    static OpenflowNodeId nodeId(final String leaf, final @Nullable String value) {
        if (value == null) {
            throw new InvalidField(leaf, "is mandatory");
        }
        if (!NODE_ID.matcher(value).matches()) {
            throw new InvalidField(leaf, "an OpenFlow node id is 'openflow:' and the datapath id in decimal, e.g."
                + " openflow:1");
        }
        final String range = IdentifierRules.nodeIdProblem(value);
        if (range != null) {
            throw new InvalidField(leaf, range);
        }
        return new OpenflowNodeId(value);
    }

    static OpenflowPort port(final String leaf, final @Nullable Uint32 value) {
        if (value == null) {
            throw new InvalidField(leaf, "is mandatory");
        }
        if (value.longValue() < 1 || value.longValue() > MAX_PORT) {
            throw new InvalidField(leaf, "an OpenFlow port number is 1 to 4294967040 (0xffffff00)");
        }
        return new OpenflowPort(value);
    }
}
