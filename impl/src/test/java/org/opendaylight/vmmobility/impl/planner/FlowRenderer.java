/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders planned flows as one-line strings without their ids and cookies, with symbolic class and tag metadata,
 * so that tests can state exact flow sets. Classes are named by their key as the planner builds it
 * ({@code groups=a,b;subnet=p}), tags by VM id; ids are assumed collision-free (the planner's hash of the key).
 */
final class FlowRenderer {

    private final Map<Long, String> classes = new HashMap<>();
    private final Map<Long, String> tags = new HashMap<>();

    FlowRenderer klass(final String name, final String groups, final Subnet subnet) {
        classes.put((long) StableHash.idOf("groups=" + groups + ";subnet=" + subnet.prefix()), name);
        return this;
    }

    FlowRenderer tag(final String vmId) {
        tags.put((long) StableHash.idOf(vmId), vmId);
        return this;
    }

    Set<String> render(final Map<String, PlannedFlow> flows) {
        return flows.values().stream().map(this::render).collect(Collectors.toCollection(TreeSet::new));
    }

    String render(final PlannedFlow flow) {
        final StringBuilder sb = new StringBuilder().append('t').append(flow.table()).append(" p")
            .append(flow.priority()).append(' ').append(flow.kind().idName()).append(" [");
        final FlowMatch match = flow.match();
        final StringBuilder fields = new StringBuilder();
        match.inPort().ifPresent(value -> fields.append(",in_port=").append(value));
        match.ethType().ifPresent(value -> fields.append(value == FlowMatch.ETH_TYPE_IPV4 ? ",ip"
            : value == FlowMatch.ETH_TYPE_IPV6 ? ",ipv6" : ",arp"));
        match.ipv4Src().ifPresent(value -> fields.append(",src=").append(value));
        match.ipv4Dst().ifPresent(value -> fields.append(",dst=").append(value));
        match.ipv6Src().ifPresent(value -> fields.append(",src6=").append(value));
        match.ipv6Dst().ifPresent(value -> fields.append(",dst6=").append(value));
        match.icmpv6Type().ifPresent(value -> fields.append(",icmp6=").append(value));
        match.ndTarget().ifPresent(value -> fields.append(",target=").append(value));
        match.arpOp().ifPresent(value -> fields.append(",op=").append(value));
        match.arpSpa().ifPresent(value -> fields.append(",spa=").append(value));
        match.arpTpa().ifPresent(value -> fields.append(",tpa=").append(value));
        match.metadata().ifPresent(value -> fields.append(",meta=").append(metadata(value.value(), value.mask())));
        sb.append(fields.length() > 0 ? fields.substring(1) : "").append("] ->");
        for (FlowAction action : flow.actions()) {
            sb.append(' ').append(action(action));
        }
        return sb.toString();
    }

    private String action(final FlowAction action) {
        return switch (action) {
            case FlowAction.SetIpv4Src set -> "src:=" + set.address();
            case FlowAction.SetIpv4Dst set -> "dst:=" + set.address();
            case FlowAction.SetIpv6Src set -> "src6:=" + set.address();
            case FlowAction.SetIpv6Dst set -> "dst6:=" + set.address();
            case FlowAction.SetEthSrc set -> "eth_src:=" + set.mac();
            case FlowAction.SetEthDst set -> "eth_dst:=" + set.mac();
            case FlowAction.SetArpOp set -> "op:=" + set.op();
            case FlowAction.SetArpSha set -> "sha:=" + set.mac();
            case FlowAction.SetArpSpa set -> "spa:=" + set.address();
            case FlowAction.SetArpTha set -> "tha:=" + set.mac();
            case FlowAction.SetArpTpa set -> "tpa:=" + set.address();
            case FlowAction.OutputInPort out -> "IN_PORT";
            case FlowAction.OutputNormal out -> "NORMAL";
            case FlowAction.OutputController out -> "CONTROLLER";
            case FlowAction.Meter meter -> "meter:" + meter.meterId();
            case FlowAction.WriteMetadata write -> "meta:=" + metadata(write.value(), write.mask());
            case FlowAction.GotoTable go -> "goto:" + go.table();
        };
    }

    private String metadata(final long value, final long mask) {
        final long classId = (value & Metadata.CLASS_MASK) >>> Metadata.CLASS_SHIFT;
        final long tagId = (value & Metadata.TAG_MASK) >>> Metadata.TAG_SHIFT;
        final String klass = classes.getOrDefault(classId, "0x" + Long.toHexString(classId));
        final String tag = tags.getOrDefault(tagId, "0x" + Long.toHexString(tagId));
        if (mask == Metadata.OWNED_MASK) {
            return klass + "/" + tag;
        } else if (mask == Metadata.CLASS_MASK) {
            return klass;
        } else if (mask == Metadata.TAG_MASK) {
            return tag;
        }
        return "0x" + Long.toHexString(value) + "&0x" + Long.toHexString(mask);
    }
}
