/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Plans the flows of one switch from the indexed intent (docs/DESIGN.md, "the translation pipeline"). Pure with
 * respect to the index: the same index gives the same switch plan.
 *
 * <p>The peers of a switch are the VMs attached there now that share a group with a translated migration. A peer
 * gets classification flows; each (peer class, migration) gets the translation flows; the switch gets the miss
 * flows. An entry that cannot be planned (for example a MAC that no VM can have) fails only the migrations it
 * concerns, with the reason; everything else on the switch is planned.
 */
final class SwitchPlanner {
    private static final String ID_PREFIX = "vmm-";
    private static final Pattern UNSAFE_ID_CHARS = Pattern.compile("[^A-Za-z0-9._:-]");

    private final IntentIndex index;
    private final PipelineConfig config;
    private final String nodeId;
    private final Map<String, PlannedFlow> flows = new HashMap<>();
    private final Map<String, Accumulator> contributions = new TreeMap<>();
    private final Map<Object, List<PlannedFlow>> previous;
    private final Map<Object, List<PlannedFlow>> memo = new HashMap<>();

    private SwitchPlanner(final IntentIndex index, final PipelineConfig config, final String nodeId,
            final Map<Object, List<PlannedFlow>> previous) {
        this.index = index;
        this.config = config;
        this.nodeId = nodeId;
        this.previous = previous;
    }

    /** Reuses the flows of a unit planned before from exactly the same inputs, or plans them. */
    private List<PlannedFlow> memoized(final Object key, final Supplier<List<PlannedFlow>> plan) {
        List<PlannedFlow> unit = previous.get(key);
        if (unit == null) {
            unit = plan.get();
        }
        memo.put(key, unit);
        return unit;
    }

    /**
     * Plans one switch: with the shared pipeline, or with per-pair flows where those are fewer (few migrations
     * translated for few peers, typically one migrated VM), so the switch never holds more flows than per-pair
     * translation would need.
     */
    static SwitchPlan plan(final IntentIndex index, final PipelineConfig config, final String nodeId,
            final SwitchPlan before) {
        final SwitchPlanner shared = new SwitchPlanner(index, config, nodeId, before.memo());
        shared.planAnnouncements();
        final List<Peer> peers = shared.peers();
        if (peers.isEmpty()) {
            return shared.finish();
        }
        final boolean perPair = switch (config.layout()) {
            case SHARED -> false;
            case PER_PAIR -> true;
            case AUTO -> shared.perPairCount(peers) < shared.sharedCount(peers);
        };
        if (perPair) {
            shared.planPairs(peers);
        } else {
            shared.planPeers(peers);
        }
        shared.planNeighborDiscovery(peers);
        return shared.finish();
    }

    /**
     * The flows per-pair translation needs here: three (two without ARP) per (peer, migration) and family, one miss.
     */
    private int perPairCount(final List<Peer> peers) {
        int count = 1;
        for (Peer peer : peers) {
            for (String vmId : peer.relevant) {
                count += (answersArp(peer, vmId) ? 3 : 2) + (answersNd(peer, vmId) ? 2 : 0);
            }
        }
        return count;
    }

    /**
     * Whether the peer resolves the VM's home address on its own link with Neighbor Discovery (IPv6): its
     * solicitations are sent to the controller, which answers them (two flows: from its address and from its
     * link-local one, which Linux uses for its reachability probes).
     */
    private boolean answersNd(final Peer peer, final String vmId) {
        return peer.family == Family.IPV6 && peer.subnet.prefix().contains(home(vmId, peer.family));
    }

    /** Whether the peer resolves the VM's home address on its own link (IPv4: ARP, answered for it here). */
    private boolean answersArp(final Peer peer, final String vmId) {
        return peer.family == Family.IPV4 && peer.subnet.prefix().contains(home(vmId, peer.family));
    }

    private IpAddress home(final String vmId, final Family family) {
        return index.vm(vmId).home(family).orElseThrow();
    }

    /**
     * The flows the shared pipeline needs here: two (four with ARP) per peer, three (two without ARP) per (class,
     * migration), four miss flows.
     */
    private int sharedCount(final List<Peer> peers) {
        int count = 4;
        final Map<String, PeerClass> classes = new TreeMap<>();
        for (Peer peer : peers) {
            classes.computeIfAbsent(peer.classKey, key -> new PeerClass(key, peer.family, peer.subnet, peer.groups))
                .migrations.addAll(peer.relevant);
            count += arps(peer) ? 4 : 2;
            // the same Neighbor Discovery flows as per pair
            count += 2 * (int) peer.relevant.stream().filter(vmId -> answersNd(peer, vmId)).count();
        }
        for (PeerClass peerClass : classes.values()) {
            for (String vmId : peerClass.migrations) {
                count += peerClass.family == Family.IPV4
                    && peerClass.subnet.prefix().contains(home(vmId, peerClass.family)) ? 3 : 2;
            }
        }
        return count;
    }

    private List<Peer> peers() {
        final List<Peer> peers = new ArrayList<>();
        for (String vmId : peerCandidates()) {
            for (Family family : Family.values()) {
                peerOf(vmId, family).ifPresent(peers::add);
            }
        }
        return peers;
    }

    /**
     * The VMs here that may be peers: only a member of a group with a migrated member can be one. A switch of 62,500
     * VMs, re-planned for every VM registered on it, walks only the groups with migrations (none while a registration
     * runs).
     */
    private SortedSet<String> peerCandidates() {
        return here(index.groupsWithMigrations(), index::membersOf);
    }

    /** The VMs here registered by an interface name: only those announce. */
    private SortedSet<String> announcerCandidates() {
        return here(index.interfaceNames(), index::vmsWithInterface);
    }

    /**
     * The VMs of some keys' VMs that are attached here: walking the keys where they are fewer than the VMs here,
     * else every VM here (a superset the caller filters anyway).
     */
    private SortedSet<String> here(final Set<String> keys, final Function<String, Set<String>> vmsOf) {
        final Set<String> here = index.vmsOn(nodeId);
        if (keys.size() >= here.size()) {
            return new TreeSet<>(here);
        }
        final SortedSet<String> found = new TreeSet<>();
        for (String key : keys) {
            for (String vmId : vmsOf.apply(key)) {
                if (here.contains(vmId)) {
                    found.add(vmId);
                }
            }
        }
        return found;
    }

    private SwitchPlan finish() {
        if (config.installDefaultForwarding() && index.connected().contains(nodeId)) {
            // per-pair translation already has its own base-table miss (forward); keep it
            final Map<String, PlannedFlow> before = new HashMap<>(flows);
            flows.clear();
            final List<String> shared = addMissFlows();
            if (before.values().stream().anyMatch(flow -> flow.kind() == FlowKind.TABLE_MISS
                    && flow.table() == config.table(0))) {
                // the same match and priority as the per-pair miss (another id, as its action differs): only one
                flows.remove(shared.get(0));
            }
            flows.putAll(before);
            if (config.baseTable() > 0) {
                add(flow(FlowKind.GOTO_BASE, (short) 0, 0, "", "table=0", "vmm table 0 miss: goto "
                    + config.baseTable(), FlowMatch.ANY, new FlowAction.GotoTable(config.baseTable())));
            }
        }
        final ImmutableMap.Builder<String, SwitchPlan.Contribution> parts = ImmutableMap.builder();
        contributions.forEach((vmId, acc) -> parts.put(vmId, acc.build()));
        return new SwitchPlan(ImmutableMap.copyOf(flows), parts.build(), memo);
    }

    /** The VM as a peer in one family: it has an address of the family and some migration is translated in it. */
    private Optional<Peer> peerOf(final String vmId, final Family family) {
        final IntentIndex.Current current = index.current(vmId).orElseThrow();
        final Optional<IpAddress> address = current.address(family);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        final SortedSet<String> groups = index.groupsOf(vmId);
        final SortedSet<String> relevant = new TreeSet<>();
        final SortedSet<String> cutOver = new TreeSet<>();
        for (String group : groups) {
            for (String migrated : index.migratedIn(group)) {
                if (migrated.equals(vmId) || !index.translated(migrated, family)) {
                    continue;
                }
                // a peer that cut over uses the migrated VM's new address: nothing between them is translated
                if (index.migration(migrated).cutOver().contains(vmId)) {
                    cutOver.add(migrated);
                } else {
                    relevant.add(migrated);
                }
            }
        }
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        // peers of one class share their translations: one that cut over from some migrations is in its own class
        final String classKey = "groups=" + String.join(",", groups) + (cutOver.isEmpty() ? ""
            : ";cut-over=" + String.join(",", cutOver));
        // without a subnet the peer gets nothing here; the migrations report it (IncrementalPlanner.problems)
        return index.subnetOf(address.orElseThrow()).map(subnet -> new Peer(vmId, family, address.orElseThrow(),
            current, groups, subnet, classKey + ";subnet=" + subnet.prefix(), relevant));
    }

    private void planPeers(final List<Peer> peers) {
        final Map<String, PeerClass> classes = new TreeMap<>();
        final SortedSet<String> vmIds = new TreeSet<>();
        for (Peer peer : peers) {
            classes.computeIfAbsent(peer.classKey, key -> new PeerClass(key, peer.family, peer.subnet, peer.groups))
                .migrations.addAll(peer.relevant);
            vmIds.add(peer.vmId);
        }
        final Map<String, Integer> classIds = StableHash.assignIds(new TreeSet<>(classes.keySet()));
        final Map<String, Integer> tags = StableHash.assignIds(vmIds);

        final List<String> missIds = addMissFlows();
        for (Peer peer : peers) {
            final List<PlannedFlow> peerFlows;
            try {
                final long classId = classIds.get(peer.classKey);
                final long tag = tags.get(peer.vmId);
                final boolean arps = arps(peer);
                peerFlows = memoized(new PeerUnit(peer.vmId, peer.address, peer.current, peer.groups, peer.subnet,
                    classId, tag, arps), () -> peerFlows(peer, classId, tag, arps));
            } catch (IllegalArgumentException e) {
                for (String vmId : peer.relevant) {
                    accumulator(vmId).problems.add("member " + peer.vmId + " cannot be planned on " + nodeId + ": "
                        + e.getMessage());
                }
                continue;
            }
            peerFlows.forEach(this::add);
            for (String vmId : peer.relevant) {
                final Accumulator acc = accumulator(vmId);
                peerFlows.forEach(flow -> acc.required.add(flow.flowId()));
                acc.required.addAll(missIds);
            }
        }
        for (PeerClass peerClass : classes.values()) {
            final long classId = classIds.get(peerClass.key);
            for (String vmId : peerClass.migrations) {
                translate(vmId, new ClassUnit(peerClass.key, peerClass.subnet, classId, vmId,
                    index.current(vmId).orElseThrow()), () -> translationFlows(peerClass, classId, vmId));
            }
        }
    }

    /** Per-pair translation: each (peer, migration) gets its own flows in the base table; one miss flow. */
    private void planPairs(final List<Peer> peers) {
        final short table = config.table(0);
        final String missId = add(flow(FlowKind.TABLE_MISS, table, 0, "t" + table, "table=" + table,
            "vmm table " + table + " miss: " + describe(forward()), FlowMatch.ANY, forward())).flowId();
        for (Peer peer : peers) {
            for (String vmId : peer.relevant) {
                final boolean restoresHome = restoresPeerHome(peer, vmId);
                translate(vmId, new PairUnit(peer.vmId, peer.address, peer.current, peer.subnet, vmId,
                    index.current(vmId).orElseThrow(), restoresHome), () -> pairFlows(peer, vmId, restoresHome))
                    .ifPresent(acc -> acc.required.add(missId));
            }
        }
    }

    /** Both layouts: each (IPv6 peer, migration) whose home address is on the peer's link gets the ND flows. */
    private void planNeighborDiscovery(final List<Peer> peers) {
        for (Peer peer : peers) {
            for (String vmId : peer.relevant) {
                if (answersNd(peer, vmId)) {
                    translate(vmId, new NdUnit(peer.vmId, peer.address, peer.current, peer.subnet, vmId,
                        index.current(vmId).orElseThrow()), () -> ndFlows(peer, vmId));
                }
            }
        }
    }

    /**
     * A member's Neighbor Solicitations for the VM's home address (from its own address, and from its EUI-64
     * link-local one), sent to the controller above every translation flow. The flow sets what the answer needs:
     * the next hop as the Ethernet source and the member as the destination; the controller answers with a
     * Neighbor Advertisement (NdResponder). Duplicate Address Detection (source ::) never matches. The packets pass
     * through the switch's {@link PuntMeter} first: the controller gets at most its rate from a switch.
     */
    private List<PlannedFlow> ndFlows(final Peer peer, final String vmId) {
        final IntentIndex.Current migrated = index.current(vmId).orElseThrow();
        final IntentIndex.Current self = peer.current;
        final Ipv6 home = (Ipv6) home(vmId, Family.IPV6);
        final IpAddress now = migrated.address(Family.IPV6).orElseThrow();
        final boolean sameSubnet = peer.subnet.prefix().contains(now);
        final Mac nextHop = sameSubnet ? migrated.mac() : peer.subnet.gatewayMac();
        requireUnicast(nextHop, sameSubnet ? "new MAC of " + vmId : "gateway MAC of " + peer.subnet.prefix());
        requireUnicast(self.mac(), "MAC of " + peer.vmId);
        final long port = self.attachment().orElseThrow().port();
        final List<PlannedFlow> result = new ArrayList<>();
        for (Ipv6 source : List.of((Ipv6) peer.address, self.mac().eui64LinkLocal())) {
            result.add(flow(FlowKind.ND_PUNT, config.table(0), config.priority() + 1, vmId, "peer=" + peer.vmId
                + ";from=" + source + ";vm=" + vmId + ";home=" + home + ";nh=" + nextHop,
                "vmm answer ND for " + vmId + " " + home + " with " + nextHop + " for " + peer.vmId + " " + source,
                FlowMatch.builder().inPort(port).neighborSolicitation(home).ipv6Src(source).build(),
                new FlowAction.Meter(PuntMeter.ID), new FlowAction.SetEthSrc(nextHop),
                new FlowAction.SetEthDst(self.mac()),
                new FlowAction.OutputController()));
        }
        return result;
    }

    /**
     * Each VM attached here whose own announcements start its migration (registered by interface name, activation
     * announce) gets one flow per registered subnet of a family it has, other than the one its current address of
     * that family is in: its packets from its port, with its MAC, that may announce an address in that subnet (ARP
     * with a sender address in it; a Neighbor Advertisement from an address in it) are copied to the controller
     * (through the switch's {@link PuntMeter}) and forwarded as usual. The controller starts the migration on a
     * gratuitous ARP or an unsolicited advertisement (AnnouncementListener). A VM's ordinary ARP and Neighbor
     * Discovery from its current addresses never match.
     */
    private void planAnnouncements() {
        if (index.subnets().isEmpty()) {
            return;
        }
        for (String vmId : announcerCandidates()) {
            final IntentIndex.Current current = index.current(vmId).orElseThrow();
            final Member vm = current.vm();
            final Optional<Attachment> at = current.attachment().filter(point -> point.nodeId().equals(nodeId));
            final Mac mac = vm.mac();
            if (vm.interfaceName().isEmpty() || !vm.activation().announces(config.announceByDefault())
                    || at.isEmpty() || mac.bits() == 0 || (mac.bits() >>> 40 & 1) == 1) {
                continue;
            }
            final long port = at.orElseThrow().port();
            for (Subnet subnet : index.subnets()) {
                final Family family = subnet.prefix().family();
                if (vm.home(family).isEmpty() || current.address(family).flatMap(index::subnetOf)
                        .filter(subnet::equals).isPresent()) {
                    continue;
                }
                final String domain = "vm=" + vmId + ";port=" + port + ";mac=" + mac + ";subnet=" + subnet.prefix();
                final String name = "vmm announcements of " + vmId + " " + mac + " in " + subnet.prefix()
                    + " to the controller";
                final FlowMatch match = subnet.prefix() instanceof Ipv4Prefix prefix4
                    ? FlowMatch.builder().inPort(port).ethSrc(mac).arp().arpSpaIn(prefix4).build()
                    : FlowMatch.builder().inPort(port).ethSrc(mac).neighborAdvertisement()
                        .ipv6SrcIn((Ipv6Prefix) subnet.prefix()).build();
                add(flow(FlowKind.ANNOUNCE_PUNT, config.table(0), config.priority() + 1, vmId, domain, name, match,
                    new FlowAction.Meter(PuntMeter.ID), new FlowAction.OutputController(), forward()));
            }
        }
    }

    /**
     * Adds one migration's own flows of one unit (reused when the unit's inputs did not change); a unit that cannot
     * be planned becomes the migration's problem.
     *
     * @return the migration's part of this switch, or empty if the unit could not be planned
     */
    private Optional<Accumulator> translate(final String vmId, final Object unit,
            final Supplier<List<PlannedFlow>> plan) {
        final List<PlannedFlow> own;
        try {
            own = memoized(unit, plan);
        } catch (IllegalArgumentException e) {
            accumulator(vmId).problems.add("cannot be planned on " + nodeId + ": " + e.getMessage());
            return Optional.empty();
        }
        final Accumulator acc = accumulator(vmId);
        for (PlannedFlow flow : own) {
            add(flow);
            acc.flowIds.computeIfAbsent(Direction.of(flow), key -> new TreeSet<>())
                .add(flow.flowId());
            acc.required.add(flow.flowId());
        }
        return Optional.of(acc);
    }

    /**
     * Whether the pair-to flow of (peer, VM) also restores the peer's home source address: when the peer is migrated
     * too and the VM sits on this switch, the packet meets no other flow, so the VM's side of the peer's translation
     * happens here, but only where the VM sees the peer at home (the shared pipeline's T+2/T+3): the VM did not cut
     * over from the peer's migration and its current address lies in a configured subnet.
     */
    private boolean restoresPeerHome(final Peer peer, final String vmId) {
        final IntentIndex.Current migrated = index.current(vmId).orElseThrow();
        return index.translated(peer.vmId, peer.family)
            && migrated.attachment().map(Attachment::nodeId).filter(nodeId::equals).isPresent()
            && !index.migration(peer.vmId).cutOver().contains(vmId)
            && index.subnetOf(migrated.address(peer.family).orElseThrow()).isPresent();
    }

    private List<PlannedFlow> pairFlows(final Peer peer, final String vmId, final boolean bothHere) {
        final IntentIndex.Current migrated = index.current(vmId).orElseThrow();
        final IntentIndex.Current self = peer.current;
        final IpAddress home = home(vmId, peer.family);
        final IpAddress now = migrated.address(peer.family).orElseThrow();
        final IpAddress from = peer.address;
        final Subnet subnet = peer.subnet;
        final boolean sameSubnet = subnet.prefix().contains(now);
        final Mac nextHop = sameSubnet ? migrated.mac() : subnet.gatewayMac();
        requireUnicast(nextHop, sameSubnet ? "new MAC of " + vmId : "gateway MAC of " + subnet.prefix());
        final long port = self.attachment().orElseThrow().port();
        final String domain = "peer=" + peer.vmId + ";from=" + from + ";vm=" + vmId + ";at=" + now + ";nh="
            + nextHop;
        final String pair = " for " + peer.vmId + " " + from;
        final List<PlannedFlow> result = new ArrayList<>();
        // one table, one match: see restoresPeerHome
        final List<FlowAction> to = new ArrayList<>();
        if (bothHere) {
            to.add(FlowAction.setSource(home(peer.vmId, peer.family)));
        }
        to.add(FlowAction.setDestination(now));
        to.add(new FlowAction.SetEthDst(nextHop));
        to.add(forward());
        result.add(flow(FlowKind.PAIR_TO_CURRENT, config.table(0), config.priority(), vmId, domain
            + (bothHere ? ";both-here" : ""),
            "vmm translate to " + vmId + " " + home + " -> " + now + " via " + nextHop + pair,
            FlowMatch.builder().inPort(port).ipSrc(from).ipDst(home).build(),
            to.toArray(FlowAction[]::new)));
        result.add(flow(FlowKind.PAIR_FROM_CURRENT, config.table(0), config.priority(), vmId, domain,
            "vmm translate from " + vmId + " " + now + " -> " + home + pair,
            FlowMatch.builder().ipSrc(now).ipDst(from).build(),
            FlowAction.setSource(home), forward()));
        if (answersArp(peer, vmId)) {
            final Ipv4 home4 = (Ipv4) home;
            final Ipv4 from4 = (Ipv4) from;
            requireUnicast(self.mac(), "MAC of " + peer.vmId);
            result.add(flow(FlowKind.PAIR_ARP_REPLY, config.table(0), config.priority(), vmId, domain,
                "vmm answer ARP for " + vmId + " " + home + " with " + nextHop + pair,
                FlowMatch.builder().inPort(port).arp().arpOp(FlowMatch.ARP_REQUEST).arpSpa(from4)
                    .arpTpa(home4).build(),
                new FlowAction.SetEthDst(self.mac()), new FlowAction.SetEthSrc(nextHop),
                new FlowAction.SetArpOp(FlowMatch.ARP_REPLY), new FlowAction.SetArpSha(nextHop),
                new FlowAction.SetArpSpa(home4), new FlowAction.SetArpTha(self.mac()),
                new FlowAction.SetArpTpa(from4), new FlowAction.OutputInPort()));
        }
        return result;
    }

    private boolean arps(final Peer peer) {
        return peer.relevant.stream().anyMatch(vmId -> answersArp(peer, vmId));
    }

    private List<PlannedFlow> peerFlows(final Peer peer, final long classId, final long tag, final boolean arps) {
        final IntentIndex.Current vm = peer.current;
        final IpAddress address = peer.address;
        final long port = vm.attachment().orElseThrow().port();
        final String domain = "vm=" + peer.vmId + familyDomain(peer.family);
        final String about = peer.vmId + " " + address + " (groups " + String.join(",", peer.groups)
            + "; subnet " + peer.subnet.prefix() + ")";
        final FlowAction classify = new FlowAction.WriteMetadata(Metadata.klass(classId) | Metadata.tag(tag),
            Metadata.OWNED_MASK);
        final FlowAction gotoTranslate = new FlowAction.GotoTable(config.table(1));
        final List<PlannedFlow> result = new ArrayList<>();
        result.add(flow(FlowKind.CLASSIFY_IP, config.table(0), config.priority(), peer.vmId, domain,
            "vmm classify " + peer.family + " from " + about,
            FlowMatch.builder().inPort(port).ipSrc(address).build(), classify, gotoTranslate));
        result.add(flow(FlowKind.CLASSIFY_DESTINATION, config.table(2), config.priority(), peer.vmId, domain,
            "vmm classify " + peer.family + " to " + about,
            FlowMatch.builder().ipDst(address).build(),
            new FlowAction.WriteMetadata(Metadata.klass(classId), Metadata.CLASS_MASK),
            new FlowAction.GotoTable(config.table(3))));
        if (arps) {
            final Ipv4 address4 = (Ipv4) address;
            requireUnicast(vm.mac(), "MAC of " + peer.vmId);
            result.add(flow(FlowKind.CLASSIFY_ARP, config.table(0), config.priority(), peer.vmId, domain,
                "vmm classify ARP requests from " + about,
                FlowMatch.builder().inPort(port).arp().arpOp(FlowMatch.ARP_REQUEST).arpSpa(address4).build(),
                classify, gotoTranslate));
            result.add(flow(FlowKind.ARP_FINISH, config.table(4), config.priority(), peer.vmId, domain,
                "vmm finish ARP replies to " + peer.vmId + " " + address + " " + vm.mac(),
                FlowMatch.builder().arp().metadata(Metadata.tag(tag), Metadata.TAG_MASK).build(),
                new FlowAction.SetEthDst(vm.mac()), new FlowAction.SetArpTha(vm.mac()),
                new FlowAction.SetArpTpa(address4), new FlowAction.OutputInPort()));
        }
        return result;
    }

    private List<PlannedFlow> translationFlows(final PeerClass peerClass, final long classId, final String vmId) {
        final IntentIndex.Current migrated = index.current(vmId).orElseThrow();
        final IpAddress home = home(vmId, peerClass.family);
        final IpAddress now = migrated.address(peerClass.family).orElseThrow();
        final Subnet subnet = peerClass.subnet;
        final Mac nextHop = subnet.prefix().contains(now) ? migrated.mac() : subnet.gatewayMac();
        requireUnicast(nextHop, subnet.prefix().contains(now) ? "new MAC of " + vmId
            : "gateway MAC of " + subnet.prefix());
        // the current address and next hop are part of the key: a VM that moves again gets new flow ids and cookies
        // (the old flows are deleted, the new ones added), so a flow on a switch is never mistaken for its successor
        final String domain = peerClass.key + ";vm=" + vmId + ";at=" + now + ";nh=" + nextHop;
        final String forWhom = " for groups " + String.join(",", peerClass.groups) + " in " + subnet.prefix();
        final long klass = Metadata.klass(classId);
        final List<PlannedFlow> result = new ArrayList<>();
        result.add(flow(FlowKind.TRANSLATE_TO_CURRENT, config.table(1), config.priority(), vmId, domain,
            "vmm translate to " + vmId + " " + home + " -> " + now + " via " + nextHop + forWhom,
            FlowMatch.builder().ipDst(home).metadata(klass, Metadata.CLASS_MASK).build(),
            FlowAction.setDestination(now), new FlowAction.SetEthDst(nextHop),
            new FlowAction.GotoTable(config.table(2))));
        result.add(flow(FlowKind.TRANSLATE_FROM_CURRENT, config.table(3), config.priority(), vmId, domain,
            "vmm translate from " + vmId + " " + now + " -> " + home + forWhom,
            FlowMatch.builder().ipSrc(now).metadata(klass, Metadata.CLASS_MASK).build(),
            FlowAction.setSource(home), forward()));
        if (peerClass.family == Family.IPV4 && subnet.prefix().contains(home)) {
            final Ipv4 home4 = (Ipv4) home;
            result.add(flow(FlowKind.ARP_RESPOND, config.table(1), config.priority(), vmId, domain,
                "vmm answer ARP for " + vmId + " " + home + " with " + nextHop + forWhom,
                FlowMatch.builder().arp().arpOp(FlowMatch.ARP_REQUEST).arpTpa(home4)
                    .metadata(klass, Metadata.CLASS_MASK).build(),
                new FlowAction.SetEthSrc(nextHop), new FlowAction.SetArpOp(FlowMatch.ARP_REPLY),
                new FlowAction.SetArpSha(nextHop), new FlowAction.SetArpSpa(home4),
                new FlowAction.GotoTable(config.table(4))));
        }
        return result;
    }

    private List<String> addMissFlows() {
        final List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < 4; offset++) {
            final short table = config.table(offset);
            final FlowAction action = offset < 2 ? new FlowAction.GotoTable(config.table(2)) : forward();
            ids.add(add(flow(FlowKind.TABLE_MISS, table, 0, "t" + table, "table=" + table,
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

    /** The IPv4 domains are those of model v2 (their flow ids stay); IPv6 ones say their family. */
    private static String familyDomain(final Family family) {
        return family == Family.IPV4 ? "" : ";family=6";
    }

    private static void requireUnicast(final Mac mac, final String what) {
        if (mac.bits() == 0 || (mac.bits() >>> 40 & 1) == 1) {
            throw new IllegalArgumentException(what + " " + mac + " is not a unicast MAC");
        }
    }

    private PlannedFlow flow(final FlowKind kind, final short table, final int priority, final String readable,
            final String domain, final String name, final FlowMatch match, final FlowAction... actions) {
        final String domainKey = kind.idName() + "|switch=" + nodeId + "|" + domain;
        final ImmutableList<FlowAction> actionList = ImmutableList.copyOf(actions);
        final String content = domainKey + "|table=" + table + "|priority=" + priority + "|match=" + match
            + "|actions=" + actionList;
        // the id and the cookie both cover the flow's content: a switch that holds the cookie holds this very flow,
        // not an older one, and a flow never changes under its id. openflowplugin updates a flow whose cookie
        // changed as a strict delete followed by an add, which leaves the switch without either for a moment; a
        // changed flow is a new flow instead, added before the old one is removed (FlowWriter orders them)
        final String flowId = ID_PREFIX + kind.idName() + (readable.isEmpty() ? "" : "-" + sanitize(readable)) + "-"
            + StableHash.digest(content);
        final long cookie = StableHash.cookie(kind, content);
        return new PlannedFlow(flowId, name, table, priority, cookie, kind, match, actionList);
    }

    private PlannedFlow add(final PlannedFlow flow) {
        final PlannedFlow known = flows.putIfAbsent(flow.flowId(), flow);
        if (known != null && !known.equals(flow)) {
            throw new IllegalStateException("flow id " + flow.flowId() + " on " + nodeId + " planned twice: "
                + known + " and " + flow);
        }
        return flow;
    }

    private Accumulator accumulator(final String vmId) {
        return contributions.computeIfAbsent(vmId, key -> new Accumulator());
    }

    private static String sanitize(final String text) {
        return UNSAFE_ID_CHARS.matcher(text).replaceAll("_");
    }

    /** The inputs of a peer's flows. */
    private record PeerUnit(String vmId, IpAddress address, IntentIndex.Current current, SortedSet<String> groups,
            Subnet subnet,
            long classId, long tag, boolean arps) {
    }

    /** The inputs of a (class, migration) translation. */
    private record ClassUnit(String classKey, Subnet subnet, long classId, String vmId,
            IntentIndex.Current migrated) {
    }

    /** The inputs of a (peer, migration) pair. */
    private record PairUnit(String peer, IpAddress from, IntentIndex.Current current, Subnet subnet, String vmId,
            IntentIndex.Current migrated, boolean restoresHome) {
    }

    /** The inputs of a (peer, migration) Neighbor Discovery pair. */
    private record NdUnit(String peer, IpAddress from, IntentIndex.Current current, Subnet subnet, String vmId,
            IntentIndex.Current migrated) {
    }

    /** A VM attached here that some translated migration translates for, in one family. */
    private record Peer(String vmId, Family family, IpAddress address, IntentIndex.Current current,
            SortedSet<String> groups, Subnet subnet,
            String classKey, SortedSet<String> relevant) {
    }

    /** The peers of one class on this switch: the migrations translated for any of them. */
    private static final class PeerClass {
        private final String key;
        private final Family family;
        private final Subnet subnet;
        private final Collection<String> groups;
        private final SortedSet<String> migrations = new TreeSet<>();

        PeerClass(final String key, final Family family, final Subnet subnet, final Collection<String> groups) {
            this.key = key;
            this.family = family;
            this.subnet = subnet;
            this.groups = groups;
        }
    }

    /** One migration's part of this switch, while planning. */
    private static final class Accumulator {
        private final Map<Direction, SortedSet<String>> flowIds = new EnumMap<>(Direction.class);
        private final SortedSet<String> required = new TreeSet<>();
        private final SortedSet<String> problems = new TreeSet<>();

        SwitchPlan.Contribution build() {
            final Map<Direction, Set<String>> ids = new EnumMap<>(Direction.class);
            flowIds.forEach((direction, set) -> ids.put(direction, ImmutableSortedSet.copyOf(set)));
            return new SwitchPlan.Contribution(ids, ImmutableSortedSet.copyOf(required),
                ImmutableList.copyOf(problems));
        }
    }
}
