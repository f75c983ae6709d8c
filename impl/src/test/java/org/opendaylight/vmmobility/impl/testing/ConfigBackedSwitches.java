/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing;

import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Stands in for openflowplugin's direct statistics: a switch "holds" exactly the flows the config inventory holds
 * for it (as if FRM had pushed them all), each with 7 packets and 700 bytes; switches not in {@code reachable}
 * fail the RPC.
 */
public final class ConfigBackedSwitches implements RpcService {
    private final DataBroker broker;
    private final AtomicInteger pushes = new AtomicInteger();
    private final AtomicInteger removals = new AtomicInteger();
    private volatile Set<String> reachable;
    private volatile String refused;

    /**
     * Creates the switches.
     *
     * @param broker where the config inventory is
     * @param reachable the switches that answer
     */
    public ConfigBackedSwitches(final DataBroker broker, final Set<String> reachable) {
        this.broker = broker;
        this.reachable = reachable;
    }

    /**
     * Sets the switches that answer.
     *
     * @param nodes the switches
     */
    public void setReachable(final Set<String> nodes) {
        reachable = nodes;
    }

    /**
     * Makes the switches lack (and refuse) the flows whose id starts with a prefix.
     *
     * @param prefix the prefix, or null for none
     */
    public void refuse(final String prefix) {
        refused = prefix;
    }

    /**
     * How many flows were pushed.
     *
     * @return the count
     */
    public int pushes() {
        return pushes.get();
    }

    /**
     * How many removals of a stale flow were sent (the switches keep showing what the config holds).
     *
     * @return the count
     */
    public int removals() {
        return removals.get();
    }

    @Override
    public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
        if (type == RemoveFlow.class) {
            final RemoveFlow removeFlow = input -> {
                removals.incrementAndGet();
                return RpcResultBuilder.success(new RemoveFlowOutputBuilder().build()).buildFuture();
            };
            return type.cast(removeFlow);
        }
        if (type == AddFlow.class) {
            final AddFlow addFlow = input -> {
                pushes.incrementAndGet();
                return refused != null && input.getFlowRef() != null
                    && input.getFlowRef().getValue().toString().contains(refused)
                    ? RpcResultBuilder.<AddFlowOutput>failed().withError(ErrorType.APPLICATION, "table is full")
                        .buildFuture()
                    : RpcResultBuilder.success(new AddFlowOutputBuilder().build()).buildFuture();
            };
            return type.cast(addFlow);
        }
        final GetFlowStatistics rpc = input -> {
            final String node = ((DataObjectIdentifier<?>) input.getNode().getValue()).getFirstKeyOf(Node.class)
                .getId().getValue();
            if (!reachable.contains(node)) {
                return RpcResultBuilder.<org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511
                    .GetFlowStatisticsOutput>failed().withError(
                        ErrorType.APPLICATION, "device not connected")
                    .buildFuture();
            }
            final var stats = new ArrayList<FlowAndStatisticsMapList>();
            try (var tx = broker.newReadOnlyTransaction()) {
                final var capable = tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowCapableNode(node))
                    .get();
                capable.ifPresent(present -> present.nonnullTable().values().forEach(table -> table.nonnullFlow()
                    .values().stream().filter(flow -> refused == null
                        || !flow.requireId().getValue().startsWith(refused))
                    .forEach(flow -> stats.add(new FlowAndStatisticsMapListBuilder()
                        .setFlowId(new FlowId(flow.requireId().getValue()))
                        .setTableId(flow.getTableId())
                        .setCookie(flow.getCookie())
                        .setPacketCount(new Counter64(Uint64.valueOf(7)))
                        .setByteCount(new Counter64(Uint64.valueOf(700)))
                        .build()))));
            } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                return Futures.immediateFailedFuture(e);
            }
            return RpcResultBuilder.success(new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(stats)
                .build()).buildFuture();
        };
        return type.cast(rpc);
    }
}
