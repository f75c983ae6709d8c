/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Suppliers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.index.CompactSetMultimap;
import org.opendaylight.vmmobility.impl.planner.Family;
import org.opendaylight.vmmobility.impl.planner.IpAddress;
import org.opendaylight.vmmobility.impl.planner.IpPrefix;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv4Prefix;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Ipv6Prefix;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;

/**
 * The rules YANG cannot state, checked on the entries a transaction writes, against the configuration it leaves
 * (read by key) and against indexes of addresses and MACs kept across transactions. The cost of a check grows with
 * the entries written, not with the configuration.
 *
 * <p>The indexes are hints: they may name a VM that no longer has the value (a transaction that was refused later,
 * a VM changed since); every hit is confirmed by reading the entry in the resulting configuration.
 *
 * <p>Rules: addresses and MACs are unicast host values ({@link AddressRules}: not unspecified, loopback, multicast,
 * broadcast or all-zero; a gateway is not its subnet's network or broadcast address); a subnet's prefix has no host
 * bits and contains its gateway, overlaps no other subnet, and its gateway is no VM's home address and no migrated
 * VM's new address; a VM's home address and MAC belong to no
 * other VM and its home address is no migrated VM's new address and no subnet's gateway; a VM attaches by attachment
 * or by interface-name, not both; a datapath id in a node id fits 64 bits ({@link IdentifierRules}); a group's members
 * are registered VMs; a migration
 * names a registered VM, its new address is not the VM's home address, not another VM's home address, not another
 * migration's new address and not a subnet's gateway, and its new MAC is no other VM's MAC; its cut-over peers are
 * other registered VMs; no entry carries config-false state; a VM is not deleted while a group, a migration or a
 * migration's cut-over still names it (deleting those in the same transaction is fine).
 */
public final class IntentValidator {
    /** The configuration root, as violations name it. */
    public static final String ROOT = "/vm-mobility:vm-mobility";
    /** Why config-false {@code state} is refused in a configuration. */
    static final String STATE_NOT_CONFIGURABLE =
        "state is operational data (config false): the application writes it, it cannot be configured";

    /** Reads the configuration a transaction leaves, by key. */
    public interface Lookup {
        /**
         * Reads a VM.
         *
         * @param vmId the VM
         * @return the VM, or null if it is not registered
         */
        @Nullable Vm vm(String vmId);

        /**
         * Reads a migration.
         *
         * @param vmId the VM
         * @return its migration, or null if it has none
         */
        @Nullable Migration migration(String vmId);

        /**
         * Reads a group.
         *
         * @param name the group
         * @return the group, or null if there is none of that name
         */
        @Nullable ApplicationGroup group(String name);

        /**
         * Reads every subnet (a handful: read once per transaction, and only when a rule needs them).
         *
         * @return the subnets
         */
        Collection<Subnet> subnets();
    }

    /**
     * What one transaction writes.
     *
     * @param subnets subnets written
     * @param vms VMs written
     * @param groups groups written
     * @param migrations migrations written
     * @param deletedVms the ids of the VMs deleted
     */
    public record Written(List<Subnet> subnets, List<Vm> vms, List<ApplicationGroup> groups,
            List<Migration> migrations, List<String> deletedVms) {
        /**
         * Creates the record.
         *
         * @param subnets subnets written
         * @param vms VMs written
         * @param groups groups written
         * @param migrations migrations written
         * @param deletedVms the ids of the VMs deleted
         */
        public Written {
            subnets = List.copyOf(subnets);
            vms = List.copyOf(vms);
            groups = List.copyOf(groups);
            migrations = List.copyOf(migrations);
            deletedVms = List.copyOf(deletedVms);
        }

        /**
         * Creates the record of a transaction that deletes no VM.
         *
         * @param subnets subnets written
         * @param vms VMs written
         * @param groups groups written
         * @param migrations migrations written
         */
        public Written(final List<Subnet> subnets, final List<Vm> vms, final List<ApplicationGroup> groups,
                final List<Migration> migrations) {
            this(subnets, vms, groups, migrations, List.of());
        }
    }

    // one value per key almost always (a million VMs: a million keys): compact multimaps, no set per key
    private final CompactSetMultimap<String, String> vmsByHome = new CompactSetMultimap<>();
    private final CompactSetMultimap<String, String> vmsByMac = new CompactSetMultimap<>();
    private final CompactSetMultimap<String, String> migrationsByAddress = new CompactSetMultimap<>();
    /** VM id to the groups that name it as a member. */
    private final CompactSetMultimap<String, String> groupsByMember = new CompactSetMultimap<>();
    /** VM id to the migrated VMs whose cut-over names it. */
    private final CompactSetMultimap<String, String> migrationsByPeer = new CompactSetMultimap<>();

    /**
     * Learns the entries of a configuration (once, before the first transaction is checked; and for every written
     * entry before it is checked).
     *
     * @param vms VMs
     * @param migrations migrations
     */
    public void learn(final Collection<Vm> vms, final Collection<Migration> migrations) {
        learn(vms, List.of(), migrations);
    }

    /**
     * Learns the entries of a configuration, with its groups (once, before the first transaction is checked; and
     * for every written entry before it is checked).
     *
     * @param vms VMs
     * @param groups groups
     * @param migrations migrations
     */
    public void learn(final Collection<Vm> vms, final Collection<ApplicationGroup> groups,
            final Collection<Migration> migrations) {
        for (ApplicationGroup group : groups) {
            final String name = group.requireName().getValue();
            group.nonnullMember().keySet().forEach(key -> groupsByMember.put(key.getVmId().getValue(), name));
        }
        for (Vm vm : vms) {
            final String vmId = vm.requireVmId().getValue();
            // an entry missing a mandatory leaf is refused by validate(); it has nothing to learn
            homes(vm).forEach(home -> vmsByHome.put(home, vmId));
            if (vm.getMac() != null) {
                vmsByMac.put(normalizedMac(vm.getMac().getValue()), vmId);
            }
        }
        for (Migration migration : migrations) {
            newAddresses(migration).forEach(address -> migrationsByAddress.put(address,
                migration.requireVmId().getValue()));
            final var cutOver = migration.getCutOver();
            if (cutOver != null) {
                cutOver.forEach(peer -> migrationsByPeer.put(peer.getValue(), migration.requireVmId().getValue()));
            }
        }
    }

    /**
     * Checks what a transaction writes.
     *
     * @param written the entries written
     * @param after the configuration the transaction leaves
     * @return the violations, empty if the transaction is acceptable
     */
    public List<Violation> validate(final Written written, final Lookup after) {
        learn(written.vms(), written.groups(), written.migrations());
        final List<Violation> violations = new ArrayList<>();
        // gateway address -> its subnet, read once per transaction and only if a VM or migration is written
        final Supplier<Map<String, String>> gateways = Suppliers.memoize(() -> gateways(after));
        written.subnets().forEach(subnet -> checkSubnet(subnet, after, violations));
        written.vms().forEach(vm -> checkVm(vm, after, gateways, violations));
        written.groups().forEach(group -> checkGroup(group, after, violations));
        written.migrations().forEach(migration -> checkMigration(migration, after, gateways, violations));
        written.deletedVms().forEach(vmId -> checkDeletedVm(vmId, after, violations));
        return violations;
    }

    private static Map<String, String> gateways(final Lookup after) {
        final Map<String, String> gateways = new HashMap<>();
        for (Subnet subnet : after.subnets()) {
            final var gateway = subnet.getGatewayAddress();
            if (gateway != null) {
                gateways.merge(canonical(gateway.stringValue()), subnet.requirePrefix().stringValue(),
                    (first, second) -> first.compareTo(second) <= 0 ? first : second);
            }
        }
        return gateways;
    }

    /**
     * A VM that a transaction deletes must not stay named by a group, a migration or a cut-over (a dangling
     * reference the engine would have to ignore): the referrers are named, so the admin can remove them first, or
     * in the same transaction.
     */
    private void checkDeletedVm(final String vmId, final Lookup after, final List<Violation> violations) {
        final List<String> referrers = new ArrayList<>();
        for (String group : holders(groupsByMember, vmId, name -> {
            final ApplicationGroup found = after.group(name);
            return found != null && found.nonnullMember().keySet().stream()
                .anyMatch(key -> key.getVmId().getValue().equals(vmId));
        })) {
            referrers.add("group " + group);
        }
        if (after.migration(vmId) != null) {
            referrers.add("migration " + vmId);
        }
        for (String migrated : holders(migrationsByPeer, vmId, id -> {
            final Migration found = after.migration(id);
            return found != null && found.getCutOver() != null && found.getCutOver().stream()
                .anyMatch(peer -> peer.getValue().equals(vmId));
        })) {
            referrers.add("the cut-over of migration " + migrated);
        }
        if (!referrers.isEmpty()) {
            violations.add(new Violation(ROOT + "/vm=" + vmId, "VM " + vmId + " is still named by "
                + joined(referrers) + ": delete or change them first, or in the same transaction"));
        }
    }

    private static String joined(final List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private void checkSubnet(final Subnet subnet, final Lookup after, final List<Violation> violations) {
        final String text = subnet.requirePrefix().stringValue();
        final String path = ROOT + "/subnet=" + text;
        final IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path + "/prefix", "prefix " + text + " is not an IPv4 or IPv6 prefix: "
                + e.getMessage()));
            return;
        }
        if (!IpAddress.parse(text.substring(0, text.indexOf('/'))).equals(network(prefix))) {
            violations.add(new Violation(path + "/prefix", "prefix " + text + " has host bits set; did you mean "
                + prefix + "?"));
        }
        final var gateway = subnet.getGatewayAddress();
        if (gateway != null) {
            final IpAddress address = IpAddress.parse(gateway.stringValue());
            final String problem;
            if (address.family() != prefix.family()) {
                problem = "gateway " + address + " is an " + address.family() + " address, subnet " + prefix
                    + " an " + prefix.family() + " prefix";
            } else {
                problem = prefix.contains(address) ? AddressRules.gatewayProblem(prefix, address)
                    : "gateway " + address + " is outside subnet " + prefix;
            }
            if (problem != null) {
                violations.add(new Violation(path + "/gateway-address", problem));
            }
        }
        final var gatewayMac = subnet.getGatewayMac();
        if (gatewayMac != null) {
            addIfProblem(violations, path + "/gateway-mac", AddressRules.macProblem(Mac.parse(gatewayMac.getValue())));
        }
        final SortedSet<String> overlapping = new TreeSet<>();
        for (Subnet other : after.subnets()) {
            final String otherText = other.requirePrefix().stringValue();
            if (!otherText.equals(text)) {
                final IpPrefix otherPrefix = IpPrefix.parse(otherText);
                if (prefix.contains(network(otherPrefix)) || otherPrefix.contains(network(prefix))) {
                    overlapping.add(otherText);
                }
            }
        }
        if (!overlapping.isEmpty()) {
            violations.add(new Violation(path, "subnet " + text + " overlaps subnet "
                + String.join(" and subnet ", overlapping) + ": subnets must not overlap (which one's gateway would "
                + "an address in both use?)"));
        }
        if (gateway != null) {
            final String address = canonical(gateway.stringValue());
            final String owner = confirmed(vmsByHome, address, "", other -> {
                final Vm found = after.vm(other);
                return found != null && homes(found).contains(address);
            });
            if (owner != null) {
                violations.add(new Violation(path + "/gateway-address", "gateway " + address
                    + " is the home address of VM " + owner));
            }
            final String migrated = confirmed(migrationsByAddress, address, "", other -> {
                final Migration found = after.migration(other);
                return found != null && newAddresses(found).contains(address);
            });
            if (migrated != null) {
                violations.add(new Violation(path + "/gateway-address", "gateway " + address
                    + " is the new address of migrated VM " + migrated));
            }
        }
    }

    private static IpAddress network(final IpPrefix prefix) {
        return switch (prefix) {
            case Ipv4Prefix ipv4 -> ipv4.network();
            case Ipv6Prefix ipv6 -> ipv6.network();
        };
    }

    /**
     * The canonical text of an address leaf (RFC 5952 for IPv6, which has many spellings), the key of the
     * uniqueness indexes; a text that is no address stays as it is (its own leaf's check refuses it).
     *
     * @param text the leaf's value
     * @return the canonical text
     */
    public static String canonical(final String text) {
        try {
            return IpAddress.parse(text).toString();
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** A VM's home addresses of both families, canonical. */
    private static List<String> homes(final Vm vm) {
        final List<String> homes = new ArrayList<>(2);
        if (vm.getHomeAddress() != null) {
            homes.add(vm.getHomeAddress().getValue());
        }
        if (vm.getHomeAddress6() != null) {
            homes.add(canonical(vm.getHomeAddress6().getValue()));
        }
        return homes;
    }

    /** A migration's new addresses of both families, canonical. */
    private static List<String> newAddresses(final Migration migration) {
        final List<String> addresses = new ArrayList<>(2);
        if (migration.getNewAddress() != null) {
            addresses.add(migration.getNewAddress().getValue());
        }
        if (migration.getNewAddress6() != null) {
            addresses.add(canonical(migration.getNewAddress6().getValue()));
        }
        return addresses;
    }

    /**
     * Reads one address leaf of a family: the address, or a violation naming the leaf when the text is not one.
     */
    private static @Nullable IpAddress readAddress(final String text, final Family family, final String path,
            final String leaf, final List<Violation> violations) {
        try {
            return family == Family.IPV4 ? Ipv4.parse(text) : Ipv6.parse(text);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path + "/" + leaf, leaf + " " + text + " is not an " + family
                + " address" + (family == Family.IPV6 ? " in RFC 4291 text (up to eight groups of hexadecimal digits "
                + "separated by colons, '::' for one run of zero groups, e.g. 2001:db8:1::5)" : "")));
            return null;
        }
    }

    private static void addIfProblem(final List<Violation> violations, final String path,
            final @Nullable String problem) {
        if (problem != null) {
            violations.add(new Violation(path, problem));
        }
    }

    private void checkVm(final Vm vm, final Lookup after, final Supplier<Map<String, String>> gateways,
            final List<Violation> violations) {
        final String vmId = vm.requireVmId().getValue();
        final String path = ROOT + "/vm=" + vmId;
        if (vm.getState() != null) {
            violations.add(new Violation(path + "/state", STATE_NOT_CONFIGURABLE));
        }
        final boolean noHome = vm.getHomeAddress() == null && vm.getHomeAddress6() == null;
        if (noHome || vm.getMac() == null) {
            // the datastore refuses a missing mac too; this says which leaf, however the entry arrived
            if (noHome) {
                violations.add(new Violation(path + "/home-address", "home-address is mandatory for a VM without "
                    + "home-address6: a VM needs home-address (IPv4), home-address6 (IPv6) or both"));
            }
            if (vm.getMac() == null) {
                violations.add(new Violation(path + "/mac", "mac is mandatory for a VM"));
            }
            return;
        }
        final var attachment = vm.getAttachment();
        if (attachment != null && (attachment.getNodeId() == null || attachment.getPort() == null)) {
            for (var missing : missing("node-id", attachment.getNodeId(), "port", attachment.getPort())) {
                violations.add(new Violation(path + "/attachment/" + missing, missing
                    + " is mandatory in an attachment"));
            }
        }
        final String mac = normalizedMac(vm.requireMac().getValue());
        if (vm.getHomeAddress() != null) {
            checkHome(vmId, vm.getHomeAddress().getValue(), Family.IPV4, "home-address", after, gateways,
                violations);
        }
        if (vm.getHomeAddress6() != null) {
            checkHome(vmId, vm.getHomeAddress6().getValue(), Family.IPV6, "home-address6", after, gateways,
                violations);
        }
        addIfProblem(violations, path + "/mac", AddressRules.macProblem(Mac.parse(mac)));
        final String macOwner = confirmed(vmsByMac, mac, vmId, other -> {
            final Vm found = after.vm(other);
            return found != null && normalizedMac(found.requireMac().getValue()).equals(mac);
        });
        if (macOwner != null) {
            violations.add(new Violation(path + "/mac", "MAC " + mac + " already belongs to VM " + macOwner));
        }
        if (attachment != null && vm.getInterfaceName() != null) {
            violations.add(new Violation(path + "/interface-name", "a VM attaches either by attachment (switch and "
                + "port) or by interface-name, not both: give only one of them"));
        }
        if (vm.getActivation() == org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
                .rev261205.Activation.Announce && vm.getInterfaceName() == null) {
            violations.add(new Violation(path + "/activation", "activation announce needs interface-name: an "
                + "announcement is trusted only from the port the switches report for the VM's interface"));
        }
        if (attachment != null && attachment.getNodeId() != null) {
            addIfProblem(violations, path + "/attachment/node-id",
                IdentifierRules.nodeIdProblem(attachment.getNodeId().getValue()));
        }
    }

    private void checkHome(final String vmId, final String text, final Family family, final String leaf,
            final Lookup after, final Supplier<Map<String, String>> gateways, final List<Violation> violations) {
        final String path = ROOT + "/vm=" + vmId + "/" + leaf;
        final IpAddress address = readAddress(text, family, ROOT + "/vm=" + vmId, leaf, violations);
        if (address == null) {
            return;
        }
        addIfProblem(violations, path, AddressRules.hostProblem(address));
        final String home = address.toString();
        final String homeOwner = confirmed(vmsByHome, home, vmId, other -> {
            final Vm found = after.vm(other);
            return found != null && homes(found).contains(home);
        });
        if (homeOwner != null) {
            violations.add(new Violation(path, "home address " + home + " already belongs to VM " + homeOwner));
        }
        final String migrated = confirmed(migrationsByAddress, home, vmId, other -> {
            final Migration found = after.migration(other);
            return found != null && newAddresses(found).contains(home);
        });
        if (migrated != null) {
            violations.add(new Violation(path, "home address " + home + " is the new address of migrated VM "
                + migrated));
        }
        final String subnet = gateways.get().get(home);
        if (subnet != null) {
            violations.add(new Violation(path, "home address " + home + " is the gateway of subnet " + subnet));
        }
    }

    private static void checkGroup(final ApplicationGroup group, final Lookup after,
            final List<Violation> violations) {
        final String path = ROOT + "/application-group=" + group.requireName().getValue();
        for (var key : group.nonnullMember().keySet()) {
            final String vmId = key.getVmId().getValue();
            if (after.vm(vmId) == null) {
                violations.add(new Violation(path + "/member=" + vmId, "VM " + vmId
                    + " is not registered: add it to the vm list first"));
            }
        }
    }

    private void checkMigration(final Migration migration, final Lookup after,
            final Supplier<Map<String, String>> gateways, final List<Violation> violations) {
        final String vmId = migration.requireVmId().getValue();
        final String path = ROOT + "/migration=" + vmId;
        if (migration.getState() != null) {
            violations.add(new Violation(path + "/state", STATE_NOT_CONFIGURABLE));
        }
        if (migration.getNewAddress() == null && migration.getNewAddress6() == null) {
            violations.add(new Violation(path + "/new-address", "a migration needs a new address: new-address "
                + "(IPv4), new-address6 (IPv6) or both"));
            return;
        }
        final Vm vm = after.vm(vmId);
        if (vm == null) {
            violations.add(new Violation(path, "VM " + vmId + " is not registered: add it to the vm list first"));
            return;
        }
        if (migration.getNewAddress() != null) {
            checkNewAddress(vmId, migration.getNewAddress().getValue(), Family.IPV4, "new-address",
                vm.getHomeAddress() == null ? null : vm.getHomeAddress().getValue(), after, gateways, violations);
        }
        if (migration.getNewAddress6() != null) {
            checkNewAddress(vmId, migration.getNewAddress6().getValue(), Family.IPV6, "new-address6",
                vm.getHomeAddress6() == null ? null : vm.getHomeAddress6().getValue(), after, gateways, violations);
        }
        final var cutOver = migration.getCutOver();
        if (cutOver != null) {
            for (var peer : new TreeSet<>(cutOver.stream().map(name -> name.getValue()).toList())) {
                if (peer.equals(vmId)) {
                    violations.add(new Violation(path + "/cut-over", "VM " + vmId + " cannot cut over to itself"));
                } else if (after.vm(peer) == null) {
                    violations.add(new Violation(path + "/cut-over", "cut-over peer " + peer
                        + " is not registered: add it to the vm list first"));
                }
            }
        }
        final var newMac = migration.getNewMac();
        if (newMac != null) {
            final String mac = normalizedMac(newMac.getValue());
            addIfProblem(violations, path + "/new-mac", AddressRules.macProblem(Mac.parse(mac)));
            final String owner = confirmed(vmsByMac, mac, vmId, id -> {
                final Vm found = after.vm(id);
                return found != null && normalizedMac(found.requireMac().getValue()).equals(mac);
            });
            if (owner != null) {
                violations.add(new Violation(path + "/new-mac", "new MAC " + mac + " is the MAC of VM " + owner));
            }
        }
        final var newAttachment = migration.getNewAttachment();
        if (newAttachment != null && newAttachment.getNodeId() != null) {
            addIfProblem(violations, path + "/new-attachment/node-id",
                IdentifierRules.nodeIdProblem(newAttachment.getNodeId().getValue()));
        }
    }

    private void checkNewAddress(final String vmId, final String text, final Family family, final String leaf,
            final @Nullable String homeText, final Lookup after, final Supplier<Map<String, String>> gateways,
            final List<Violation> violations) {
        final String path = ROOT + "/migration=" + vmId + "/" + leaf;
        if (homeText == null) {
            violations.add(new Violation(path, "VM " + vmId + " has no " + family + " home address ("
                + (family == Family.IPV4 ? "home-address" : "home-address6") + "): " + leaf
                + " is translated only for a VM that has one"));
            return;
        }
        final IpAddress parsed = readAddress(text, family, ROOT + "/migration=" + vmId, leaf, violations);
        if (parsed == null) {
            return;
        }
        addIfProblem(violations, path, AddressRules.hostProblem(parsed));
        final String address = parsed.toString();
        if (address.equals(canonical(homeText))) {
            violations.add(new Violation(path, "new address " + address + " is VM " + vmId
                + "'s home address; a VM at home has no migration (delete it, or notify the return home)"));
        } else {
            final String owner = confirmed(vmsByHome, address, vmId, other -> {
                final Vm found = after.vm(other);
                return found != null && homes(found).contains(address);
            });
            if (owner != null) {
                violations.add(new Violation(path, "new address " + address + " is the home address of VM "
                    + owner));
            }
        }
        final String other = confirmed(migrationsByAddress, address, vmId, id -> {
            final Migration found = after.migration(id);
            return found != null && newAddresses(found).contains(address);
        });
        if (other != null) {
            violations.add(new Violation(path, "new address " + address + " is already the new address of migrated VM "
                + other));
        }
        final String subnet = gateways.get().get(address);
        if (subnet != null) {
            violations.add(new Violation(path, "new address " + address + " is the gateway of subnet " + subnet));
        }
    }

    private static List<String> missing(final String firstName, final @Nullable Object first,
            final String secondName, final @Nullable Object second) {
        final List<String> names = new ArrayList<>(2);
        if (first == null) {
            names.add(firstName);
        }
        if (second == null) {
            names.add(secondName);
        }
        return names;
    }

    /**
     * Finds another VM that really holds a value: the index's candidates, confirmed in the resulting configuration;
     * candidates that no longer hold it are dropped from the index.
     */
    private static @Nullable String confirmed(final CompactSetMultimap<String, String> index, final String value,
            final String self, final Predicate<String> holds) {
        String found = null;
        for (String candidate : index.retain(value, holds)) {
            if (!candidate.equals(self) && (found == null || candidate.compareTo(found) < 0)) {
                found = candidate;
            }
        }
        return found;
    }

    /**
     * Every entry that really holds a value: the index's candidates, confirmed in the resulting configuration;
     * candidates that no longer hold it are dropped from the index.
     */
    private static SortedSet<String> holders(final CompactSetMultimap<String, String> index, final String value,
            final Predicate<String> holds) {
        return new TreeSet<>(index.retain(value, holds));
    }

    static String normalizedMac(final String mac) {
        return requireNonNull(mac).toLowerCase(Locale.ROOT);
    }
}
