/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.FlowTableRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;

/**
 * Sends one flow straight to a switch with openflowplugin's add-flow RPC. Used only to retry a flow that the
 * config datastore holds but the switch lacks (FRM pushes a flow once; a switch that refused it, say because a
 * table was full, would otherwise never get it until it reconnects), and to learn the switch's reason.
 */
public final class FlowPusher {
    private final RpcService rpcService;

    /**
     * Creates a pusher.
     *
     * @param rpcService the RPC service
     */
    public FlowPusher(final RpcService rpcService) {
        this.rpcService = requireNonNull(rpcService);
    }

    /**
     * Pushes a flow.
     *
     * @param nodeId the switch
     * @param flow the flow, as the config inventory holds it
     * @return empty once the switch accepted it, else the switch's or openflowplugin's reason
     */
    public FluentFuture<Optional<String>> push(final String nodeId, final Flow flow) {
        final short table = flow.getTableId().toJava();
        final var input = new AddFlowInputBuilder(flow)
            .setNode(new NodeRef(InventoryPaths.node(nodeId)))
            .setFlowTable(new FlowTableRef(InventoryPaths.table(nodeId, table)))
            .setFlowRef(new FlowRef(InventoryPaths.flow(nodeId, table, flow.requireId().getValue())))
            .build();
        return FluentFuture.from(rpcService.getRpc(AddFlow.class).invoke(input))
            .transform(result -> result.isSuccessful() ? Optional.<String>empty()
                : Optional.of(result.getErrors().stream().map(error -> error.getMessage())
                    .collect(Collectors.joining("; "))), MoreExecutors.directExecutor())
            .catching(Exception.class, failure -> Optional.of(String.valueOf(failure.getMessage())),
                MoreExecutors.directExecutor());
    }
}
