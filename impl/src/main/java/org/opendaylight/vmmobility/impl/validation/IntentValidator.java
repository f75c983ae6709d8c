/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.AttachmentPoint;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.Member;

/**
 * The rules of the intent that YANG cannot state. Pure: a candidate configuration in, the list of violations out
 * (empty when the candidate is acceptable).
 *
 * <ul>
 *   <li>a subnet's prefix has no host bits set and contains its gateway;</li>
 *   <li>within a group, home addresses and MACs are unique (also stated in YANG);</li>
 *   <li>a VM has the same home address, MAC and attachment in every group it belongs to;</li>
 *   <li>a home address or a MAC belongs to one VM across all groups;</li>
 *   <li>a migration names a VM that is a member of a group; its new address is not its home address (a VM at home
 *       has no migration), nor any VM's home address or another migration's new address; its new MAC is not
 *       another VM's MAC.</li>
 * </ul>
 */
public final class IntentValidator {
    /** The configuration root, as violations name it. */
    public static final String ROOT = "/vm-mobility:vm-mobility";
    /** Why config-false {@code state} is refused in a configuration. */
    static final String STATE_NOT_CONFIGURABLE =
        "state is operational data (config false): the application writes it, it cannot be configured";

    private IntentValidator() {
        // utility class
    }

    /**
     * Validates a whole candidate configuration.
     *
     * @param intent the candidate, null when the configuration is deleted
     * @return the violations, empty if the candidate is acceptable
     */
    public static List<Violation> validate(final @Nullable VmMobility intent) {
        return validate(null, intent);
    }

    /**
     * Validates a candidate configuration against the one it replaces. A migration that was accepted before and is
     * unchanged stays acceptable when its VM leaves its last group (the group was deleted): nothing accepted is
     * lost; the migration then shows as failed, "not a member of any group", until the VM is a member again or
     * the migration is deleted.
     *
     * @param before the configuration now in force, null if none
     * @param intent the candidate, null when the configuration is deleted
     * @return the violations, empty if the candidate is acceptable
     */
    public static List<Violation> validate(final @Nullable VmMobility before, final @Nullable VmMobility intent) {
        final var violations = new ArrayList<Violation>();
        if (intent == null) {
            return violations;
        }
        for (var subnet : sorted(intent.nonnullSubnet().values(), subnet -> subnet.requirePrefix().getValue())) {
            checkSubnet(subnet, violations);
        }
        final var vms = new HashMap<String, VmFacts>();
        final var vmByAddress = new HashMap<String, String>();
        final var vmByMac = new HashMap<String, String>();
        for (var group : sorted(intent.nonnullApplicationGroup().values(), group -> group.requireName().getValue())) {
            checkGroup(group, vms, vmByAddress, vmByMac, violations);
        }
        final var newAddresses = new HashMap<String, String>();
        for (var migration : sorted(intent.nonnullMigration().values(),
                migration -> migration.requireVmId().getValue())) {
            final boolean accepted = before != null && migration.equals(before.nonnullMigration().get(migration.key()));
            checkMigration(migration, accepted, vms, vmByAddress, vmByMac, newAddresses, violations);
        }
        return violations;
    }

    private static void checkSubnet(final Subnet subnet, final List<Violation> violations) {
        final String text = subnet.requirePrefix().getValue();
        final String path = ROOT + "/subnet=" + text;
        final Ipv4Prefix prefix = Ipv4Prefix.parse(text);
        if (!prefix.toString().equals(text)) {
            violations.add(new Violation(path + "/prefix", "prefix " + text + " has host bits set; did you mean "
                + prefix + "?"));
        }
        final var gateway = subnet.getGatewayAddress();
        if (gateway != null && !prefix.contains(Ipv4.parse(gateway.getValue()))) {
            violations.add(new Violation(path + "/gateway-address", "gateway " + gateway.getValue()
                + " is outside subnet " + prefix));
        }
    }

    private static void checkGroup(final ApplicationGroup group, final Map<String, VmFacts> vms,
            final Map<String, String> vmByAddress, final Map<String, String> vmByMac,
            final List<Violation> violations) {
        final String groupPath = ROOT + "/application-group=" + group.requireName().getValue();
        final var addressInGroup = new HashMap<String, String>();
        final var macInGroup = new HashMap<String, String>();
        for (var member : sorted(group.nonnullMember().values(), member -> member.requireVmId().getValue())) {
            final String vmId = member.requireVmId().getValue();
            final String path = groupPath + "/member=" + vmId;
            final String address = member.requireHomeAddress().getValue();
            final String mac = normalizedMac(member.requireMac().getValue());

            final String sameAddress = addressInGroup.putIfAbsent(address, vmId);
            if (sameAddress != null) {
                violations.add(new Violation(path + "/home-address", "home address " + address
                    + " is already used by member " + sameAddress + " of group " + group.requireName().getValue()));
            }
            final String sameMac = macInGroup.putIfAbsent(mac, vmId);
            if (sameMac != null) {
                violations.add(new Violation(path + "/mac", "MAC " + mac + " is already used by member " + sameMac
                    + " of group " + group.requireName().getValue()));
            }

            if (member.getState() != null) {
                violations.add(new Violation(path + "/state", STATE_NOT_CONFIGURABLE));
            }
            final var facts = new VmFacts(address, mac, attachmentText(member), group.requireName().getValue());
            final var known = vms.putIfAbsent(vmId, facts);
            if (known != null) {
                if (!known.address.equals(address)) {
                    violations.add(new Violation(path + "/home-address", "VM " + vmId + " has home address "
                        + known.address + " in group " + known.group + " but " + address + " here"));
                }
                if (!known.mac.equals(mac)) {
                    violations.add(new Violation(path + "/mac", "VM " + vmId + " has MAC " + known.mac
                        + " in group " + known.group + " but " + mac + " here"));
                }
                if (known.attachment != null && facts.attachment != null
                        && !known.attachment.equals(facts.attachment)) {
                    violations.add(new Violation(path + "/attachment", "VM " + vmId + " attaches at "
                        + known.attachment + " in group " + known.group + " but at " + facts.attachment + " here"));
                }
            }
            final String addressOwner = vmByAddress.putIfAbsent(address, vmId);
            if (addressOwner != null && !addressOwner.equals(vmId) && sameAddress == null) {
                violations.add(new Violation(path + "/home-address", "home address " + address
                    + " already belongs to VM " + addressOwner));
            }
            final String macOwner = vmByMac.putIfAbsent(mac, vmId);
            if (macOwner != null && !macOwner.equals(vmId) && sameMac == null) {
                violations.add(new Violation(path + "/mac", "MAC " + mac + " already belongs to VM " + macOwner));
            }
        }
    }

    private static void checkMigration(final Migration migration, final boolean accepted,
            final Map<String, VmFacts> vms,
            final Map<String, String> vmByAddress, final Map<String, String> vmByMac,
            final Map<String, String> newAddresses, final List<Violation> violations) {
        final String vmId = migration.requireVmId().getValue();
        final String path = ROOT + "/migration=" + vmId;
        if (migration.getState() != null) {
            violations.add(new Violation(path + "/state", STATE_NOT_CONFIGURABLE));
        }
        final var facts = vms.get(vmId);
        if (facts == null) {
            if (!accepted) {
                violations.add(new Violation(path, "VM " + vmId + " is not a member of any application group"));
            }
            return;
        }
        final String address = migration.requireNewAddress().getValue();
        if (address.equals(facts.address)) {
            violations.add(new Violation(path + "/new-address", "new address " + address + " is VM " + vmId
                + "'s home address; a VM at home has no migration (delete it, or notify the return home)"));
        } else {
            final String owner = vmByAddress.get(address);
            if (owner != null) {
                violations.add(new Violation(path + "/new-address", "new address " + address
                    + " is the home address of VM " + owner));
            }
        }
        final String other = newAddresses.putIfAbsent(address, vmId);
        if (other != null) {
            violations.add(new Violation(path + "/new-address", "new address " + address
                + " is already the new address of migrated VM " + other));
        }
        final var newMac = migration.getNewMac();
        if (newMac != null) {
            final String mac = normalizedMac(newMac.getValue());
            final String owner = vmByMac.get(mac);
            if (owner != null && !owner.equals(vmId)) {
                violations.add(new Violation(path + "/new-mac", "new MAC " + mac + " is the MAC of VM " + owner));
            }
        }
    }

    private static <T> List<T> sorted(final Collection<T> items, final Function<T, String> key) {
        return items.stream().sorted(Comparator.comparing(key)).toList();
    }

    private static @Nullable String attachmentText(final Member member) {
        final AttachmentPoint attachment = member.getAttachment();
        return attachment == null ? null : attachment.requireNodeId().getValue() + " port "
            + attachment.requirePort().getValue();
    }

    static String normalizedMac(final String mac) {
        return mac.toLowerCase(Locale.ROOT);
    }

    private record VmFacts(String address, String mac, @Nullable String attachment, String group) {
        VmFacts {
            Objects.requireNonNull(address);
        }
    }
}
