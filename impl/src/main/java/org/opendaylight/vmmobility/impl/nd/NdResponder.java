/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.nd;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketOutput;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.KeyStep;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the Neighbor Solicitations the ND flows send to the controller (docs/DESIGN.md, "Neighbor Discovery"). It
 * runs on every node: openflowplugin publishes a packet-in only on the node that owns the switch.
 *
 * <p>Stateless: the flow that sent the packet matched the member's port, address and the target (a migrated VM's
 * home address) and set the next hop as the Ethernet source and the member as the Ethernet destination, so the
 * packet holds the whole answer. Only packets whose cookie says they come from an ND flow of this application are
 * answered, and only valid solicitations (RFC 4861 7.1.1; never Duplicate Address Detection); the rest are counted
 * and dropped.
 */
public final class NdResponder implements NotificationService.Listener<PacketReceived> {
    private static final Logger LOG = LoggerFactory.getLogger(NdResponder.class);
    private static final long ND_COOKIE = (long) PlannedFlow.COOKIE_PREFIX << 4 | FlowKind.ND_PUNT.code();

    private final RpcService rpcService;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * Creates the responder.
     *
     * @param rpcService sends the answers (openflowplugin's transmit-packet)
     */
    public NdResponder(final RpcService rpcService) {
        this.rpcService = requireNonNull(rpcService);
    }

    @Override
    public void onNotification(final PacketReceived packet) {
        final var cookie = packet.getFlowCookie();
        if (cookie == null || cookie.getValue().longValue() >>> 44 != ND_COOKIE) {
            // another application's packet-in: not ours to count
            return;
        }
        final Optional<NeighborSolicitation> solicitation = Optional.ofNullable(packet.getPayload())
            .flatMap(NeighborSolicitation::parse);
        final Optional<Port> port = Port.of(packet.getIngress());
        if (solicitation.isEmpty() || port.isEmpty()) {
            ignored.incrementAndGet();
            LOG.debug("Ignoring a packet of an ND flow that is no valid solicitation: {}", packet);
            return;
        }
        final var frame = NeighborAdvertisement.answer(solicitation.orElseThrow());
        final var at = port.orElseThrow();
        final var input = new TransmitPacketInputBuilder().setNode(new NodeRef(at.node()))
            .setEgress(new NodeConnectorRef(at.connector())).setPayload(frame).build();
        Futures.addCallback(rpcService.getRpc(TransmitPacket.class).invoke(input), new FutureCallback<>() {
            @Override
            public void onSuccess(final RpcResult<TransmitPacketOutput> result) {
                if (result.isSuccessful()) {
                    answered.incrementAndGet();
                    LOG.debug("Answered {} for {} on {}", solicitation.orElseThrow().target(),
                        solicitation.orElseThrow().source(), at);
                } else {
                    failed.incrementAndGet();
                    LOG.warn("Could not answer the solicitation of {} for {} on {}: {}",
                        solicitation.orElseThrow().source(), solicitation.orElseThrow().target(), at,
                        result.getErrors());
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                failed.incrementAndGet();
                LOG.warn("Could not answer the solicitation of {} for {} on {}", solicitation.orElseThrow().source(),
                    solicitation.orElseThrow().target(), at, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    /**
     * The counters: answered, ignored (not a valid solicitation), failed (the switch was not reached).
     *
     * @return the counters
     */
    public Counters counters() {
        return new Counters(answered.get(), ignored.get(), failed.get());
    }

    /**
     * What the responder did.
     *
     * @param answered solicitations answered
     * @param ignored packets of the ND flows that were no valid solicitation
     * @param failed answers the switch was not sent
     */
    public record Counters(long answered, long ignored, long failed) {
    }

    /**
     * A switch port as openflowplugin names it.
     *
     * @param node the switch
     * @param connector the port
     */
    public record Port(DataObjectIdentifier<Node> node, DataObjectIdentifier<NodeConnector> connector) {
        /**
         * Reads a packet-in's ingress.
         *
         * @param ref the ingress
         * @return the port, or empty if the reference names no switch port
         */
        public static Optional<Port> of(final NodeConnectorRef ref) {
            if (ref == null) {
                return Optional.empty();
            }
            NodeKey node = null;
            NodeConnectorKey connector = null;
            for (var step : ref.getValue().steps()) {
                if (step instanceof KeyStep<?, ?> keyed) {
                    if (keyed.key() instanceof NodeKey key) {
                        node = key;
                    } else if (keyed.key() instanceof NodeConnectorKey key) {
                        connector = key;
                    }
                }
            }
            if (node == null || connector == null) {
                return Optional.empty();
            }
            final var nodePath = DataObjectIdentifier.builder(Nodes.class).child(Node.class, node).build();
            return Optional.of(new Port(nodePath, DataObjectIdentifier.builder(Nodes.class).child(Node.class, node)
                .child(NodeConnector.class, connector).build()));
        }

        @Override
        public String toString() {
            // openflow:<dpid>:<port>, as the inventory names it
            final var key = connector.getFirstKeyOf(NodeConnector.class);
            return key == null ? connector.toString() : key.getId().getValue();
        }
    }
}
