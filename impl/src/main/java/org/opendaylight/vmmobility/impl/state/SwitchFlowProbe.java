/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.Map;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Asks a switch, through openflowplugin's direct statistics, which flows it holds: their cookies and counters.
 * This is how the application knows a translation is really on the switch, not just in the datastore.
 */
public final class SwitchFlowProbe {
    private final RpcService rpcService;

    /**
     * Creates a probe.
     *
     * @param rpcService the RPC service
     */
    public SwitchFlowProbe(final RpcService rpcService) {
        this.rpcService = requireNonNull(rpcService);
    }

    /**
     * Reads the flows of one switch.
     *
     * @param nodeId the switch
     * @return the counters of every flow on it, by cookie; fails if the switch cannot be asked
     */
    public FluentFuture<Map<Long, FlowCounters>> flows(final String nodeId) {
        final var node = DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(nodeId)))
            .build();
        final var input = new GetFlowStatisticsInputBuilder()
            .setNode(new NodeRef(node))
            .setStoreStats(Boolean.FALSE)
            // only the application's flows: the switch filters by the cookie prefix, other applications' flows
            // never cross the wire
            .setCookie(new FlowCookie(Uint64.fromLongBits((long) PlannedFlow.COOKIE_PREFIX << 48)))
            .setCookieMask(new FlowCookie(Uint64.fromLongBits(0xFFFFL << 48)))
            .build();
        return FluentFuture.from(rpcService.getRpc(GetFlowStatistics.class).invoke(input))
            .transform(result -> counters(nodeId, result), MoreExecutors.directExecutor());
    }

    private static Map<Long, FlowCounters> counters(final String nodeId,
            final RpcResult<GetFlowStatisticsOutput> result) {
        if (!result.isSuccessful() || result.getResult() == null) {
            throw new IllegalStateException("switch " + nodeId + " did not answer: " + result.getErrors());
        }
        final var counters = new HashMap<Long, FlowCounters>();
        for (var stats : result.getResult().nonnullFlowAndStatisticsMapList()) {
            if (stats.getCookie() == null) {
                continue;
            }
            final long packets = stats.getPacketCount() == null ? 0 : stats.getPacketCount().getValue().longValue();
            final long bytes = stats.getByteCount() == null ? 0 : stats.getByteCount().getValue().longValue();
            counters.merge(stats.getCookie().getValue().longValue(), new FlowCounters(packets, bytes),
                FlowCounters::plus);
        }
        return counters;
    }

    /**
     * A flow's counters.
     *
     * @param packets packets that matched
     * @param bytes bytes that matched
     */
    public record FlowCounters(long packets, long bytes) {
        /** No traffic. */
        public static final FlowCounters ZERO = new FlowCounters(0, 0);

        /**
         * Adds two counters.
         *
         * @param other the other counters
         * @return the sum
         */
        public FlowCounters plus(final FlowCounters other) {
            return new FlowCounters(packets + other.packets, bytes + other.bytes);
        }
    }
}
