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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetField;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteMetadataCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestination;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetSource;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;

/**
 * One OpenFlow 1.3 switch holding openflowplugin {@link Flow}s (what FRM pushes), walking a packet through its
 * tables: per table the matching flow of highest priority (two matching flows of the same priority are an error:
 * OpenFlow leaves the choice undefined), then its instructions in the order OpenFlow 1.3 executes them
 * (apply-actions, write-metadata, goto-table, whatever their order in the list). Supported: matches on in_port,
 * eth_type, eth_src/dst (masked), ipv4_src/dst and arp_spa/tpa (prefixes), arp_op, arp_sha/tha and metadata
 * (masked), with OpenFlow's prerequisites (an IPv4 or ARP field needs its eth_type in the match); set-field of those
 * header fields and output to a port, IN_PORT or NORMAL in apply-actions. Anything else in a flow is refused with an
 * exception, never ignored.
 *
 * <p>This class knows OpenFlow and openflowplugin's model, nothing of the application's planner.
 */
public final class SimulatedSwitch {
    private static final int MAX_TABLES = 64;
    private static final Comparator<Flow> BY_PRIORITY = Comparator.comparingInt(
        (Flow flow) -> flow.requirePriority().intValue()).reversed();

    /** Where an emitted packet goes. */
    public enum Port {
        /** The switch's normal L2/L3 processing. */
        NORMAL,
        /** Back out of the port it came in on. */
        IN_PORT,
        /** A numbered port. */
        NUMBERED,
        /** On to a table the pipeline hands over to, which holds none of these flows. */
        NEXT_TABLE
    }

    /**
     * A packet leaving the pipeline.
     *
     * @param port where it goes
     * @param number the port or table number, for {@link Port#NUMBERED} and {@link Port#NEXT_TABLE}
     * @param packet the packet as it leaves
     */
    public record Emission(Port port, long number, Packet packet) {
        @Override
        public String toString() {
            return switch (port) {
                case NORMAL -> "output NORMAL ";
                case IN_PORT -> "output IN_PORT ";
                case NUMBERED -> "output " + number + " ";
                case NEXT_TABLE -> "goto table " + number + " ";
            } + packet;
        }
    }

    /**
     * What the switch did with a packet.
     *
     * @param handled false if no flow of the entry table matched (the packet is left to other applications'
     *                flows, untouched)
     * @param emissions the packets that left the pipeline, in order
     * @param path the ids of the flows the packet met, in order
     * @param droppedIn the table in which no flow matched after a goto, or -1
     */
    public record Walk(boolean handled, List<Emission> emissions, List<String> path, int droppedIn) {
        @Override
        public String toString() {
            return (handled ? "" : "unhandled ") + "via " + path + (droppedIn < 0 ? "" : " dropped in table "
                + droppedIn) + " -> " + emissions;
        }
    }

    private final String nodeId;
    private final Map<Integer, List<Flow>> tables = new TreeMap<>();
    private final int handOverTable;

    /**
     * Creates a switch.
     *
     * @param nodeId its node id, e.g. {@code openflow:1} (in_port matches name its ports {@code openflow:1:N})
     * @param flows its flows
     * @param handOverTable the table after the pipeline that belongs to someone else (a goto there leaves the
     *                      pipeline), or -1
     */
    public SimulatedSwitch(final String nodeId, final Collection<Flow> flows, final int handOverTable) {
        this.nodeId = nodeId;
        this.handOverTable = handOverTable;
        for (Flow flow : flows) {
            tables.computeIfAbsent(flow.requireTableId().intValue(), key -> new ArrayList<>()).add(flow);
        }
        tables.values().forEach(list -> list.sort(BY_PRIORITY));
    }

    /**
     * Tells whether a table holds any flow.
     *
     * @param table the table
     * @return true if it does
     */
    public boolean hasFlowsIn(final int table) {
        return tables.containsKey(table);
    }

    /**
     * Walks a packet through the tables, starting in one.
     *
     * @param packet the packet as it arrives
     * @param entryTable the first table
     * @return what became of it
     * @throws IllegalStateException if a flow holds something this switch does not support, two flows of the same
     *                               priority match, or a goto does not go forward
     */
    public Walk process(final Packet packet, final int entryTable) {
        Packet now = packet;
        int table = entryTable;
        final List<Emission> emissions = new ArrayList<>();
        final List<String> path = new ArrayList<>();
        for (int step = 0; step < MAX_TABLES; step++) {
            final Flow flow = lookup(table, now);
            if (flow == null) {
                if (table == entryTable) {
                    return new Walk(false, List.of(), path, -1);
                }
                if (table == handOverTable && !tables.containsKey(table)) {
                    emissions.add(new Emission(Port.NEXT_TABLE, table, now));
                    return new Walk(true, emissions, path, -1);
                }
                return new Walk(true, emissions, path, table);
            }
            path.add(flow.requireId().getValue());
            final Execution execution = execute(flow, now);
            now = execution.packet;
            emissions.addAll(execution.emissions);
            if (execution.gotoTable < 0) {
                return new Walk(true, emissions, path, -1);
            }
            if (execution.gotoTable <= table) {
                throw new IllegalStateException("flow " + flow.requireId().getValue() + " in table " + table
                    + " goes back to table " + execution.gotoTable);
            }
            table = execution.gotoTable;
        }
        throw new IllegalStateException("more than " + MAX_TABLES + " tables");
    }

    private @Nullable Flow lookup(final int table, final Packet packet) {
        Flow found = null;
        for (Flow flow : tables.getOrDefault(table, List.of())) {
            if (found != null && flow.requirePriority().intValue() < found.requirePriority().intValue()) {
                break;
            }
            if (matches(flow, packet)) {
                if (found != null) {
                    throw new IllegalStateException("flows " + found.requireId().getValue() + " and "
                        + flow.requireId().getValue() + " of priority " + flow.requirePriority() + " in table "
                        + table + " of " + nodeId + " both match " + packet);
                }
                found = flow;
            }
        }
        return found;
    }

    private boolean matches(final Flow flow, final Packet packet) {
        final Match match = flow.getMatch();
        if (match == null) {
            return true;
        }
        final String id = flow.requireId().getValue();
        require(new MatchBuilder().setInPort(match.getInPort()).setEthernetMatch(match.getEthernetMatch())
            .setLayer3Match(match.getLayer3Match()).setMetadata(match.getMetadata()).build().equals(match), id,
            "a match field other than in_port, ethernet, IPv4, ARP or metadata", match);
        if (match.getInPort() != null && port(match.getInPort().getValue(), id) != packet.inPort()) {
            return false;
        }
        final EthernetMatch eth = match.getEthernetMatch();
        final int ethType = eth == null || eth.getEthernetType() == null ? -1
            : eth.getEthernetType().requireType().getValue().intValue();
        if (eth != null) {
            require(new EthernetMatchBuilder().setEthernetType(eth.getEthernetType())
                .setEthernetSource(eth.getEthernetSource()).setEthernetDestination(eth.getEthernetDestination())
                .build().equals(eth), id, "an unsupported Ethernet match", eth);
            if (ethType >= 0 && ethType != packet.ethType()) {
                return false;
            }
            final EthernetSource src = eth.getEthernetSource();
            if (src != null && !macMatches(src.getAddress(), src.getMask(), packet.ethSrc())) {
                return false;
            }
            final EthernetDestination dst = eth.getEthernetDestination();
            if (dst != null && !macMatches(dst.getAddress(), dst.getMask(), packet.ethDst())) {
                return false;
            }
        }
        final var layer3 = match.getLayer3Match();
        if (layer3 instanceof Ipv4Match ipv4) {
            require(ethType == Packet.ETH_IPV4, id, "an IPv4 match without eth_type 0x0800", match);
            require(new Ipv4MatchBuilder().setIpv4Source(ipv4.getIpv4Source())
                .setIpv4Destination(ipv4.getIpv4Destination()).build().equals(ipv4), id, "an unsupported IPv4 match",
                ipv4);
            if (!prefixMatches(ipv4.getIpv4Source(), packet.ipv4Src())
                    || !prefixMatches(ipv4.getIpv4Destination(), packet.ipv4Dst())) {
                return false;
            }
        } else if (layer3 instanceof ArpMatch arp) {
            require(ethType == Packet.ETH_ARP, id, "an ARP match without eth_type 0x0806", match);
            require(new ArpMatchBuilder().setArpOp(arp.getArpOp())
                .setArpSourceTransportAddress(arp.getArpSourceTransportAddress())
                .setArpTargetTransportAddress(arp.getArpTargetTransportAddress())
                .setArpSourceHardwareAddress(arp.getArpSourceHardwareAddress())
                .setArpTargetHardwareAddress(arp.getArpTargetHardwareAddress()).build().equals(arp), id,
                "an unsupported ARP match", arp);
            if (arp.getArpOp() != null && arp.getArpOp().intValue() != packet.arpOp()
                    || !prefixMatches(arp.getArpSourceTransportAddress(), packet.arpSpa())
                    || !prefixMatches(arp.getArpTargetTransportAddress(), packet.arpTpa())
                    || arp.getArpSourceHardwareAddress() != null && !macMatches(
                        arp.getArpSourceHardwareAddress().getAddress(), arp.getArpSourceHardwareAddress().getMask(),
                        packet.arpSha())
                    || arp.getArpTargetHardwareAddress() != null && !macMatches(
                        arp.getArpTargetHardwareAddress().getAddress(), arp.getArpTargetHardwareAddress().getMask(),
                        packet.arpTha())) {
                return false;
            }
        } else {
            require(layer3 == null, id, "an unsupported layer 3 match", layer3);
        }
        final var metadata = match.getMetadata();
        if (metadata != null) {
            final long value = metadata.requireMetadata().longValue();
            final long mask = metadata.getMetadataMask() == null ? -1L : metadata.getMetadataMask().longValue();
            require((value & ~mask) == 0, id, "metadata value bits outside its mask", metadata);
            return ((packet.metadata() ^ value) & mask) == 0;
        }
        return true;
    }

    /** What one flow's instructions did. */
    private record Execution(Packet packet, List<Emission> emissions, int gotoTable) {
    }

    private Execution execute(final Flow flow, final Packet packet) {
        final String id = flow.requireId().getValue();
        ApplyActionsCase apply = null;
        WriteMetadataCase write = null;
        GoToTableCase next = null;
        final var instructions = flow.getInstructions() == null ? List.<Instruction>of()
            : List.copyOf(flow.getInstructions().nonnullInstruction().values());
        for (Instruction instruction : instructions) {
            switch (instruction.getInstruction()) {
                case ApplyActionsCase found -> {
                    require(apply == null, id, "two apply-actions instructions", instruction);
                    apply = found;
                }
                case WriteMetadataCase found -> {
                    require(write == null, id, "two write-metadata instructions", instruction);
                    write = found;
                }
                case GoToTableCase found -> {
                    require(next == null, id, "two goto-table instructions", instruction);
                    next = found;
                }
                case null, default -> throw new IllegalStateException("flow " + id + " has an unsupported "
                    + "instruction " + instruction);
            }
        }
        Packet now = packet;
        final List<Emission> emissions = new ArrayList<>();
        if (apply != null) {
            final List<Action> actions = new ArrayList<>(apply.getApplyActions().nonnullAction().values());
            actions.sort(Comparator.comparingInt(action -> action.requireOrder()));
            for (Action action : actions) {
                switch (action.getAction()) {
                    case SetFieldCase set -> now = setField(id, set.getSetField(), now);
                    case OutputActionCase output -> emissions.add(output(id,
                        output.getOutputAction().requireOutputNodeConnector().getValue(), now));
                    case null, default -> throw new IllegalStateException("flow " + id + " has an unsupported "
                        + "action " + action);
                }
            }
        }
        if (write != null) {
            final long value = write.getWriteMetadata().requireMetadata().longValue();
            final long mask = write.getWriteMetadata().requireMetadataMask().longValue();
            now = now.withMetadata(now.metadata() & ~mask | value & mask);
        }
        return new Execution(now, emissions, next == null ? -1 : next.getGoToTable().requireTableId().intValue());
    }

    private Emission output(final String id, final String port, final Packet packet) {
        return switch (port) {
            case "NORMAL" -> new Emission(Port.NORMAL, 0, packet);
            case "IN_PORT" -> new Emission(Port.IN_PORT, packet.inPort(), packet);
            default -> new Emission(Port.NUMBERED, port(port, id), packet);
        };
    }

    private static Packet setField(final String id, final SetField field, final Packet packet) {
        require(new SetFieldBuilder().setEthernetMatch(field.getEthernetMatch())
            .setLayer3Match(field.getLayer3Match()).build().equals(field), id, "an unsupported set-field", field);
        long ethSrc = packet.ethSrc();
        long ethDst = packet.ethDst();
        int ipv4Src = packet.ipv4Src();
        int ipv4Dst = packet.ipv4Dst();
        int arpOp = packet.arpOp();
        int arpSpa = packet.arpSpa();
        int arpTpa = packet.arpTpa();
        long arpSha = packet.arpSha();
        long arpTha = packet.arpTha();
        final EthernetMatch eth = field.getEthernetMatch();
        if (eth != null) {
            require(eth.getEthernetType() == null, id, "a set-field of eth_type", eth);
            if (eth.getEthernetSource() != null) {
                require(eth.getEthernetSource().getMask() == null, id, "a masked set-field", eth);
                ethSrc = mac(eth.getEthernetSource().getAddress());
            }
            if (eth.getEthernetDestination() != null) {
                require(eth.getEthernetDestination().getMask() == null, id, "a masked set-field", eth);
                ethDst = mac(eth.getEthernetDestination().getAddress());
            }
        }
        final var layer3 = field.getLayer3Match();
        if (layer3 instanceof Ipv4Match ipv4) {
            require(packet.ethType() == Packet.ETH_IPV4, id, "an IPv4 set-field on a packet that is not IPv4",
                packet);
            if (ipv4.getIpv4Source() != null) {
                ipv4Src = host(ipv4.getIpv4Source(), id);
            }
            if (ipv4.getIpv4Destination() != null) {
                ipv4Dst = host(ipv4.getIpv4Destination(), id);
            }
        } else if (layer3 instanceof ArpMatch arp) {
            require(packet.ethType() == Packet.ETH_ARP, id, "an ARP set-field on a packet that is not ARP", packet);
            if (arp.getArpOp() != null) {
                arpOp = arp.getArpOp().intValue();
            }
            if (arp.getArpSourceTransportAddress() != null) {
                arpSpa = host(arp.getArpSourceTransportAddress(), id);
            }
            if (arp.getArpTargetTransportAddress() != null) {
                arpTpa = host(arp.getArpTargetTransportAddress(), id);
            }
            if (arp.getArpSourceHardwareAddress() != null) {
                arpSha = mac(arp.getArpSourceHardwareAddress().getAddress());
            }
            if (arp.getArpTargetHardwareAddress() != null) {
                arpTha = mac(arp.getArpTargetHardwareAddress().getAddress());
            }
        } else {
            require(layer3 == null, id, "an unsupported layer 3 set-field", layer3);
        }
        return new Packet(packet.inPort(), ethSrc, ethDst, packet.ethType(), ipv4Src, ipv4Dst, arpOp, arpSpa, arpTpa,
            arpSha, arpTha, packet.metadata());
    }

    private long port(final String connector, final String id) {
        final String number = connector.startsWith(nodeId + ":") ? connector.substring(nodeId.length() + 1)
            : connector;
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("flow " + id + " names port " + connector + ", not a port of " + nodeId,
                e);
        }
    }

    private static boolean macMatches(final @Nullable MacAddress address, final @Nullable MacAddress mask,
            final long value) {
        if (address == null) {
            return true;
        }
        final long bits = mask == null ? Packet.BROADCAST : mac(mask);
        return ((mac(address) ^ value) & bits) == 0;
    }

    private static boolean prefixMatches(final @Nullable Ipv4Prefix prefix, final int address) {
        if (prefix == null) {
            return true;
        }
        final String[] parts = prefix.getValue().split("/", -1);
        final int length = parts.length == 1 ? 32 : Integer.parseInt(parts[1]);
        final int mask = length == 0 ? 0 : -1 << 32 - length;
        return ((ip(parts[0]) ^ address) & mask) == 0;
    }

    private static int host(final Ipv4Prefix prefix, final String id) {
        final String[] parts = prefix.getValue().split("/", -1);
        require(parts.length == 1 || "32".equals(parts[1]), id, "a set-field of an address prefix", prefix);
        return ip(parts[0]);
    }

    /**
     * Parses a dotted-quad IPv4 address.
     *
     * @param text the address
     * @return its bits
     */
    public static int ip(final String text) {
        final String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int bits = 0;
        for (String octet : octets) {
            final int value = Integer.parseInt(octet);
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            bits = bits << 8 | value;
        }
        return bits;
    }

    private static long mac(final MacAddress address) {
        return mac(address.getValue());
    }

    /**
     * Parses a colon-separated MAC.
     *
     * @param text the MAC
     * @return its 48 bits
     */
    public static long mac(final String text) {
        final String[] octets = text.split(":", -1);
        if (octets.length != 6) {
            throw new IllegalArgumentException("not a MAC: " + text);
        }
        long bits = 0;
        for (String octet : octets) {
            bits = bits << 8 | Integer.parseInt(octet, 16);
        }
        return bits;
    }

    private static void require(final boolean condition, final String flowId, final String what,
            final @Nullable Object detail) {
        if (!condition) {
            throw new IllegalStateException("flow " + flowId + " has " + what + ": " + detail);
        }
    }
}
