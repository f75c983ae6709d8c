/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;

/**
 * What openflowplugin's operational inventory shows of the switches: which are connected, the ports they report
 * (their names locate VMs registered by interface name, as the engine's port listener reads them) and the flows
 * of ours the statistics found on them (id and cookie, per table).
 *
 * @param connected the connected switches
 * @param ports the ports the switches report, as the planner's changes
 * @param flows the cookie of each flow of ours on a switch, by switch, table and flow id ({@link #NO_COOKIE} if the
 *              statistics carried none)
 * @param cookies per switch and table, the cookies with the application's prefix, whatever the flow's id (a flow
 *                openflowplugin could not match to its configured id is listed under a generated one)
 * @param onSwitch the cookies of our flows a switch reports when asked directly: the distribution does not poll
 *                 flow statistics (etc/org.opendaylight.openflowplugin.cfg), so the operational inventory lists no
 *                 flows unless an admin switches the polling on
 */
record SwitchInventory(ImmutableSortedSet<String> connected, ImmutableList<Change> ports,
        ImmutableMap<FlowKey, Long> flows, ImmutableSet<FlowKey> cookies, SwitchFlows onSwitch) {
    /** An inventory without switches. */
    static final SwitchInventory EMPTY = new SwitchInventory(ImmutableSortedSet.of(), ImmutableList.of(),
        ImmutableMap.of(), ImmutableSet.of(), SwitchFlows.NONE);

    /** Asks a switch which of our flows it holds now. */
    @FunctionalInterface
    interface SwitchFlows {
        /** Asks nothing: only the operational inventory counts. */
        SwitchFlows NONE = nodeId -> Optional.empty();

        /**
         * The cookies of our flows on a switch.
         *
         * @param nodeId the switch
         * @return the cookies, or empty if the switch was not asked or did not answer
         */
        Optional<Set<Long>> cookies(String nodeId);
    }

    /** A flow's cookie when the statistics carried none (never one of ours: those start with 0x564D). */
    static final long NO_COOKIE = 0;

    private static final String OUR_FLOWS = "vmm-";

    /**
     * Where a flow sits on a switch.
     *
     * @param nodeId the switch
     * @param table the table
     * @param flowId the flow id
     */
    record FlowKey(String nodeId, short table, String flowId) {
        FlowKey {
            requireNonNull(nodeId);
            requireNonNull(flowId);
        }
    }

    /** Whether a planned flow is on its switch. */
    enum Presence {
        /** On the switch with the planned content (its cookie covers the content). */
        YES("yes"),
        /** On the switch under its id, with another cookie: an older content. */
        OLDER("no (an older version of it is)"),
        /** Not on the switch. */
        NO("no");

        private final String text;

        Presence(final String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    SwitchInventory {
        connected = ImmutableSortedSet.copyOf(connected);
        ports = ImmutableList.copyOf(ports);
        flows = ImmutableMap.copyOf(flows);
        cookies = ImmutableSet.copyOf(cookies);
        requireNonNull(onSwitch);
    }

    /**
     * An inventory whose flows are known from the operational inventory only.
     *
     * @param connected the connected switches
     * @param ports the ports
     * @param flows the cookies of our flows by switch, table and id
     * @param cookies per switch and table, the cookies with the application's prefix
     */
    SwitchInventory(final ImmutableSortedSet<String> connected, final ImmutableList<Change> ports,
            final ImmutableMap<FlowKey, Long> flows, final ImmutableSet<FlowKey> cookies) {
        this(connected, ports, flows, cookies, SwitchFlows.NONE);
    }

    /**
     * An inventory whose flows are known by id only.
     *
     * @param connected the connected switches
     * @param ports the ports
     * @param flows the cookies of our flows by switch, table and id
     */
    SwitchInventory(final ImmutableSortedSet<String> connected, final ImmutableList<Change> ports,
            final ImmutableMap<FlowKey, Long> flows) {
        this(connected, ports, flows, ImmutableSet.of(), SwitchFlows.NONE);
    }

    /**
     * The same inventory, whose switches are also asked directly for the flows it does not list.
     *
     * @param asked asks a switch
     * @return the inventory
     */
    SwitchInventory askingSwitches(final SwitchFlows asked) {
        return new SwitchInventory(connected, ports, flows, cookies, asked);
    }

    /**
     * Reads the operational inventory.
     *
     * @param nodes the operational {@code nodes}, null if there are none
     * @return the inventory
     */
    static SwitchInventory of(final @Nullable Nodes nodes) {
        if (nodes == null) {
            return EMPTY;
        }
        final var connected = new TreeSet<String>();
        final List<Change> ports = new ArrayList<>();
        final Map<FlowKey, Long> flows = new HashMap<>();
        final Set<FlowKey> cookies = new HashSet<>();
        for (var node : nodes.nonnullNode().values()) {
            final String nodeId = node.requireId().getValue();
            connected.add(nodeId);
            // as intent.PortReader reads them: numbered ports with a name (not LOCAL)
            for (var connector : node.nonnullNodeConnector().values()) {
                final var capable = connector.augmentation(FlowCapableNodeConnector.class);
                final String id = connector.requireId().getValue();
                final String number = id.substring(id.lastIndexOf(':') + 1);
                if (capable != null && capable.getName() != null && !number.isEmpty()
                        && number.chars().allMatch(Character::isDigit)) {
                    ports.add(new Change.PutPort(nodeId, Long.parseLong(number), capable.getName()));
                }
            }
            final var capable = node.augmentation(FlowCapableNode.class);
            if (capable == null) {
                continue;
            }
            for (var table : capable.nonnullTable().values()) {
                final short tableId = table.requireId().toJava();
                for (var flow : table.nonnullFlow().values()) {
                    final String flowId = flow.requireId().getValue();
                    final long cookie = flow.getCookie() == null ? NO_COOKIE : flow.getCookie().getValue().longValue();
                    if (flowId.startsWith(OUR_FLOWS)) {
                        flows.put(new FlowKey(nodeId, tableId, flowId), cookie);
                    }
                    if (cookie >>> 48 == PlannedFlow.COOKIE_PREFIX) {
                        cookies.add(cookieKey(nodeId, tableId, cookie));
                    }
                }
            }
        }
        return new SwitchInventory(ImmutableSortedSet.copyOf(connected), ImmutableList.copyOf(ports),
            ImmutableMap.copyOf(flows), ImmutableSet.copyOf(cookies));
    }

    /**
     * Tells whether a planned flow is on its switch now.
     *
     * @param nodeId the switch
     * @param flow the planned flow
     * @return yes (under its id, or its cookie, which covers its content, under another id, or the switch reports
     *         its cookie when asked), no, or an older version of it
     */
    Presence presence(final String nodeId, final PlannedFlow flow) {
        final Long cookie = flows.get(new FlowKey(nodeId, flow.table(), flow.flowId()));
        if (cookie != null && (cookie == NO_COOKIE || cookie == flow.cookie())
                || cookies.contains(cookieKey(nodeId, flow.table(), flow.cookie()))
                || onSwitch.cookies(nodeId).map(reported -> reported.contains(flow.cookie())).orElse(false)) {
            return Presence.YES;
        }
        return cookie == null ? Presence.NO : Presence.OLDER;
    }

    /** A cookie's place: switch, table and the cookie in hex standing for the flow id. */
    private static FlowKey cookieKey(final String nodeId, final short table, final long cookie) {
        return new FlowKey(nodeId, table, "cookie=0x" + Long.toHexString(cookie));
    }
}
