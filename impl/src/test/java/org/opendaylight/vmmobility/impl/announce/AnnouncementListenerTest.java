/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.announce;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.metrics.MetricsText;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.nd.UnsolicitedAdvertisement;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceivedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Activation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyOutcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.output.ResultBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * The listener trusts an announcement only as a gratuitous ARP from the VM's interface with its MAC, hears a VM at
 * most once a second, changes nothing for an address in use, and counts every outcome.
 */
public class AnnouncementListenerTest {
    private static final Mac DB_MAC = Mac.parse("52:54:00:00:00:30");
    private static final long COOKIE = (long) PlannedFlow.COOKIE_PREFIX << 48
        | (long) FlowKind.ANNOUNCE_PUNT.code() << 44 | 0x42L;
    private static final DataObjectIdentifier<NodeConnector> PORT_3 = port("openflow:2:3");
    private static final DataObjectIdentifier<NodeConnector> PORT_4 = port("openflow:2:4");

    private final DataBroker broker = mock(DataBroker.class);
    /** A read-only transaction reads one datastore: the configuration here, the inventory in the other. */
    private final ReadTransaction tx = mock(ReadTransaction.class);
    private final ReadTransaction inventoryTx = mock(ReadTransaction.class);
    private final AtomicLong transactions = new AtomicLong();
    private final VmmMetrics metrics = new VmmMetrics("test");
    private final AnnouncerIndex index = new AnnouncerIndex(false);
    private final List<String> stored = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private AnnouncementListener listener;

    @Before
    public void setUp() {
        when(broker.newReadOnlyTransaction()).thenAnswer(ignored -> transactions.getAndIncrement() % 2 == 0 ? tx
            : inventoryTx);
        vm(new VmBuilder().setVmId(new Name("db")).setHomeAddress(new Ipv4Host("10.0.2.30"))
            .setMac(new EthernetAddress(DB_MAC.toString())).setInterfaceName("tapdb")
            .setActivation(Activation.Announce).build());
        doReturn(FluentFutures.immediateFluentFuture(Optional.empty())).when(tx)
            .read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.migration("db"));
        doReturn(FluentFutures.immediateFluentFuture(Optional.of(connector(PORT_3, "tapdb")))).when(inventoryTx)
            .read(LogicalDatastoreType.OPERATIONAL, PORT_3);
        doReturn(FluentFutures.immediateFluentFuture(Optional.of(connector(PORT_4, "tapweb")))).when(inventoryTx)
            .read(LogicalDatastoreType.OPERATIONAL, PORT_4);
        listener = new AnnouncementListener(broker, index, (vmId, address) -> {
            stored.add(vmId + " " + address);
            return Futures.immediateFuture(new ResultBuilder().setVmId(vmId).setOutcome(NotifyOutcome.Migrated)
                .build());
        }, metrics, false, clock::get);
    }

    @Test
    public void aGratuitousArpFromTheVmsInterfaceWithItsMacStartsItsMigrationOnce() {
        listener.onNotification(packet(new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), false).toFrame(), PORT_3));
        assertEquals(List.of("db 10.0.3.30"), stored);
        assertTrue(MetricsText.of(metrics), MetricsText.of(metrics).contains(
            "vmm_announcements_total{outcome=\"migrated\"} 1.0"));
        // the usual three announcements: heard once
        clock.addAndGet(300_000_000L);
        listener.onNotification(packet(new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), true).toFrame(), PORT_3));
        assertEquals(1, stored.size());
        assertTrue(MetricsText.of(metrics).contains("vmm_announcements_total{outcome=\"rate-limited\"} 1.0"));
        // a second later, an address it already uses changes nothing
        clock.addAndGet(1_000_000_000L);
        doReturn(FluentFutures.immediateFluentFuture(Optional.of(new MigrationBuilder().setVmId(new Name("db"))
            .setNewAddress(new Ipv4Host("10.0.3.30")).build()))).when(tx)
            .read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.migration("db"));
        listener.onNotification(packet(new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), false).toFrame(), PORT_3));
        assertEquals(1, stored.size());
        assertTrue(MetricsText.of(metrics).contains("vmm_announcements_total{outcome=\"unchanged\"} 1.0"));
    }

    @Test
    public void anAnnouncementFromAnotherPortOrMacOrNotGratuitousDoesNothing() {
        // the VM's MAC from another VM's port
        listener.onNotification(packet(new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), false).toFrame(), PORT_4));
        // another MAC from the VM's port
        listener.onNotification(packet(new GratuitousArp(Mac.parse("52:54:00:00:00:99"), Ipv4.parse("10.0.3.30"),
            false).toFrame(), PORT_3));
        clock.addAndGet(2_000_000_000L);
        // an ARP request for another address (sender != target) from the VM
        final byte[] request = new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), false).toFrame();
        request[41] = 1;
        listener.onNotification(packet(request, PORT_3));
        // a packet of another flow
        listener.onNotification(new PacketReceivedBuilder(packet(new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"),
            false).toFrame(), PORT_3)).setFlowCookie(new FlowCookie(Uint64.fromLongBits(0x1234L))).build());
        assertEquals(List.of(), stored);
        final String scrape = MetricsText.of(metrics);
        assertTrue(scrape, scrape.contains("vmm_announcements_total{outcome=\"untrusted\"} 2.0"));
        assertTrue(scrape, scrape.contains("vmm_announcements_total{outcome=\"ignored\"} 1.0"));
    }

    @Test
    public void aVmWhoseAnnouncementsDoNotCountIsNotHeard() {
        vm(new VmBuilder().setVmId(new Name("db")).setHomeAddress(new Ipv4Host("10.0.2.30"))
            .setMac(new EthernetAddress(DB_MAC.toString())).setInterfaceName("tapdb").build());
        listener.onNotification(packet(new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), false).toFrame(), PORT_3));
        assertEquals(List.of(), stored);
        assertTrue(MetricsText.of(metrics).contains("vmm_announcements_total{outcome=\"untrusted\"} 1.0"));
    }

    @Test
    public void anUnsolicitedNeighborAdvertisementStartsTheIpv6MoveBesideTheIpv4One() {
        // a dual-stack VM announces both families at once: each is heard
        listener.onNotification(packet(new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), false).toFrame(), PORT_3));
        listener.onNotification(packet(new UnsolicitedAdvertisement(DB_MAC, Ipv6.parse("2001:db8:3::30")).toFrame(),
            PORT_3));
        assertEquals(List.of("db 10.0.3.30", "db 2001:db8:3::30"), stored);
    }

    @Test
    public void theAdvertisementParserTakesOnlyAValidUnsolicitedOne() {
        final UnsolicitedAdvertisement na = new UnsolicitedAdvertisement(DB_MAC, Ipv6.parse("2001:db8:3::30"));
        assertEquals(Optional.of(na), UnsolicitedAdvertisement.parse(na.toFrame()));
        assertEquals(Optional.empty(), UnsolicitedAdvertisement.parse(na.toFrame(true)));
        final byte[] badChecksum = na.toFrame();
        badChecksum[56] ^= 1;
        assertEquals(Optional.empty(), UnsolicitedAdvertisement.parse(badChecksum));
        final byte[] otherLinkLayer = na.toFrame();
        otherLinkLayer[otherLinkLayer.length - 1] ^= 1;
        assertEquals(Optional.empty(), UnsolicitedAdvertisement.parse(otherLinkLayer));
        assertEquals(Optional.empty(), UnsolicitedAdvertisement.parse(new UnsolicitedAdvertisement(DB_MAC,
            Ipv6.parse("fe80::5054:ff:fe00:30")).toFrame()));
    }

    @Test
    public void theFrameParserKnowsAGratuitousArp() {
        final GratuitousArp arp = new GratuitousArp(DB_MAC, Ipv4.parse("10.0.3.30"), true);
        assertEquals(Optional.of(arp), GratuitousArp.parse(arp.toFrame()));
        final byte[] unspecified = new GratuitousArp(DB_MAC, new Ipv4(0), false).toFrame();
        assertEquals(Optional.empty(), GratuitousArp.parse(unspecified));
        final byte[] spoofedSender = arp.toFrame();
        spoofedSender[27] ^= 1;
        assertEquals(Optional.empty(), GratuitousArp.parse(spoofedSender));
        assertEquals(Optional.empty(), GratuitousArp.parse(new byte[20]));
    }

    /** The VM's entry as the datastore holds it, and as the index learnt it. */
    private void vm(final Vm vm) {
        doReturn(FluentFutures.immediateFluentFuture(Optional.of(vm))).when(tx)
            .read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.vm("db"));
        @SuppressWarnings("unchecked")
        final DataTreeModification<Vm> change = mock(DataTreeModification.class);
        @SuppressWarnings("unchecked")
        final DataObjectModification<Vm> root = mock(DataObjectModification.class);
        when(change.getRootNode()).thenReturn(root);
        when(root.dataAfter()).thenReturn(vm);
        index.onDataTreeChanged(List.of(change));
    }

    private static PacketReceived packet(final byte[] frame, final DataObjectIdentifier<NodeConnector> ingress) {
        return new PacketReceivedBuilder().setPayload(frame).setIngress(new NodeConnectorRef(ingress))
            .setFlowCookie(new FlowCookie(Uint64.fromLongBits(COOKIE))).build();
    }

    private static DataObjectIdentifier<NodeConnector> port(final String id) {
        return DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId("openflow:2")))
            .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId(id))).build();
    }

    private static NodeConnector connector(final DataObjectIdentifier<NodeConnector> path, final String name) {
        return new NodeConnectorBuilder().withKey(path.getFirstKeyOf(NodeConnector.class))
            .addAugmentation(new FlowCapableNodeConnectorBuilder().setName(name).build()).build();
    }
}
