/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans the translation pipeline of docs/DESIGN.md: from subnets, groups, migrations and the pipeline configuration,
 * the exact set of flows of every switch. Pure and deterministic: the same intent gives the same plan, whatever the
 * order of its collections.
 *
 * <p>For a migrated member M (home H, current address C) and every other member P of each of M's groups, the flows
 * go on P's current edge switch. Definitions:
 * <ul>
 *   <li>A VM's current address, MAC and attachment are its migration's new ones where given, else its member's
 *       (a VM in several groups is taken from the alphabetically first group).</li>
 *   <li>class(P) is the set of <em>all</em> of P's groups plus the subnet of P's current address (longest prefix
 *       match), hashed to 32 bits; members with the same class on one switch share their translation flows (tables
 *       T+1 and T+3). tag(P) is P's VM id hashed to 32 bits. On each switch, collisions (and zero) are resolved by
 *       taking the keys in sorted order and probing upwards by one.</li>
 *   <li>P gets flows only if some migration translates for it: a migration of another VM sharing a group with P,
 *       with a new address other than its home address. P's ARP classification (T) and ARP finishing (T+4) exist
 *       only if one of those VMs' home addresses is in P's subnet (only then does P ARP for it).</li>
 *   <li>A member without a current attachment, or whose current address is in no configured subnet, gets no flows;
 *       each migration that would translate for it reports it as a problem. A migration of a VM in no group, to its
 *       home address, or to an address another VM uses now, translates nothing and reports why.</li>
 *   <li>A switch with translation flows gets the miss flows of tables T to T+3. With default forwarding, every
 *       connected switch gets them too, and table 0 a goto T when T is not 0.</li>
 * </ul>
 * Flows per switch: four per local member (at most) plus three per (local class, migration) plus four miss flows.
 */
public final class TranslationPlanner {
    private static final long ALL_BITS = -1L;
    private static final long CLASS_MASK = 0xFFFF_FFFF_0000_0000L;
    private static final long TAG_MASK = 0x0000_0000_FFFF_FFFFL;
    private static final String ID_PREFIX = "vmm-";

    private final MobilityIntent intent;
    private final PipelineConfig config;
    private final List<Subnet> subnetsByLength;
    private final Map<String, Vm> vms = new TreeMap<>();
    private final Map<String, Vm> translated = new TreeMap<>();
    private final Map<String, MigrationAccumulator> migrations = new TreeMap<>();
    private final Map<String, Map<String, PlannedFlow>> flowsBySwitch = new TreeMap<>();

    private TranslationPlanner(final MobilityIntent intent) {
        this.intent = intent;
        config = intent.pipeline();
        subnetsByLength = intent.subnets().stream()
            .sorted(Comparator.comparingInt((Subnet subnet) -> subnet.prefix().length()).reversed()
                .thenComparing(Subnet::prefix))
            .toList();
    }

    /**
     * Plans the flows of an intent.
     *
     * @param intent the intent
     * @return the plan
     */
    public static Plan plan(final MobilityIntent intent) {
        return new TranslationPlanner(intent).run();
    }

    private Plan run() {
        collectVms();
        collectMigrations();

        final Map<String, List<Peer>> peersBySwitch = new TreeMap<>();
        for (Vm vm : vms.values()) {
            peerOf(vm).ifPresent(peer -> peersBySwitch.computeIfAbsent(peer.vm.attachment.orElseThrow().nodeId(),
                key -> new ArrayList<>()).add(peer));
        }
        peersBySwitch.forEach(this::planSwitch);

        if (config.installDefaultForwarding()) {
            for (String nodeId : new TreeSet<>(intent.connectedSwitches())) {
                addMissFlows(nodeId);
                if (config.baseTable() > 0) {
                    add(nodeId, flow(FlowKind.GOTO_BASE, nodeId, (short) 0, 0, "", "table=0",
                        "vmm table 0 miss: goto " + config.baseTable(), FlowMatch.ANY,
                        new FlowAction.GotoTable(config.baseTable())));
                }
            }
        }

        final ImmutableSortedMap.Builder<String, MigrationPlan> migrationPlans = ImmutableSortedMap.naturalOrder();
        migrations.forEach((vmId, acc) -> migrationPlans.put(vmId, acc.build(vmId)));
        return new Plan(ImmutableSortedMap.copyOf(flowsBySwitch), migrationPlans.build());
    }

    private void collectVms() {
        final List<Group> groups = intent.groups().stream().sorted(Comparator.comparing(Group::name)).toList();
        for (Group group : groups) {
            for (Member member : group.members()) {
                vms.computeIfAbsent(member.vmId(), key -> new Vm(member)).groups.add(group.name());
            }
        }
    }

    private void collectMigrations() {
        for (Migration migration : intent.migrations()) {
            final MigrationAccumulator acc = new MigrationAccumulator();
            migrations.put(migration.vmId(), acc);
            final Vm vm = vms.get(migration.vmId());
            if (vm == null) {
                acc.problems.add("not a member of any group");
                continue;
            }
            vm.address = migration.newAddress();
            migration.newMac().ifPresent(mac -> vm.mac = mac);
            if (migration.newAttachment().isPresent()) {
                vm.attachment = migration.newAttachment();
            }
        }
        // a current address used by two VMs would give two members' flows the same match
        final Map<Ipv4, SortedSet<String>> vmsByAddress = new TreeMap<>();
        for (Vm vm : vms.values()) {
            vmsByAddress.computeIfAbsent(vm.address, key -> new TreeSet<>()).add(vm.vmId);
        }
        for (Map.Entry<String, MigrationAccumulator> entry : migrations.entrySet()) {
            final Vm vm = vms.get(entry.getKey());
            if (vm == null) {
                continue;
            }
            final SortedSet<String> others = new TreeSet<>(vmsByAddress.get(vm.address));
            others.remove(vm.vmId);
            if (vm.address.equals(vm.home)) {
                entry.getValue().problems.add("new address " + vm.address + " is its home address: nothing to "
                    + "translate");
            } else if (!others.isEmpty()) {
                entry.getValue().problems.add("new address " + vm.address + " is also the address of "
                    + String.join(", ", others) + ": not translated");
            } else {
                translated.put(vm.vmId, vm);
            }
        }
    }

    /**
     * Returns P as a peer of the migrations that translate for it, or empty if none does or it cannot be planned
     * (reporting the problem on those migrations).
     */
    private Optional<Peer> peerOf(final Vm vm) {
        final SortedSet<String> relevant = new TreeSet<>();
        for (Vm migrated : translated.values()) {
            if (migrated != vm && shareGroup(vm, migrated)) {
                relevant.add(migrated.vmId);
            }
        }
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        if (vm.attachment.isEmpty()) {
            for (String vmId : relevant) {
                migrations.get(vmId).problems.add("member " + vm.vmId + " of " + sharedGroups(vm, translated.get(vmId))
                    + " has no attachment: not translated for it");
            }
            return Optional.empty();
        }
        final Optional<Subnet> subnet = subnetOf(vm.address);
        if (subnet.isEmpty()) {
            for (String vmId : relevant) {
                migrations.get(vmId).problems.add("no subnet configured for " + vm.address + " (member " + vm.vmId
                    + " of " + sharedGroups(vm, translated.get(vmId)) + ")");
            }
            return Optional.empty();
        }
        final String classKey = "groups=" + String.join(",", vm.groups) + ";subnet=" + subnet.orElseThrow().prefix();
        return Optional.of(new Peer(vm, subnet.orElseThrow(), classKey, relevant));
    }

    private void planSwitch(final String nodeId, final List<Peer> peers) {
        final Map<String, PeerClass> classes = new TreeMap<>();
        final SortedSet<String> vmIds = new TreeSet<>();
        for (Peer peer : peers) {
            classes.computeIfAbsent(peer.classKey, key -> new PeerClass(key, peer.subnet, peer.vm.groups))
                .migrations.addAll(peer.relevant);
            vmIds.add(peer.vm.vmId);
        }
        final Map<String, Integer> classIds = StableHash.assignIds(new TreeSet<>(classes.keySet()));
        final Map<String, Integer> tags = StableHash.assignIds(vmIds);

        for (Peer peer : peers) {
            planPeer(nodeId, peer, Integer.toUnsignedLong(classIds.get(peer.classKey)),
                Integer.toUnsignedLong(tags.get(peer.vm.vmId)));
        }
        for (PeerClass peerClass : classes.values()) {
            final long classId = Integer.toUnsignedLong(classIds.get(peerClass.key));
            for (String vmId : peerClass.migrations) {
                planTranslation(nodeId, peerClass, classId, translated.get(vmId));
            }
        }
        final List<String> missIds = addMissFlows(nodeId);
        for (Peer peer : peers) {
            for (String vmId : peer.relevant) {
                migrations.get(vmId).required(nodeId).addAll(missIds);
            }
        }
    }

    private void planPeer(final String nodeId, final Peer peer, final long classId, final long tag) {
        final Vm vm = peer.vm;
        final long port = vm.attachment.orElseThrow().port();
        final String domain = "vm=" + vm.vmId;
        final String about = vm.vmId + " " + vm.address + " (groups " + String.join(",", vm.groups) + "; subnet "
            + peer.subnet.prefix() + ")";
        final FlowAction classify = new FlowAction.WriteMetadata(classId << 32 | tag, ALL_BITS);
        final FlowAction gotoTranslate = new FlowAction.GotoTable(config.table(1));
        final List<PlannedFlow> flows = new ArrayList<>();

        flows.add(flow(FlowKind.CLASSIFY_IPV4, nodeId, config.table(0), config.priority(), vm.vmId, domain,
            "vmm classify IPv4 from " + about,
            FlowMatch.builder().inPort(port).ipv4().ipv4Src(vm.address).build(), classify, gotoTranslate));
        flows.add(flow(FlowKind.CLASSIFY_DESTINATION, nodeId, config.table(2), config.priority(), vm.vmId, domain,
            "vmm classify IPv4 to " + about,
            FlowMatch.builder().ipv4().ipv4Dst(vm.address).build(),
            new FlowAction.WriteMetadata(classId << 32, CLASS_MASK), new FlowAction.GotoTable(config.table(3))));
        if (peer.relevant.stream().anyMatch(vmId -> peer.subnet.prefix().contains(translated.get(vmId).home))) {
            flows.add(flow(FlowKind.CLASSIFY_ARP, nodeId, config.table(0), config.priority(), vm.vmId, domain,
                "vmm classify ARP requests from " + about,
                FlowMatch.builder().inPort(port).arp().arpOp(FlowMatch.ARP_REQUEST).arpSpa(vm.address).build(),
                classify, gotoTranslate));
            flows.add(flow(FlowKind.ARP_FINISH, nodeId, config.table(4), config.priority(), vm.vmId, domain,
                "vmm finish ARP replies to " + vm.vmId + " " + vm.address + " " + vm.mac,
                FlowMatch.builder().arp().metadata(tag, TAG_MASK).build(),
                new FlowAction.SetEthDst(vm.mac), new FlowAction.SetArpTha(vm.mac),
                new FlowAction.SetArpTpa(vm.address), new FlowAction.OutputInPort()));
        }
        for (PlannedFlow flow : flows) {
            add(nodeId, flow);
            for (String vmId : peer.relevant) {
                migrations.get(vmId).required(nodeId).add(flow.flowId());
            }
        }
    }

    private void planTranslation(final String nodeId, final PeerClass peerClass, final long classId,
            final Vm migrated) {
        final Subnet subnet = peerClass.subnet;
        final Mac nextHop = subnet.prefix().contains(migrated.address) ? migrated.mac : subnet.gatewayMac();
        // the current address and next hop are part of the key: a VM that moves again gets new flow ids and cookies
        // (the old flows are deleted, the new ones added), so a flow on a switch is never mistaken for its successor
        final String domain = peerClass.key + ";vm=" + migrated.vmId + ";at=" + migrated.address + ";nh=" + nextHop;
        final String forWhom = " for groups " + String.join(",", peerClass.groups) + " in " + subnet.prefix();
        final MigrationAccumulator acc = migrations.get(migrated.vmId);

        acc.add(nodeId, add(nodeId, flow(FlowKind.TRANSLATE_TO_CURRENT, nodeId, config.table(1), config.priority(),
            migrated.vmId, domain,
            "vmm translate to " + migrated.vmId + " " + migrated.home + " -> " + migrated.address + " via "
                + nextHop + forWhom,
            FlowMatch.builder().ipv4().ipv4Dst(migrated.home).metadata(classId << 32, CLASS_MASK).build(),
            new FlowAction.SetIpv4Dst(migrated.address), new FlowAction.SetEthDst(nextHop),
            new FlowAction.GotoTable(config.table(2)))));
        acc.add(nodeId, add(nodeId, flow(FlowKind.TRANSLATE_FROM_CURRENT, nodeId, config.table(3), config.priority(),
            migrated.vmId, domain,
            "vmm translate from " + migrated.vmId + " " + migrated.address + " -> " + migrated.home + forWhom,
            FlowMatch.builder().ipv4().ipv4Src(migrated.address).metadata(classId << 32, CLASS_MASK).build(),
            new FlowAction.SetIpv4Src(migrated.home), forward())));
        if (subnet.prefix().contains(migrated.home)) {
            acc.add(nodeId, add(nodeId, flow(FlowKind.ARP_RESPOND, nodeId, config.table(1), config.priority(),
                migrated.vmId, domain,
                "vmm answer ARP for " + migrated.vmId + " " + migrated.home + " with " + nextHop + forWhom,
                FlowMatch.builder().arp().arpOp(FlowMatch.ARP_REQUEST).arpTpa(migrated.home)
                    .metadata(classId << 32, CLASS_MASK).build(),
                new FlowAction.SetEthSrc(nextHop), new FlowAction.SetArpOp(FlowMatch.ARP_REPLY),
                new FlowAction.SetArpSha(nextHop), new FlowAction.SetArpSpa(migrated.home),
                new FlowAction.GotoTable(config.table(4)))));
        }
    }

    private List<String> addMissFlows(final String nodeId) {
        final List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < 4; offset++) {
            final short table = config.table(offset);
            final FlowAction action = offset < 2 ? new FlowAction.GotoTable(config.table(2)) : forward();
            ids.add(add(nodeId, flow(FlowKind.TABLE_MISS, nodeId, table, 0, "t" + table, "table=" + table,
                "vmm table " + table + " miss: " + describe(action), FlowMatch.ANY, action)).flowId());
        }
        return ids;
    }

    private FlowAction forward() {
        return config.nextTable() == PipelineConfig.OUTPUT_NORMAL ? new FlowAction.OutputNormal()
            : new FlowAction.GotoTable((short) config.nextTable());
    }

    private static String describe(final FlowAction action) {
        return action instanceof FlowAction.GotoTable gotoTable ? "goto " + gotoTable.table() : "output NORMAL";
    }

    private static PlannedFlow flow(final FlowKind kind, final String nodeId, final short table, final int priority,
            final String readable, final String domain, final String name, final FlowMatch match,
            final FlowAction... actions) {
        final String domainKey = kind.idName() + "|switch=" + nodeId + "|" + domain;
        final String flowId = ID_PREFIX + kind.idName() + (readable.isEmpty() ? "" : "-" + sanitize(readable)) + "-"
            + StableHash.digest(domainKey + "|table=" + table);
        return new PlannedFlow(flowId, name, table, priority, StableHash.cookie(kind, domainKey), kind, match,
            ImmutableList.copyOf(actions));
    }

    private PlannedFlow add(final String nodeId, final PlannedFlow flow) {
        final PlannedFlow previous = flowsBySwitch.computeIfAbsent(nodeId, key -> new TreeMap<>())
            .putIfAbsent(flow.flowId(), flow);
        if (previous != null && !previous.equals(flow)) {
            throw new IllegalStateException("flow id " + flow.flowId() + " on " + nodeId + " planned twice: "
                + previous + " and " + flow);
        }
        return flow;
    }

    private Optional<Subnet> subnetOf(final Ipv4 address) {
        return subnetsByLength.stream().filter(subnet -> subnet.prefix().contains(address)).findFirst();
    }

    private static boolean shareGroup(final Vm first, final Vm second) {
        return first.groups.stream().anyMatch(second.groups::contains);
    }

    private static String sharedGroups(final Vm first, final Vm second) {
        final List<String> shared = first.groups.stream().filter(second.groups::contains).toList();
        return (shared.size() == 1 ? "group " : "groups ") + String.join(", ", shared);
    }

    private static String sanitize(final String text) {
        return text.replaceAll("[^A-Za-z0-9._:-]", "_");
    }

    /** A VM with its groups and its current address, MAC and attachment. */
    private static final class Vm {
        private final String vmId;
        private final Ipv4 home;
        private final SortedSet<String> groups = new TreeSet<>();
        private Ipv4 address;
        private Mac mac;
        private Optional<Attachment> attachment;

        Vm(final Member member) {
            vmId = member.vmId();
            home = member.homeAddress();
            address = member.homeAddress();
            mac = member.mac();
            attachment = member.attachment();
        }
    }

    /** A member with flows on its edge switch: its class and the migrations that translate for it. */
    private record Peer(Vm vm, Subnet subnet, String classKey, SortedSet<String> relevant) {
    }

    /** The members of one class on one switch: the migrations translated for any of them. */
    private static final class PeerClass {
        private final String key;
        private final Subnet subnet;
        private final Collection<String> groups;
        private final SortedSet<String> migrations = new TreeSet<>();

        PeerClass(final String key, final Subnet subnet, final Collection<String> groups) {
            this.key = key;
            this.subnet = subnet;
            this.groups = groups;
        }
    }

    /** What the plan does for one migration, while planning. */
    private static final class MigrationAccumulator {
        private final SortedSet<String> problems = new TreeSet<>();
        private final Map<String, Map<Direction, SortedSet<String>>> flowIds = new TreeMap<>();
        private final Map<String, SortedSet<String>> required = new TreeMap<>();

        SortedSet<String> required(final String nodeId) {
            return required.computeIfAbsent(nodeId, key -> new TreeSet<>());
        }

        void add(final String nodeId, final PlannedFlow flow) {
            flowIds.computeIfAbsent(nodeId, key -> new EnumMap<>(Direction.class))
                .computeIfAbsent(flow.kind().direction().orElseThrow(), key -> new TreeSet<>()).add(flow.flowId());
            required(nodeId).add(flow.flowId());
        }

        MigrationPlan build(final String vmId) {
            final int count = flowIds.values().stream()
                .flatMap(byDirection -> byDirection.values().stream()).mapToInt(SortedSet::size).sum();
            final ImmutableSortedMap.Builder<String, Map<Direction, Set<String>>> ids =
                ImmutableSortedMap.naturalOrder();
            flowIds.forEach((nodeId, byDirection) -> ids.put(nodeId, new EnumMap<Direction, Set<String>>(byDirection)));
            final ImmutableSortedMap.Builder<String, Set<String>> requiredIds = ImmutableSortedMap.naturalOrder();
            required.forEach(requiredIds::put);
            return new MigrationPlan(vmId, ImmutableSortedSet.copyOf(flowIds.keySet()), count, ids.build(),
                requiredIds.build(), ImmutableList.copyOf(problems));
        }
    }
}
