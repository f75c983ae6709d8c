/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.Metadata;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;

/**
 * A planned flow's match and actions, and the pipeline's configuration, in words an operator reads (close to
 * {@code ovs-ofctl}): the pipeline's metadata shows as the class and tag it carries, not as raw bits.
 */
final class FlowText {
    private FlowText() {
        // static only
    }

    /**
     * Describes a match.
     *
     * @param match the match
     * @return for example {@code in_port=1, ip, ipv4_src=10.0.1.1}; {@code any} for the empty match
     */
    static String match(final FlowMatch match) {
        final List<String> parts = new ArrayList<>();
        match.inPort().ifPresent(port -> parts.add("in_port=" + port));
        match.ethSrc().ifPresent(mac -> parts.add("eth_src=" + mac));
        match.ethType().ifPresent(type -> parts.add(switch (type) {
            case FlowMatch.ETH_TYPE_IPV4 -> "ip";
            case FlowMatch.ETH_TYPE_ARP -> "arp";
            case FlowMatch.ETH_TYPE_IPV6 -> "ipv6";
            default -> "eth_type=0x" + Integer.toHexString(type);
        }));
        match.ipv4Src().ifPresent(address -> parts.add("ipv4_src=" + address));
        match.ipv4Dst().ifPresent(address -> parts.add("ipv4_dst=" + address));
        match.ipv6Src().ifPresent(address -> parts.add("ipv6_src=" + address));
        match.ipv6SrcNet().ifPresent(subnet -> parts.add("ipv6_src=" + subnet));
        match.ipv6Dst().ifPresent(address -> parts.add("ipv6_dst=" + address));
        match.ipProto().ifPresent(proto -> parts.add("ip_proto=" + proto));
        match.icmpv6Type().ifPresent(type -> parts.add("icmpv6_type=" + type));
        match.icmpv6Code().ifPresent(code -> parts.add("icmpv6_code=" + code));
        match.ndTarget().ifPresent(address -> parts.add("nd_target=" + address));
        match.arpOp().ifPresent(op -> parts.add("arp_op=" + op));
        match.arpSpa().ifPresent(address -> parts.add("arp_spa=" + address));
        match.arpSpaNet().ifPresent(subnet -> parts.add("arp_spa=" + subnet));
        match.arpTpa().ifPresent(address -> parts.add("arp_tpa=" + address));
        match.metadata().ifPresent(metadata -> parts.add(metadata(metadata.value(), metadata.mask())));
        return parts.isEmpty() ? "any" : String.join(", ", parts);
    }

    /**
     * Describes a flow's actions, in order.
     *
     * @param actions the actions
     * @return for example {@code set ipv4_dst=10.0.2.3, set eth_dst=02:00:00:00:02:fe, goto table 2}
     */
    static String actions(final List<FlowAction> actions) {
        return actions.isEmpty() ? "drop" : String.join(", ", actions.stream().map(FlowText::action).toList());
    }

    /**
     * Describes one action.
     *
     * @param action the action
     * @return its description
     */
    static String action(final FlowAction action) {
        return switch (action) {
            case FlowAction.SetIpv4Src set -> "set ipv4_src=" + set.address();
            case FlowAction.SetIpv4Dst set -> "set ipv4_dst=" + set.address();
            case FlowAction.SetIpv6Src set -> "set ipv6_src=" + set.address();
            case FlowAction.SetIpv6Dst set -> "set ipv6_dst=" + set.address();
            case FlowAction.SetEthSrc set -> "set eth_src=" + set.mac();
            case FlowAction.SetEthDst set -> "set eth_dst=" + set.mac();
            case FlowAction.SetArpOp set -> "set arp_op=" + set.op();
            case FlowAction.SetArpSha set -> "set arp_sha=" + set.mac();
            case FlowAction.SetArpSpa set -> "set arp_spa=" + set.address();
            case FlowAction.SetArpTha set -> "set arp_tha=" + set.mac();
            case FlowAction.SetArpTpa set -> "set arp_tpa=" + set.address();
            case FlowAction.OutputInPort output -> "output IN_PORT";
            case FlowAction.OutputNormal output -> "output NORMAL";
            case FlowAction.OutputController output -> "output CONTROLLER";
            case FlowAction.Meter meter -> "meter " + meter.meterId();
            case FlowAction.WriteMetadata write -> "write " + metadata(write.value(), write.mask());
            case FlowAction.GotoTable go -> "goto table " + go.table();
        };
    }

    /** The pipeline's class (bits 40-63) and tag (bits 16-39) by name, anything else as value/mask. */
    private static String metadata(final long value, final long mask) {
        final List<String> parts = new ArrayList<>();
        long rest = mask;
        if ((mask & Metadata.CLASS_MASK) == Metadata.CLASS_MASK) {
            parts.add("class=" + hex((value & Metadata.CLASS_MASK) >>> Metadata.CLASS_SHIFT));
            rest &= ~Metadata.CLASS_MASK;
        }
        if ((mask & Metadata.TAG_MASK) == Metadata.TAG_MASK) {
            parts.add("tag=" + hex((value & Metadata.TAG_MASK) >>> Metadata.TAG_SHIFT));
            rest &= ~Metadata.TAG_MASK;
        }
        if (rest != 0) {
            parts.add("metadata=" + hex(value & rest) + "/" + hex(rest));
        }
        return String.join(", ", parts);
    }

    /**
     * Describes a pipeline configuration.
     *
     * @param config the configuration
     * @return for example {@code tables 0-4, priority 1000, then output NORMAL, layout auto}
     */
    static String pipeline(final PipelineConfig config) {
        return "tables " + config.table(0) + "-" + config.table(PipelineConfig.TABLE_COUNT - 1) + ", priority "
            + config.priority() + ", then " + (config.nextTable() == PipelineConfig.OUTPUT_NORMAL ? "output NORMAL"
                : "goto table " + config.nextTable()) + ", layout "
            + config.layout().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + (config.installDefaultForwarding() ? ", default forwarding" : "");
    }

    private static String hex(final long value) {
        return "0x" + Long.toHexString(value);
    }
}
