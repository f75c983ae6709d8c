/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.nd;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceivedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketOutputBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * The responder answers exactly the packets of its own ND flows, out of the port they came in on.
 */
public class NdResponderTest {
    private static final Mac GATEWAY = Mac.parse("00:00:5e:00:02:01");
    private static final Mac MEMBER = Mac.parse("52:54:00:00:00:10");
    private static final Ipv6 MEMBER_ADDRESS = Ipv6.parse("2001:db8:1::10");
    private static final long ND_COOKIE = (long) PlannedFlow.COOKIE_PREFIX << 48
        | (long) FlowKind.ND_PUNT.code() << 44 | 0x123_4567_89abL;

    private final List<TransmitPacketInput> sent = new ArrayList<>();
    private final NdResponder responder;

    public NdResponderTest() {
        final RpcService rpcs = mock(RpcService.class);
        when(rpcs.getRpc(TransmitPacket.class)).thenReturn(input -> {
            sent.add(input);
            return Futures.immediateFuture(RpcResultBuilder.success(new TransmitPacketOutputBuilder().build())
                .build());
        });
        responder = new NdResponder(rpcs);
    }

    @Test
    public void answersASolicitationOfItsNdFlowOutOfItsIngressPort() {
        final byte[] frame = NeighborDiscoveryPacketsTest.solicitation(GATEWAY, MEMBER, MEMBER_ADDRESS,
            Ipv6.parse("ff02::1:ff00:30"), 255, 0, true);
        responder.onNotification(packet(frame, ND_COOKIE));
        assertEquals(1, sent.size());
        final TransmitPacketInput answer = sent.get(0);
        assertArrayEquals(NeighborAdvertisement.answer(NeighborSolicitation.parse(frame).orElseThrow()),
            answer.getPayload());
        assertEquals(ingress().getValue(), answer.getEgress().getValue());
        assertEquals(DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(
            "openflow:1"))).build(), answer.getNode().getValue());
        assertEquals(new NdResponder.Counters(1, 0, 0), responder.counters());
    }

    @Test
    public void leavesOtherPacketsAlone() {
        final byte[] frame = NeighborDiscoveryPacketsTest.solicitation(GATEWAY, MEMBER, MEMBER_ADDRESS,
            Ipv6.parse("ff02::1:ff00:30"), 255, 0, true);
        // another kind of our flows, another application's cookie
        responder.onNotification(packet(frame, (long) PlannedFlow.COOKIE_PREFIX << 48
            | (long) FlowKind.PAIR_ARP_REPLY.code() << 44));
        responder.onNotification(packet(frame, 0x1234L));
        // an ND flow's packet that is Duplicate Address Detection: counted, not answered
        responder.onNotification(packet(NeighborDiscoveryPacketsTest.solicitation(GATEWAY, MEMBER,
            Ipv6.parse("::"), Ipv6.parse("ff02::1:ff00:30"), 255, 0, true), ND_COOKIE));
        assertEquals(List.of(), sent);
        assertEquals(new NdResponder.Counters(0, 1, 0), responder.counters());
    }

    private static PacketReceived packet(final byte[] frame, final long cookie) {
        return new PacketReceivedBuilder().setPayload(frame).setIngress(ingress())
            .setFlowCookie(new FlowCookie(Uint64.fromLongBits(cookie))).build();
    }

    private static NodeConnectorRef ingress() {
        return new NodeConnectorRef(DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId("openflow:1")))
            .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId("openflow:1:3"))).build());
    }
}
