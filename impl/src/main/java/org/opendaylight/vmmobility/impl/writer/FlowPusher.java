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
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.FlowTableRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Sends one flow straight to a switch with openflowplugin's add-flow RPC, or removes flows by their cookie with its
 * remove-flow RPC. Used only to retry a flow that the config datastore holds but the switch lacks (FRM pushes a flow
 * once; a switch that refused it, say because a table was full, would otherwise never get it until it reconnects),
 * to learn the switch's reason, and to remove a flow of ours the switch still holds long after the plan dropped it
 * (FRM acts on a config deletion only on the switch's master: one that lands while the switch changes master is
 * never sent, and the new master's reconciliation adds, it does not delete).
 */
public final class FlowPusher {
    /** OFPTT_ALL: a deletion in every table. */
    private static final int ALL_TABLES = 0xFF;

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
        return answer(rpcService.getRpc(AddFlow.class).invoke(input));
    }

    /**
     * Removes every flow of a switch that carries this cookie, in every table (a non-strict OFPFC_DELETE with the
     * whole cookie as its mask and an empty match).
     *
     * @param nodeId the switch
     * @param cookie the cookie
     * @return empty once the switch accepted it, else the switch's or openflowplugin's reason
     */
    public FluentFuture<Optional<String>> removeByCookie(final String nodeId, final long cookie) {
        final var input = new RemoveFlowInputBuilder()
            .setNode(new NodeRef(InventoryPaths.node(nodeId)))
            .setTableId(Uint8.valueOf(ALL_TABLES))
            .setCookie(new FlowCookie(Uint64.fromLongBits(cookie)))
            .setCookieMask(new FlowCookie(Uint64.MAX_VALUE))
            .setStrict(Boolean.FALSE)
            .setMatch(new MatchBuilder().build())
            .build();
        return answer(rpcService.getRpc(RemoveFlow.class).invoke(input));
    }

    private static <T> FluentFuture<Optional<String>> answer(final ListenableFuture<RpcResult<T>> call) {
        return FluentFuture.from(call)
            .transform(result -> result.isSuccessful() ? Optional.<String>empty()
                : Optional.of(result.getErrors().stream().map(error -> error.getMessage())
                    .collect(Collectors.joining("; "))), MoreExecutors.directExecutor())
            .catching(Exception.class, failure -> Optional.of(String.valueOf(failure.getMessage())),
                MoreExecutors.directExecutor());
    }
}
