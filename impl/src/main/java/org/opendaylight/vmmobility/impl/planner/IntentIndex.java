/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.index.CompactSetMultimap;

/**
 * The intent as the incremental planner holds it between changes, with the indexes that find what a change touches:
 * VM to groups, group to members, group to migrated members, switch to attached VMs, address to VMs and to
 * migrations. Mutable and not thread-safe: owned by one planner.
 *
 * <p>A VM's <em>current</em> address, MAC and attachment are its migration's new ones where given, else its own.
 * Group members and migrations may name a VM that is not registered (it was deleted): such a member is ignored and
 * such a migration translates nothing.
 */
final class IntentIndex {
    private final Map<IpPrefix, Subnet> subnets = new HashMap<>();
    private List<Subnet> subnetsByLength = List.of();
    private final Map<String, Member> vms = new HashMap<>();
    /** A group's members, replaced as a whole: an immutable sorted set each (compact, 10 members in 1 array). */
    private final Map<String, ImmutableSortedSet<String>> membersOfGroup = new HashMap<>();
    // per VM (a million VMs: a million keys, nearly all of one value): compact multimaps, no set per key
    private final CompactSetMultimap<String, String> groupsOfVm = new CompactSetMultimap<>();
    private final Map<String, Migration> migrations = new HashMap<>();
    private final CompactSetMultimap<String, String> migratedInGroup = new CompactSetMultimap<>();
    private final CompactSetMultimap<IpAddress, String> vmsAtAddress = new CompactSetMultimap<>();
    private final CompactSetMultimap<IpAddress, String> migrationsToAddress = new CompactSetMultimap<>();
    private final CompactSetMultimap<String, String> vmsOnSwitch = new CompactSetMultimap<>();
    private Set<String> connected = Set.of();
    private final Map<String, Attachment> portByName = new HashMap<>();
    private final Map<Attachment, String> nameOfPort = new HashMap<>();
    private final CompactSetMultimap<String, String> vmsByInterface = new CompactSetMultimap<>();

    /**
     * Where a registered VM is now: per family, its migration's new address where given, else its home address.
     */
    record Current(Member vm, Optional<Ipv4> address4, Optional<Ipv6> address6, Mac mac,
            Optional<Attachment> attachment, boolean migrated) {
        Optional<IpAddress> address(final Family family) {
            return family == Family.IPV4 ? address4.map(IpAddress.class::cast) : address6.map(IpAddress.class::cast);
        }

        List<IpAddress> addresses() {
            return Stream.concat(address4.stream(), address6.stream()).map(IpAddress.class::cast).toList();
        }

        String addressText() {
            return addresses().stream().map(Object::toString).collect(Collectors.joining(" "));
        }
    }

    // ---- reads

    @Nullable Member vm(final String vmId) {
        return vms.get(vmId);
    }

    @Nullable Migration migration(final String vmId) {
        return migrations.get(vmId);
    }

    Optional<Current> current(final String vmId) {
        final Member vm = vms.get(vmId);
        if (vm == null) {
            return Optional.empty();
        }
        final Migration migration = migrations.get(vmId);
        // registered by interface name: where the switches report that name now; else as configured
        final Optional<Attachment> home = vm.interfaceName().isPresent()
            ? vm.interfaceName().map(portByName::get) : vm.attachment();
        if (migration == null) {
            return Optional.of(new Current(vm, vm.home4(), vm.home6(), vm.mac(), home, false));
        }
        // a family the VM has no home address of is not the VM's (the validator refuses such a migration)
        return Optional.of(new Current(vm, vm.home4().isPresent() ? migration.new4().or(vm::home4) : Optional.empty(),
            vm.home6().isPresent() ? migration.new6().or(vm::home6) : Optional.empty(),
            migration.newMac().orElse(vm.mac()),
            migration.newAttachment().isPresent() ? migration.newAttachment() : home, true));
    }

    Optional<String> currentSwitch(final String vmId) {
        return current(vmId).flatMap(Current::attachment).map(Attachment::nodeId);
    }

    SortedSet<String> groupsOf(final String vmId) {
        return ImmutableSortedSet.copyOf(groupsOfVm.get(vmId));
    }

    SortedSet<String> membersOf(final String group) {
        return membersOfGroup.getOrDefault(group, ImmutableSortedSet.of());
    }

    Set<String> migratedIn(final String group) {
        return migratedInGroup.get(group);
    }

    Set<String> vmsAt(final IpAddress address) {
        return vmsAtAddress.get(address);
    }

    Set<String> migrationsTo(final IpAddress address) {
        return migrationsToAddress.get(address);
    }

    Set<String> vmsOn(final String nodeId) {
        return vmsOnSwitch.get(nodeId);
    }

    /** The groups with a migrated member (registered or not). */
    Set<String> groupsWithMigrations() {
        return migratedInGroup.keySet();
    }

    /** The interface names VMs are registered by. */
    Set<String> interfaceNames() {
        return vmsByInterface.keySet();
    }

    Set<String> switchesWithVms() {
        return vmsOnSwitch.keySet();
    }

    Set<String> migrationIds() {
        return migrations.keySet();
    }

    Set<String> vmIds() {
        return Collections.unmodifiableSet(vms.keySet());
    }

    Set<String> connected() {
        return connected;
    }

    /** The registered subnets, longest prefix first. */
    List<Subnet> subnets() {
        return subnetsByLength;
    }

    Optional<Subnet> subnetOf(final IpAddress address) {
        for (Subnet subnet : subnetsByLength) {
            if (subnet.prefix().contains(address)) {
                return Optional.of(subnet);
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether a migration is translated in one family: its VM is registered, has a home address of the family
     * and is in a group, the migration gives a new address of the family that is not the home address, and no other
     * VM uses that address now.
     */
    boolean translated(final String vmId, final Family family) {
        final Migration migration = migrations.get(vmId);
        final Member vm = vms.get(vmId);
        if (migration == null || vm == null || groupsOf(vmId).isEmpty()) {
            return false;
        }
        final Optional<IpAddress> home = vm.home(family);
        final Optional<IpAddress> now = migration.newAddress(family);
        return home.isPresent() && now.isPresent() && !now.orElseThrow().equals(home.orElseThrow())
            && vmsAt(now.orElseThrow()).size() == 1;
    }

    /** Tells whether a migration is translated in some family. */
    boolean translated(final String vmId) {
        return translated(vmId, Family.IPV4) || translated(vmId, Family.IPV6);
    }

    /** The VMs that share a group with a VM (registered or not), without the VM itself. */
    SortedSet<String> peersOf(final String vmId) {
        final SortedSet<String> peers = new TreeSet<>();
        for (String group : groupsOf(vmId)) {
            peers.addAll(membersOf(group));
        }
        peers.remove(vmId);
        return peers;
    }

    // ---- writes

    void putSubnet(final Subnet subnet) {
        subnets.put(subnet.prefix(), subnet);
        sortSubnets();
    }

    void removeSubnet(final IpPrefix prefix) {
        subnets.remove(prefix);
        sortSubnets();
    }

    void putVm(final Member vm) {
        removeVm(vm.vmId());
        vms.put(vm.vmId(), vm);
        vm.interfaceName().ifPresent(name -> vmsByInterface.put(name, vm.vmId()));
        indexCurrent(vm.vmId());
    }

    void removeVm(final String vmId) {
        unindexCurrent(vmId);
        final Member removed = vms.remove(vmId);
        if (removed != null) {
            removed.interfaceName().ifPresent(name -> vmsByInterface.remove(name, vmId));
        }
    }

    /** The VMs registered by an interface name. */
    Set<String> vmsWithInterface(final String name) {
        return vmsByInterface.get(name);
    }

    /** The name a switch reports for a port, if any. */
    Optional<String> portName(final Attachment port) {
        return Optional.ofNullable(nameOfPort.get(port));
    }

    void putPort(final Attachment port, final String name) {
        removePort(port);
        final Attachment before = portByName.get(name);
        if (before != null) {
            nameOfPort.remove(before);
        }
        final Set<String> affected = Set.copyOf(vmsWithInterface(name));
        affected.forEach(this::unindexCurrent);
        portByName.put(name, port);
        nameOfPort.put(port, name);
        affected.forEach(this::indexCurrent);
    }

    void removePort(final Attachment port) {
        final String name = nameOfPort.get(port);
        if (name == null) {
            return;
        }
        final Set<String> affected = Set.copyOf(vmsWithInterface(name));
        affected.forEach(this::unindexCurrent);
        nameOfPort.remove(port);
        portByName.remove(name, port);
        affected.forEach(this::indexCurrent);
    }

    void putGroup(final String name, final Set<String> vmIds) {
        removeGroup(name);
        membersOfGroup.put(name, ImmutableSortedSet.copyOf(vmIds));
        for (String vmId : vmIds) {
            groupsOfVm.put(vmId, name);
            if (migrations.containsKey(vmId)) {
                migratedInGroup.put(name, vmId);
            }
        }
    }

    void removeGroup(final String name) {
        final SortedSet<String> members = membersOfGroup.remove(name);
        if (members == null) {
            return;
        }
        for (String vmId : members) {
            groupsOfVm.remove(vmId, name);
        }
        migratedInGroup.removeAll(name);
    }

    void putMigration(final Migration migration) {
        final String vmId = migration.vmId();
        removeMigration(vmId);
        unindexCurrent(vmId);
        migrations.put(vmId, migration);
        migration.new4().ifPresent(address -> migrationsToAddress.put(address, vmId));
        migration.new6().ifPresent(address -> migrationsToAddress.put(address, vmId));
        for (String group : groupsOfVm.get(vmId)) {
            migratedInGroup.put(group, vmId);
        }
        indexCurrent(vmId);
    }

    void removeMigration(final String vmId) {
        if (!migrations.containsKey(vmId)) {
            return;
        }
        unindexCurrent(vmId);
        final Migration removed = migrations.remove(vmId);
        removed.new4().ifPresent(address -> migrationsToAddress.remove(address, vmId));
        removed.new6().ifPresent(address -> migrationsToAddress.remove(address, vmId));
        for (String group : groupsOfVm.get(vmId)) {
            migratedInGroup.remove(group, vmId);
        }
        indexCurrent(vmId);
    }

    void setConnected(final Set<String> nodeIds) {
        connected = Set.copyOf(nodeIds);
    }

    private void indexCurrent(final String vmId) {
        current(vmId).ifPresent(now -> {
            now.addresses().forEach(address -> vmsAtAddress.put(address, vmId));
            now.attachment().ifPresent(at -> vmsOnSwitch.put(at.nodeId(), vmId));
        });
    }

    private void unindexCurrent(final String vmId) {
        current(vmId).ifPresent(now -> {
            now.addresses().forEach(address -> vmsAtAddress.remove(address, vmId));
            now.attachment().ifPresent(at -> vmsOnSwitch.remove(at.nodeId(), vmId));
        });
    }

    private void sortSubnets() {
        final List<Subnet> sorted = new ArrayList<>(subnets.values());
        sorted.sort(Comparator.comparingInt((Subnet subnet) -> subnet.prefix().length()).reversed()
            .thenComparing(subnet -> subnet.prefix().family()).thenComparing(subnet -> subnet.prefix().toString()));
        subnetsByLength = List.copyOf(sorted);
    }
}
