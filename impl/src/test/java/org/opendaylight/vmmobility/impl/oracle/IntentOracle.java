/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.oracle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.opendaylight.vmmobility.impl.oracle.SimulatedSwitch.Emission;
import org.opendaylight.vmmobility.impl.oracle.SimulatedSwitch.Port;
import org.opendaylight.vmmobility.impl.oracle.SimulatedSwitch.Walk;
import org.opendaylight.vmmobility.impl.planner.Attachment;
import org.opendaylight.vmmobility.impl.planner.Ipv4Prefix;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;

/**
 * An oracle for a plan that shares no code with the planner: it sends packets through {@link SimulatedSwitch}es
 * holding the flows FRM would push and checks what comes out against what the intent means (README, "VM
 * Mobility"; docs/DESIGN.md, "Data plane"), derived here from the intent alone:
 *
 * <ul>
 *   <li>A VM's current address, MAC and attachment are its migration's where given, else its own.</li>
 *   <li>A migration of M is translated when M is registered and in a group, its new address is not its home
 *       address and no other VM has that address now.</li>
 *   <li>Member P sees M at M's home address (P is translated for M) when M is translated, P shares a group with M,
 *       P did not cut over from M's migration, and P is attached with its current address in a configured subnet;
 *       otherwise P sees M at M's current address.</li>
 *   <li>So, between two VMs P and V attached somewhere: P sends to the address P sees V at; it reaches V with
 *       destination V's current address and source the address V sees P at. Where P sees V at home, P's edge
 *       switch sends it to the next hop: V's current MAC if V's current address lies in P's subnet (longest
 *       prefix), else the MAC of the gateway of P's subnet.</li>
 *   <li>P's ARP request for the home address of V, in P's subnet, is answered by P's edge switch, out of the port
 *       it came in on, from the next hop (Ethernet and ARP sender hardware address) for the home address, to P;
 *       nothing else asks and gets an answer.</li>
 *   <li>A packet to a home address that the sender does not see V at (a non-member, a peer that cut over), and the
 *       packets of a member that enter through another port than the member's, leave the sender's edge switch
 *       untouched.</li>
 * </ul>
 *
 * <p>Only what the intent states unambiguously is checked: both VMs of a pair have addresses (home and current)
 * that no other VM has, unicast MACs, and every next hop involved is unicast; the others (which the planner reports
 * as problems) are counted as skipped. A packet the pipeline does not handle (no flow of the entry table matches)
 * is forwarded untouched by the rest of the switch.
 */
public final class IntentOracle {
    /** The port a routed packet enters the receiver's edge switch on: no VM's port. */
    public static final long UPLINK = 65000;
    /** A port no member is attached to, for forged packets. */
    public static final long FOREIGN_PORT = 64999;
    private static final long ASKED_MAC = 0x02FF_FFFF_FF01L;
    private static final int MAX_REPORTED = 25;

    /**
     * The oracle's verdict.
     *
     * @param violations what did not happen as the intent says (the first few in full, then a count)
     * @param checks how many checks of each kind passed or failed
     * @param skipped pairs not checked because the intent is ambiguous or unplannable for them
     */
    public record Report(List<String> violations, Map<String, Integer> checks, int skipped) {
        /**
         * Tells whether every check passed.
         *
         * @return true if no violation
         */
        public boolean passed() {
            return violations.isEmpty();
        }

        /**
         * The number of checks made.
         *
         * @return the sum over all kinds
         */
        public int total() {
            return checks.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A registered VM as it is now. */
    private record Now(String vmId, int home, int address, long mac, Optional<Attachment> attachment,
            Set<String> groups, boolean byInterface) {
    }

    private final OracleIntent intent;
    private final Map<String, SimulatedSwitch> switches = new TreeMap<>();
    private final Map<String, Now> vms = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Integer> checks = new TreeMap<>();
    private int violationCount;
    private int skipped;

    private IntentOracle(final OracleIntent intent, final Map<String, ? extends Collection<Flow>> flowsBySwitch) {
        this.intent = intent;
        flowsBySwitch.forEach((node, flows) -> switches.put(node, new SimulatedSwitch(node, flows,
            intent.pipeline().nextTable())));
        intent.vms().forEach((vmId, vm) -> {
            final Migration migration = intent.migrations().get(vmId);
            final Set<String> groups = new TreeSet<>();
            intent.groups().forEach((name, members) -> {
                if (members.contains(vmId)) {
                    groups.add(name);
                }
            });
            final int home = vm.home4().orElseThrow().bits();
            if (migration == null) {
                vms.put(vmId, new Now(vmId, home, home, vm.mac().bits(), vm.attachment(), groups,
                    vm.interfaceName().isPresent()));
            } else {
                vms.put(vmId, new Now(vmId, home, migration.new4().orElseThrow().bits(),
                    migration.newMac().orElse(vm.mac()).bits(), migration.newAttachment().isPresent()
                        ? migration.newAttachment() : vm.attachment(), groups, vm.interfaceName().isPresent()));
            }
        });
    }

    /**
     * Checks the flows of every switch against the intent.
     *
     * @param intent the intent
     * @param flowsBySwitch the flows FRM would push, by node id (a switch not named holds none)
     * @return the verdict
     */
    public static Report check(final OracleIntent intent, final Map<String, ? extends Collection<Flow>> flowsBySwitch) {
        final IntentOracle oracle = new IntentOracle(intent, flowsBySwitch);
        oracle.checkAll();
        final List<String> reported = new ArrayList<>(oracle.violations);
        if (oracle.violationCount > reported.size()) {
            reported.add("... and " + (oracle.violationCount - reported.size()) + " more");
        }
        return new Report(List.copyOf(reported), Map.copyOf(oracle.checks), oracle.skipped);
    }

    private void checkAll() {
        for (Now sender : vms.values()) {
            if (!clean(sender) || sender.attachment.isEmpty()) {
                continue;
            }
            for (Now other : vms.values()) {
                if (other == sender) {
                    continue;
                }
                if (!clean(other)) {
                    skipped++;
                    continue;
                }
                if (!plannable(sender, other) || !plannable(other, sender)) {
                    skipped++;
                    continue;
                }
                final String pair = sender.vmId + " -> " + other.vmId;
                if (other.attachment.isPresent()) {
                    checkIpv4(pair, sender, other);
                }
                if (translated(other) && !translatedFor(sender, other)) {
                    checkUntouched(pair + " (" + why(sender, other) + ") to home address", "untouched to home",
                        sender, ipv4From(sender, sender.attachment.orElseThrow().port(), other.home));
                }
                if (translatedFor(sender, other)) {
                    checkUntouched(pair + " through foreign port", "forged ingress untouched", sender,
                        ipv4From(sender, FOREIGN_PORT, other.home));
                    checkUntouched(pair + " ARP through foreign port", "forged ingress untouched", sender,
                        Packet.arpRequest(FOREIGN_PORT, sender.mac, sender.address, other.home));
                }
                subnetOf(sender.address).filter(subnet -> contains(subnet, other.home))
                    .ifPresent(subnet -> checkArp(pair, sender, other, subnet));
            }
        }
    }

    /** IPv4 from sender to the address it sees the receiver at, through both edge switches. */
    private void checkIpv4(final String pair, final Now sender, final Now receiver) {
        final boolean toHome = translatedFor(sender, receiver);
        final boolean fromHome = translatedFor(receiver, sender);
        final String kind = toHome ? "ipv4 member to home address" : fromHome ? "ipv4 migrated VM to member"
            : "ipv4 untranslated";
        final Packet sent = ipv4From(sender, sender.attachment.orElseThrow().port(), seenAt(sender, receiver));
        final String senderNode = sender.attachment.orElseThrow().nodeId();
        final String receiverNode = receiver.attachment.orElseThrow().nodeId();
        final List<String> trace = new ArrayList<>();
        final Optional<Packet> egress = forward(senderNode, sent, trace);
        if (egress.isEmpty()) {
            fail(kind, pair + ": " + sent + " was not forwarded by " + senderNode + ": " + trace);
            return;
        }
        final long expectedEthDst = toHome ? nextHop(subnetOf(sender.address).orElseThrow(), receiver)
            : sent.ethDst();
        if (egress.orElseThrow().ethDst() != expectedEthDst || egress.orElseThrow().ethSrc() != sent.ethSrc()) {
            fail(kind, pair + ": " + sent + " left " + senderNode + " with eth " + Packet.mac(egress.orElseThrow()
                .ethSrc()) + " > " + Packet.mac(egress.orElseThrow().ethDst()) + ", expected > "
                + Packet.mac(expectedEthDst) + ": " + trace);
            return;
        }
        final Optional<Packet> delivered = senderNode.equals(receiverNode) ? egress
            : forward(receiverNode, egress.orElseThrow().arrivingAt(UPLINK), trace);
        if (delivered.isEmpty()) {
            fail(kind, pair + ": " + sent + " was not forwarded by " + receiverNode + ": " + trace);
            return;
        }
        final Packet got = delivered.orElseThrow();
        final int expectedSrc = seenAt(receiver, sender);
        if (got.ipv4Src() != expectedSrc || got.ipv4Dst() != receiver.address || got.ethType() != Packet.ETH_IPV4) {
            fail(kind, pair + ": " + sent + " reached " + receiver.vmId + " as " + got + ", expected ip "
                + Packet.ip(expectedSrc) + " > " + Packet.ip(receiver.address) + " (" + why(sender, receiver) + "; "
                + why(receiver, sender) + "): " + trace);
            return;
        }
        pass(kind);
    }

    /** A member's ARP request for a VM's home address in its subnet. */
    private void checkArp(final String pair, final Now asker, final Now target, final Subnet subnet) {
        final Packet request = Packet.arpRequest(asker.attachment.orElseThrow().port(), asker.mac, asker.address,
            target.home);
        if (!translatedFor(asker, target)) {
            checkUntouched(pair + " ARP (" + why(asker, target) + ")", "arp untouched", asker, request);
            return;
        }
        final String node = asker.attachment.orElseThrow().nodeId();
        final Walk walk;
        try {
            walk = walk(node, request);
        } catch (IllegalStateException e) {
            fail("arp answered", pair + ": ARP " + request + " on " + node + ": " + e.getMessage());
            return;
        }
        final long nextHop = nextHop(subnet, target);
        final Packet reply = new Packet(request.inPort(), nextHop, asker.mac, Packet.ETH_ARP, 0, 0, 2, target.home,
            asker.address, nextHop, asker.mac, 0);
        if (walk.emissions().size() != 1 || walk.emissions().get(0).port() != Port.IN_PORT
                || !walk.emissions().get(0).packet().sameHeaders(reply)) {
            fail("arp answered", pair + ": ARP " + request + " on " + node + " should be answered with " + reply
                + " out of IN_PORT, was " + walk);
            return;
        }
        pass("arp answered");
    }

    private void checkUntouched(final String what, final String kind, final Now sender, final Packet packet) {
        final String node = sender.attachment.orElseThrow().nodeId();
        final List<String> trace = new ArrayList<>();
        final Optional<Packet> out = forward(node, packet, trace);
        if (out.isEmpty() || !out.orElseThrow().sameHeaders(packet)) {
            fail(kind, what + ": " + packet + " should leave " + node + " untouched: " + trace);
            return;
        }
        pass(kind);
    }

    /**
     * Walks a packet through a switch and returns it as it is forwarded (once, to NORMAL or to the next table),
     * or the packet itself if the pipeline does not handle it; empty if it was dropped, sent back or copied.
     */
    private Optional<Packet> forward(final String node, final Packet packet, final List<String> trace) {
        final Walk walk;
        try {
            walk = walk(node, packet);
        } catch (IllegalStateException e) {
            trace.add(node + ": " + e.getMessage());
            return Optional.empty();
        }
        trace.add(node + ": " + walk);
        if (!walk.handled()) {
            return Optional.of(packet);
        }
        final Port expected = intent.pipeline().nextTable() == PipelineConfig.OUTPUT_NORMAL ? Port.NORMAL
            : Port.NEXT_TABLE;
        if (walk.emissions().size() != 1) {
            return Optional.empty();
        }
        final Emission emission = walk.emissions().get(0);
        if (emission.port() != expected || expected == Port.NEXT_TABLE
                && emission.number() != intent.pipeline().nextTable()) {
            return Optional.empty();
        }
        return Optional.of(emission.packet());
    }

    private Walk walk(final String node, final Packet packet) {
        final SimulatedSwitch sw = switches.getOrDefault(node, new SimulatedSwitch(node, List.of(),
            intent.pipeline().nextTable()));
        // packets enter in table 0; the pipeline's base table when table 0 is someone else's (it holds no flow of
        // ours: another application hands packets on to the base table)
        return sw.process(packet, sw.hasFlowsIn(0) ? 0 : intent.pipeline().baseTable());
    }

    private Packet ipv4From(final Now sender, final long port, final int dst) {
        return Packet.ipv4(port, sender.mac, ASKED_MAC, sender.address, dst);
    }

    // ---- the intent's meaning

    private int seenAt(final Now viewer, final Now vm) {
        return translatedFor(viewer, vm) ? vm.home : vm.address;
    }

    private boolean translated(final Now vm) {
        final Migration migration = intent.migrations().get(vm.vmId);
        if (migration == null || vm.groups.isEmpty() || vm.address == vm.home) {
            return false;
        }
        return vms.values().stream().filter(other -> other.address == vm.address).count() == 1;
    }

    private boolean translatedFor(final Now member, final Now vm) {
        return member != vm && translated(vm) && shareGroup(member, vm)
            && !intent.migrations().get(vm.vmId).cutOver().contains(member.vmId) && member.attachment.isPresent()
            && subnetOf(member.address).isPresent();
    }

    private String why(final Now member, final Now vm) {
        if (translatedFor(member, vm)) {
            return member.vmId + " sees " + vm.vmId + " at home";
        }
        if (!translated(vm)) {
            return vm.vmId + " not translated";
        }
        if (!shareGroup(member, vm)) {
            return member.vmId + " is no member of " + vm.vmId + "'s groups";
        }
        if (intent.migrations().get(vm.vmId).cutOver().contains(member.vmId)) {
            return member.vmId + " cut over from " + vm.vmId;
        }
        return member.vmId + " has no attachment or subnet";
    }

    private static boolean shareGroup(final Now first, final Now second) {
        return first.groups.stream().anyMatch(second.groups::contains);
    }

    /** Whether the intent says unambiguously what a packet from or to this VM becomes. */
    private boolean clean(final Now vm) {
        if (vm.byInterface || !unicast(vm.mac)) {
            return false;
        }
        for (Now other : vms.values()) {
            if (other != vm && (other.address == vm.address || other.address == vm.home || other.home == vm.address
                    || other.home == vm.home)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the next hop towards the VM that the member needs (if it sees it at home) is a unicast MAC. */
    private boolean plannable(final Now member, final Now vm) {
        return !translatedFor(member, vm) || unicast(nextHop(subnetOf(member.address).orElseThrow(), vm));
    }

    private long nextHop(final Subnet subnet, final Now vm) {
        return contains(subnet, vm.address) ? vm.mac : subnet.gatewayMac().bits();
    }

    private Optional<Subnet> subnetOf(final int address) {
        Subnet best = null;
        for (Subnet subnet : intent.subnets()) {
            if (contains(subnet, address) && (best == null || subnet.prefix().length() > best.prefix().length())) {
                best = subnet;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean contains(final Subnet subnet, final int address) {
        final int length = subnet.prefix().length();
        final int mask = length == 0 ? 0 : -1 << 32 - length;
        return ((((Ipv4Prefix) subnet.prefix()).network().bits() ^ address) & mask) == 0;
    }

    private static boolean unicast(final long mac) {
        return mac != 0 && (mac >>> 40 & 1) == 0;
    }

    private void pass(final String kind) {
        checks.merge(kind, 1, Integer::sum);
    }

    private void fail(final String kind, final String violation) {
        checks.merge(kind + " FAILED", 1, Integer::sum);
        violationCount++;
        if (violations.size() < MAX_REPORTED) {
            violations.add(violation);
        }
    }
}
