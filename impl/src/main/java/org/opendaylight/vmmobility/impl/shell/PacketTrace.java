/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Attachment;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.Family;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.IpAddress;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.Member;
import org.opendaylight.vmmobility.impl.planner.MigrationPlan;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.planner.Subnet;

/**
 * {@code vmm:trace}, computed: an IPv4 packet from a VM to an address, walked through the flows the plan puts on
 * the VM's edge switch (the same plan the engine computes from the same intent), flow by flow with whether each is
 * on the switch now, and what the packet becomes: its rewritten destination and MAC, or why it is not translated.
 * Pure: the intent, the pipeline configuration, the switches' inventory and the migrations' published phases in,
 * text out.
 */
final class PacketTrace {
    /** More tables than a packet can visit in the pipeline: a guard against a plan that loops. */
    private static final int MAX_STEPS = 3 * PipelineConfig.TABLE_COUNT;
    private static final Comparator<PlannedFlow> MATCH_ORDER = Comparator.comparingInt(PlannedFlow::priority)
        .reversed().thenComparing(PlannedFlow::flowId);

    /**
     * A migration's published state.
     *
     * @param phase pending, active or failed
     * @param reason why it is not active, empty if it is
     */
    record Status(String phase, String reason) {
        Status {
            requireNonNull(phase);
            requireNonNull(reason);
        }

        @Override
        public String toString() {
            return reason.isEmpty() ? phase : phase + ": " + reason;
        }
    }

    /** The packet as the switch rewrites it. */
    private record Packet(long inPort, IpAddress src, IpAddress dst, @Nullable Mac ethSrc, @Nullable Mac ethDst,
            long metadata, @Nullable Ipv6 ndTarget) {
    }

    private final PipelineConfig pipeline;
    private final SwitchInventory inventory;
    private final Map<String, Status> statuses;
    private final IncrementalPlanner planner;
    private final Map<String, Member> vms = new TreeMap<>();
    private final Map<String, SortedSet<String>> groups = new TreeMap<>();
    private final Map<String, org.opendaylight.vmmobility.impl.planner.Migration> migrations = new TreeMap<>();
    private final List<Subnet> subnets = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private boolean solicitation;

    private PacketTrace(final List<Change> intent, final PipelineConfig pipeline, final SwitchInventory inventory,
            final Map<String, Status> statuses) {
        this.pipeline = requireNonNull(pipeline);
        this.inventory = requireNonNull(inventory);
        this.statuses = Map.copyOf(statuses);
        planner = new IncrementalPlanner(pipeline);
        for (Change change : intent) {
            switch (change) {
                case Change.PutSubnet put -> subnets.add(put.subnet());
                case Change.PutVm put -> vms.put(put.vm().vmId(), put.vm());
                case Change.PutGroup put -> groups.put(put.name(), new TreeSet<>(put.vmIds()));
                case Change.PutMigration put -> migrations.put(put.migration().vmId(), put.migration());
                default -> {
                    // ports and connected switches come from the inventory
                }
            }
            planner.apply(change);
        }
        inventory.ports().forEach(planner::apply);
        planner.apply(new Change.SetConnected(inventory.connected()));
        planner.replan();
    }

    /**
     * Traces a packet.
     *
     * @param intent the configuration, as the changes that build it ({@code ChangeReader.readAll})
     * @param pipeline the pipeline configuration the application runs with
     * @param inventory the switches: connected, their ports, the flows on them
     * @param statuses the migrations' published phases, by VM
     * @param from the sending VM: its id, its home address or its current address
     * @param to the destination address, or a VM id for its home address
     * @return the trace, lines ending with a newline
     */
    static String trace(final List<Change> intent, final PipelineConfig pipeline, final SwitchInventory inventory,
            final Map<String, Status> statuses, final String from, final String to) {
        final PacketTrace trace = new PacketTrace(intent, pipeline, inventory, statuses);
        trace.run(from.trim(), to.trim());
        return trace.out.toString();
    }

    /**
     * Traces a Neighbor Solicitation: a VM resolving an IPv6 address (a migrated VM's home address is answered by
     * the controller for members).
     *
     * @param intent the configuration, as the changes that build it ({@code ChangeReader.readAll})
     * @param pipeline the pipeline configuration the application runs with
     * @param inventory the switches: connected, their ports, the flows on them
     * @param statuses the migrations' published phases, by VM
     * @param from the soliciting VM: its id, its home address or its current address
     * @param target the IPv6 address it resolves, or a VM id for its IPv6 home address
     * @return the trace, lines ending with a newline
     */
    static String traceSolicitation(final List<Change> intent, final PipelineConfig pipeline,
            final SwitchInventory inventory, final Map<String, Status> statuses, final String from,
            final String target) {
        final PacketTrace trace = new PacketTrace(intent, pipeline, inventory, statuses);
        trace.solicitation = true;
        trace.run(from.trim(), target.trim());
        return trace.out.toString();
    }

    private void run(final String from, final String to) {
        final Optional<String> found = source(from);
        if (found.isEmpty()) {
            line("result:      not translated: " + from + " is not a registered VM (no VM has that id, home address "
                + "or current address)");
            return;
        }
        final Optional<IpAddress> parsed = solicitation ? Optional.ofNullable(vms.get(to))
            .flatMap(vm -> vm.home(Family.IPV6)).or(() -> address(to)) : destination(to);
        if (solicitation && parsed.filter(address -> address.family() == Family.IPV6).isEmpty()) {
            line("vmm:trace: " + to + " is neither an IPv6 address nor a VM with an IPv6 home address: a Neighbor "
                + "Solicitation resolves an IPv6 address");
            return;
        }
        if (parsed.isEmpty()) {
            line("vmm:trace: " + to + " is neither an IPv4 or IPv6 address nor a registered VM");
            return;
        }
        final String sourceId = found.orElseThrow();
        final IpAddress dst = parsed.orElseThrow();
        final var source = planner.vm(sourceId).orElseThrow();
        final Optional<IpAddress> sourceAddress = source.address(dst.family());
        if (sourceAddress.isEmpty()) {
            line("result:      not translated: " + sourceId + " has no " + dst.family() + " address");
            return;
        }
        final IpAddress src = sourceAddress.orElseThrow();
        final Optional<String> target = homeOf(dst);
        line("packet:      " + (solicitation ? "Neighbor Solicitation" : dst.family().toString()) + " from "
            + sourceId + " " + src + " (MAC " + source.mac() + ")" + (solicitation ? " for " : " to ") + dst
            + target.map(vmId -> " (home address of " + vmId + ")").orElse(""));
        if (source.attachment().isEmpty()) {
            line("result:      not translated: " + sourceId + " has no edge switch: " + source.vm().interfaceName()
                .map(name -> "no switch reports its interface " + name).orElse("it is registered without an "
                    + "attachment"));
            return;
        }
        final Attachment edge = source.attachment().orElseThrow();
        final String nodeId = edge.nodeId();
        line("edge switch: " + nodeId + ", in port " + edge.port()
            + (inventory.connected().contains(nodeId) ? "" : " (not connected now)"));
        line("pipeline:    " + FlowText.pipeline(pipeline));

        final Map<String, PlannedFlow> flows = planner.flows(nodeId);
        Packet packet = solicitation ? new Packet(edge.port(), src, solicitedNode((Ipv6) dst), null, null, 0,
            (Ipv6) dst) : new Packet(edge.port(), src, dst, null, null, 0, null);
        final List<PlannedFlow> hits = new ArrayList<>();
        // a switch with the default forwarding's table 0 -> base flow starts there; otherwise in the base table
        short table = flows.values().stream().anyMatch(flow -> flow.table() == 0) ? 0 : pipeline.baseTable();
        String end = null;
        for (int step = 0; end == null; step++) {
            final short current = table;
            final Packet now = packet;
            final Optional<PlannedFlow> hit = flows.values().stream()
                .filter(flow -> flow.table() == current && matches(flow.match(), now)).min(MATCH_ORDER);
            if (hit.isEmpty()) {
                end = flows.isEmpty() ? "no flow of the application on " + nodeId + ": the switch forwards it as "
                    + "without VM Mobility"
                    : "no flow of the application matches in table " + current + ": the switch's other flows decide";
                break;
            }
            final PlannedFlow flow = hit.orElseThrow();
            hits.add(flow);
            line("");
            line("table " + current + "  flow " + flow.flowId() + "  priority " + flow.priority() + "  on switch: "
                + inventory.presence(nodeId, flow));
            line("  match:   " + FlowText.match(flow.match()));
            line("  actions: " + FlowText.actions(flow.actions()));
            packet = apply(flow, packet);
            final Optional<FlowAction> output = flow.applyActions().stream()
                .filter(action -> action instanceof FlowAction.OutputNormal
                    || action instanceof FlowAction.OutputInPort || action instanceof FlowAction.OutputController)
                .findFirst();
            if (output.isPresent()) {
                end = FlowText.action(output.orElseThrow());
            } else if (flow.gotoTable().isEmpty()) {
                end = "dropped";
            } else {
                table = flow.gotoTable().orElseThrow().table();
                final short next = table;
                if (flows.values().stream().noneMatch(other -> other.table() == next)) {
                    end = "goto table " + next + " (after the application's pipeline)";
                } else if (step >= MAX_STEPS) {
                    end = "stopped after " + MAX_STEPS + " tables";
                }
            }
        }
        line("");
        if (solicitation) {
            answer(sourceId, dst, target, nodeId, packet, hits, end);
        } else {
            result(sourceId, src, dst, target, nodeId, packet, hits, end);
        }
    }

    /** What becomes of a Neighbor Solicitation: answered by the controller for a member, or left as it is. */
    private void answer(final String sourceId, final IpAddress resolved, final Optional<String> target,
            final String nodeId, final Packet packet, final List<PlannedFlow> hits, final String end) {
        final boolean punted = hits.stream().anyMatch(flow -> flow.kind() == FlowKind.ND_PUNT);
        if (!punted) {
            line("becomes:     unchanged, " + end);
            line("result:      not answered by VM Mobility: " + whyNot(sourceId, resolved));
            return;
        }
        final Mac nextHop = packet.ethSrc();
        line("becomes:     sent to the controller with eth_src " + nextHop + macNote(nextHop, target)
            .map(note -> " (" + note + ")").orElse("") + " and eth_dst " + packet.ethDst());
        final List<String> missing = hits.stream()
            .filter(flow -> inventory.presence(nodeId, flow) != SwitchInventory.Presence.YES)
            .map(PlannedFlow::flowId).toList();
        if (missing.isEmpty()) {
            line("result:      answered by the controller: Neighbor Advertisement " + resolved + " is at " + nextHop);
        } else {
            line("result:      not answered yet: " + (missing.size() == 1 ? "flow " : "flows ")
                + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not on " + nodeId);
        }
    }

    /** The solicited-node multicast address of an address (RFC 4291 2.7.1), a solicitation's destination. */
    private static Ipv6 solicitedNode(final Ipv6 address) {
        return new Ipv6(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | address.low() & 0xFF_FFFFL);
    }

    private void result(final String sourceId, final IpAddress src, final IpAddress dst,
            final Optional<String> target,
            final String nodeId, final Packet packet, final List<PlannedFlow> hits, final String end) {
        final boolean rewritten = !packet.dst().equals(dst) || !packet.src().equals(src);
        if (!rewritten) {
            line("becomes:     unchanged, " + end);
            line("result:      not translated: " + whyNot(sourceId, dst));
            return;
        }
        final StringBuilder becomes = new StringBuilder(dst.family() + " from ").append(packet.src());
        if (!packet.src().equals(src)) {
            becomes.append(" (").append(sourceId).append("'s home address)");
        }
        becomes.append(" to ").append(packet.dst());
        currentOf(packet.dst()).ifPresent(vmId -> becomes.append(" (").append(vmId).append("'s new address)"));
        final Mac mac = packet.ethDst();
        if (mac != null) {
            becomes.append(", eth_dst ").append(mac);
            macNote(mac, target).ifPresent(note -> becomes.append(" (").append(note).append(')'));
        }
        line("becomes:     " + becomes + ", " + end);
        final String migration = target.map(vmId -> "migration of " + vmId + ": " + Optional.ofNullable(
            statuses.get(vmId)).map(Status::toString).orElse("not published yet")).orElse("");
        final List<String> missing = hits.stream()
            .filter(flow -> inventory.presence(nodeId, flow) != SwitchInventory.Presence.YES)
            .map(PlannedFlow::flowId).toList();
        if (missing.isEmpty()) {
            line("result:      translated" + (migration.isEmpty() ? "" : " (" + migration + ")"));
        } else {
            line("result:      not translated yet: " + (missing.size() == 1 ? "flow " : "flows ")
                + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not on " + nodeId
                + (migration.isEmpty() ? "" : " (" + migration + ")"));
        }
    }

    /** Why a packet from a VM to an address is left as it is. */
    private String whyNot(final String sourceId, final IpAddress dst) {
        final Optional<String> target = homeOf(dst);
        if (target.isEmpty()) {
            return currentOf(dst).filter(vmId -> !vmId.equals(sourceId))
                .map(vmId -> dst + " is the current address of " + vmId + ", not a home address: it is reached "
                    + "directly")
                .orElse("no registered VM has the home address " + dst);
        }
        final String vmId = target.orElseThrow();
        if (vmId.equals(sourceId)) {
            return dst + " is the home address of " + sourceId + " itself";
        }
        final var migration = migrations.get(vmId);
        if (migration == null) {
            return vmId + " is at home (no migration): " + dst + " reaches it directly";
        }
        final SortedSet<String> targetGroups = groupsOf(vmId);
        if (targetGroups.isEmpty()) {
            return vmId + " is in no group: its migration is translated for nobody";
        }
        final SortedSet<String> shared = new TreeSet<>(groupsOf(sourceId));
        shared.retainAll(targetGroups);
        if (shared.isEmpty()) {
            return sourceId + " shares no group with " + vmId + " (" + vmId + " is in " + String.join(", ",
                targetGroups) + ")";
        }
        if (migration.cutOver().contains(sourceId)) {
            return sourceId + " cut over to " + vmId + "'s new address " + migration.newText()
                + ": nothing between them is translated";
        }
        final List<String> problems = planner.migration(vmId).<List<String>>map(MigrationPlan::problems)
            .orElse(List.of());
        if (!problems.isEmpty()) {
            return "the migration of " + vmId + " is not (completely) translated: " + String.join("; ", problems);
        }
        return "no planned flow rewrites it" + Optional.ofNullable(statuses.get(vmId))
            .map(status -> " (migration of " + vmId + ": " + status + ")").orElse("");
    }

    /** The VM a name or address stands for: a VM id, else a home address, else a current address. */
    private Optional<String> source(final String text) {
        if (vms.containsKey(text)) {
            return Optional.of(text);
        }
        final Optional<IpAddress> address = address(text);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        final Optional<String> home = homeOf(address.orElseThrow());
        return home.isPresent() ? home : currentOf(address.orElseThrow());
    }

    /** An address, or a VM id for its home address (IPv4 if it has one). */
    private Optional<IpAddress> destination(final String text) {
        final Member vm = vms.get(text);
        return vm != null ? vm.home(Family.IPV4).or(() -> vm.home(Family.IPV6)) : address(text);
    }

    private static Optional<IpAddress> address(final String text) {
        try {
            return Optional.of(IpAddress.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<String> homeOf(final IpAddress address) {
        return vms.values().stream().filter(vm -> vm.home(address.family()).filter(address::equals).isPresent())
            .map(Member::vmId).findFirst();
    }

    private Optional<String> currentOf(final IpAddress address) {
        return vms.keySet().stream().filter(vmId -> planner.vm(vmId).flatMap(view -> view.address(address.family()))
            .filter(address::equals).isPresent()).findFirst();
    }

    private SortedSet<String> groupsOf(final String vmId) {
        final SortedSet<String> result = new TreeSet<>();
        groups.forEach((name, members) -> {
            if (members.contains(vmId)) {
                result.add(name);
            }
        });
        return result;
    }

    /** What a destination MAC is: the migrated VM's own, or a subnet's gateway. */
    private Optional<String> macNote(final Mac mac, final Optional<String> target) {
        if (target.flatMap(planner::vm).filter(view -> view.mac().equals(mac)).isPresent()) {
            return Optional.of(target.orElseThrow() + "'s MAC");
        }
        return subnets.stream().filter(subnet -> subnet.gatewayMac().equals(mac)).findFirst()
            .map(subnet -> "the gateway " + subnet.gatewayAddress() + " of " + subnet.prefix());
    }

    private static boolean matches(final FlowMatch match, final Packet packet) {
        if (match.inPort().isPresent() && match.inPort().getAsLong() != packet.inPort()) {
            return false;
        }
        if (match.ipProto().isPresent() || match.icmpv6Type().isPresent() || match.ndTarget().isPresent()) {
            // a traced packet of no particular protocol meets no flow for one; a solicitation meets those of its
            // target (the ND flows match type 135, code 0, ICMPv6)
            if (packet.ndTarget() == null || match.ndTarget().filter(packet.ndTarget()::equals).isEmpty()
                    || match.icmpv6Type().orElse(FlowMatch.ND_SOLICITATION) != FlowMatch.ND_SOLICITATION) {
                return false;
            }
        }
        final int ethType = packet.dst().family() == Family.IPV4 ? FlowMatch.ETH_TYPE_IPV4 : FlowMatch.ETH_TYPE_IPV6;
        if (match.ethType().isPresent() && match.ethType().getAsInt() != ethType) {
            return false;
        }
        if (match.ipv4Src().filter(address -> !address.equals(packet.src())).isPresent()
                || match.ipv4Dst().filter(address -> !address.equals(packet.dst())).isPresent()
                || match.ipv6Src().filter(address -> !address.equals(packet.src())).isPresent()
                || match.ipv6Dst().filter(address -> !address.equals(packet.dst())).isPresent()) {
            return false;
        }
        return match.metadata().filter(metadata -> (packet.metadata() & metadata.mask())
            != (metadata.value() & metadata.mask())).isEmpty();
    }

    private static Packet apply(final PlannedFlow flow, final Packet packet) {
        IpAddress src = packet.src();
        IpAddress dst = packet.dst();
        Mac ethSrc = packet.ethSrc();
        Mac ethDst = packet.ethDst();
        long metadata = packet.metadata();
        for (FlowAction action : flow.actions()) {
            switch (action) {
                case FlowAction.SetIpv4Src set -> src = set.address();
                case FlowAction.SetIpv4Dst set -> dst = set.address();
                case FlowAction.SetIpv6Src set -> src = set.address();
                case FlowAction.SetIpv6Dst set -> dst = set.address();
                case FlowAction.SetEthDst set -> ethDst = set.mac();
                case FlowAction.SetEthSrc set -> ethSrc = set.mac();
                case FlowAction.WriteMetadata write -> metadata = metadata & ~write.mask()
                    | write.value() & write.mask();
                default -> {
                    // ARP fields, the source MAC, outputs and goto do not change what the trace follows
                }
            }
        }
        return new Packet(packet.inPort(), src, dst, ethSrc, ethDst, metadata, packet.ndTarget());
    }

    private void line(final String text) {
        out.append(text).append('\n');
    }
}
