/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.opendaylight.vmmobility.impl.testing.Intents.group;
import static org.opendaylight.vmmobility.impl.testing.Intents.intent;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;
import static org.opendaylight.vmmobility.impl.testing.Intents.subnet;
import static org.opendaylight.vmmobility.impl.testing.Intents.vm;

import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.binding.spi.ForwardingDataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.reconcile.EngineLimits;
import org.opendaylight.vmmobility.impl.reconcile.EngineStepHook;
import org.opendaylight.vmmobility.impl.reconcile.Notifier;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.testing.ConfigBackedSwitches;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationActivated;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The engine as a cluster singleton: where it runs is published, and an engine taking over (on another node, after
 * the first stopped) rebuilds its view from the datastores and rewrites no flow that is already right.
 */
public class EngineServiceTest extends AbstractConcurrentDataBrokerTest {
    private static final Set<String> SWITCHES = Set.of("openflow:1", "openflow:2");

    private Supplier<Reconciler> reconcilers;

    @Before
    public void connectSwitches() throws Exception {
        final var switches = new ConfigBackedSwitches(getDataBroker(), SWITCHES);
        final var publisher = mock(NotificationPublishService.class);
        doReturn(Futures.immediateFuture(null)).when(publisher).offerNotification(any());
        reconcilers = () -> new Reconciler(getDataBroker(), new SwitchFlowProbe(switches), new FlowPusher(switches),
            new Notifier(publisher), PipelineConfig.DEFAULT);
        final var tx = getDataBroker().newWriteOnlyTransaction();
        for (String node : SWITCHES) {
            tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(node),
                new NodeBuilder().setId(new NodeId(node)).build());
        }
        tx.commit().get();
    }

    @Test
    public void aTakeoverRewritesNoFlowThatIsRightAndShowsWhereTheEngineRuns() throws Exception {
        final var first = new EngineService(getDataBroker(), reconcilers, "member-1");
        first.instantiateServiceInstance();
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("the first engine shows where it runs and activates db", () -> "member-1".equals(engineNode())
            && phase("db") == MigrationPhase.Active);
        final var flows = configFlows();

        final List<String> written = new ArrayList<>();
        final DataTreeChangeListener<Node> inventory = changes -> {
            synchronized (written) {
                changes.forEach(change -> flowsIn(change.getRootNode(), written));
            }
        };
        try (var registration = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION,
                DataObjectReference.builder(Nodes.class).child(Node.class).build(), inventory)) {
            await("the inventory listener's first notification", () -> size(written) > 0);
            synchronized (written) {
                written.clear();
            }

            first.closeServiceInstance().get(10, TimeUnit.SECONDS);
            final var second = new EngineService(getDataBroker(), reconcilers, "member-2");
            second.instantiateServiceInstance();
            await("the second engine shows where it runs", () -> "member-2".equals(engineNode()));
            await("the second engine confirms db", () -> phase("db") == MigrationPhase.Active);

            // a marker write after the takeover: its notification comes after any the engine caused
            final var tx = getDataBroker().newWriteOnlyTransaction();
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flow("openflow:1",
                (short) 1, "someone-else"), new FlowBuilder().setId(new FlowId("someone-else"))
                    .setTableId(Uint8.ONE).build());
            tx.commit().get();
            await("the marker's notification", () -> size(written) > 0);
            assertEquals("only the marker changed the inventory: " + written, 1, size(written));
            final var after = configFlows();
            after.get("openflow:1").remove("someone-else");
            assertEquals(flows, after);
            second.closeServiceInstance().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * One migration-activated per move: an engine taking over does not announce again what the engine before it
     * announced (it reads the published state before its first write clears it), a plan that changes around the
     * move (a member moved) is confirmed again silently, and a new move is announced.
     */
    @Test
    public void eachMoveIsAnnouncedOnceAcrossATakeoverAndPlanChanges() throws Exception {
        final List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        final var switches = new ConfigBackedSwitches(getDataBroker(), SWITCHES);
        final var publisher = mock(NotificationPublishService.class);
        doAnswer(invocation -> {
            if (invocation.getArgument(0) instanceof MigrationActivated activated) {
                published.add(activated.getVmId().getValue() + " " + activated.getCurrentAddress().getValue());
            }
            return Futures.immediateFuture(null);
        }).when(publisher).offerNotification(any());
        final Supplier<Reconciler> engines = () -> new Reconciler(getDataBroker(), new SwitchFlowProbe(switches),
            new FlowPusher(switches), new Notifier(publisher), PipelineConfig.DEFAULT);
        final var first = new EngineService(getDataBroker(), engines, "member-1");
        first.instantiateServiceInstance();
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        // the announcement goes out when the flows are confirmed, the state that records it is committed just after:
        // an engine stopped between the two leaves no record, and the next one announces again (at least once, by
        // design). This test is about the recorded case: the first engine stops once its state shows db active.
        await("db announced and its state committed", () -> published.equals(List.of("db 10.0.2.33"))
            && phase("db") == MigrationPhase.Active);

        first.closeServiceInstance().get(10, TimeUnit.SECONDS);
        final var second = new EngineService(getDataBroker(), engines, "member-2");
        second.instantiateServiceInstance();
        try {
            await("the second engine confirms db", () -> "member-2".equals(engineNode())
                && phase("db") == MigrationPhase.Active);
            // web moves to openflow:2: db's translation plan changes, its move does not
            final var tx = getDataBroker().newWriteOnlyTransaction();
            tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT.toBuilder().child(Vm.class,
                new VmKey(new Name("web"))).build(), vm("web", "10.0.1.1", "02:00:00:00:00:01", "openflow:2", 5));
            tx.commit().get();
            await("db confirmed again after web moved", () -> phase("db") == MigrationPhase.Active
                && configFlows().getOrDefault("openflow:2", Map.of()).size() > 0);
            Thread.sleep(500);
            assertEquals("no second announcement of the same move", List.of("db 10.0.2.33"), published);
            write(shop(migration("db", "10.0.2.44", "openflow:2", 1)));
            await("db's new move announced", () -> published.size() == 2);
            assertEquals(List.of("db 10.0.2.33", "db 10.0.2.44"), published);
        } finally {
            second.closeServiceInstance().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A listener that lost a notification (openflowplugin's removal of a switch) leaves the engine planning for a
     * switch that is gone, and the ports it had, forever (a VM registered by interface name stays where its tap was);
     * the audit compares the engine's switches with the inventory, reports the difference and has the listener's view
     * rebuilt, and the resync removes the flows of the VM whose tap left.
     */
    @Test
    public void aSwitchViewThatMissedADepartureIsRebuiltAndTheGoneTapsFlowsRemoved() throws Exception {
        final var lossy = new DepartureLosingBroker(getDataBroker());
        final var switches = new ConfigBackedSwitches(getDataBroker(), SWITCHES);
        final var publisher = mock(NotificationPublishService.class);
        doReturn(Futures.immediateFuture(null)).when(publisher).offerNotification(any());
        final var engine = new EngineService(lossy, () -> new Reconciler(lossy, new SwitchFlowProbe(switches),
            new FlowPusher(switches), new Notifier(publisher), PipelineConfig.DEFAULT, EngineStepHook.NONE,
            new EngineLimits(10_000, 5_000, 5_000, 5_000, 50, 800, 5_000, 200)), "member-1", 100);
        engine.instantiateServiceInstance();
        try {
            // web is registered by interface name, its tap on openflow:2: the translation towards db is there
            final var tap = getDataBroker().newWriteOnlyTransaction();
            tap.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node("openflow:2"), new NodeBuilder()
                .setId(new NodeId("openflow:2")).setNodeConnector(BindingMap.of(new NodeConnectorBuilder()
                    .setId(new NodeConnectorId("openflow:2:7"))
                    .addAugmentation(new FlowCapableNodeConnectorBuilder().setName("tapweb").build()).build()))
                .build());
            tap.commit().get();
            write(intent(List.of(subnet("10.0.1.0/24", "10.0.1.254", "02:00:00:00:01:fe"),
                subnet("10.0.2.0/24", "10.0.2.254", "02:00:00:00:02:fe")),
                List.of(new VmBuilder(vm("web", "10.0.1.1", "02:00:00:00:00:01", "openflow:2", 1)).setAttachment(null)
                    .setInterfaceName("tapweb").build(), vm("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3)),
                List.of(group("shop", "web", "db")), List.of(migration("db", "10.0.2.33", "openflow:1", 9))));
            await("db active, with flows on openflow:2", () -> phase("db") == MigrationPhase.Active
                && !configFlows().getOrDefault("openflow:2", Map.of()).isEmpty());

            final var tx = getDataBroker().newWriteOnlyTransaction();
            tx.delete(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node("openflow:2"));
            tx.commit().get();
            await("the listener lost the removal", () -> lossy.lost() == 1);
            // web's tap left with the switch: web is nowhere, nothing of it stays on openflow:2
            await("openflow:2's flows removed", () -> configFlows().getOrDefault("openflow:2", Map.of()).isEmpty());
            final var state = operational().getEngine();
            assertTrue("the audit's finding shows: " + state.getLastError(), String.valueOf(state.getLastError())
                .contains("the engine's connected switches [openflow:1, openflow:2] differ from the inventory's "
                    + "[openflow:1]"));
            assertEquals("the rebuilt listener subscribed", 2, lossy.inventoryListeners());
        } finally {
            engine.closeServiceInstance().get(10, TimeUnit.SECONDS);
        }
    }

    /** Loses the first removal of a switch that the first inventory listener would be told of. */
    private static final class DepartureLosingBroker extends ForwardingDataBroker {
        private final DataBroker delegate;
        private final AtomicInteger lost = new AtomicInteger();
        private final AtomicInteger inventoryListeners = new AtomicInteger();

        DepartureLosingBroker(final DataBroker delegate) {
            this.delegate = delegate;
        }

        @Override
        protected DataBroker delegate() {
            return delegate;
        }

        int lost() {
            return lost.get();
        }

        int inventoryListeners() {
            return inventoryListeners.get();
        }

        @Override
        public <T extends DataObject> Registration registerTreeChangeListener(final LogicalDatastoreType store,
                final DataObjectReference<T> path, final DataTreeChangeListener<T> listener) {
            if (store != LogicalDatastoreType.OPERATIONAL || path.lastStep().type() != Node.class
                    || inventoryListeners.incrementAndGet() > 1) {
                return super.registerTreeChangeListener(store, path, listener);
            }
            return super.registerTreeChangeListener(store, path, changes -> {
                final var kept = changes.stream().filter(change -> !(change.getRootNode().modificationType()
                    == DataObjectModification.ModificationType.DELETE && lost.compareAndSet(0, 1))).toList();
                if (!kept.isEmpty()) {
                    listener.onDataTreeChanged(kept);
                }
            });
        }
    }

    private static void flowsIn(final org.opendaylight.mdsal.binding.api.DataObjectModification<?> node,
            final List<String> out) {
        if (node.dataType() == Flow.class) {
            final var flow = (Flow) (node.dataAfter() != null ? node.dataAfter() : node.dataBefore());
            out.add(node.modificationType() + " " + flow.requireId().getValue());
            return;
        }
        node.modifiedChildren().forEach(child -> flowsIn(child, out));
    }

    private static int size(final List<String> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private void write(final VmMobility config) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT, config);
        tx.commit().get();
    }

    private VmMobility operational() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT).get().orElse(null);
        }
    }

    private String engineNode() throws Exception {
        final var state = operational();
        return state == null || state.getEngine() == null ? null : state.getEngine().getNode();
    }

    private MigrationPhase phase(final String vmId) throws Exception {
        final var state = operational();
        if (state == null) {
            return null;
        }
        final var migration = state.nonnullMigration().get(new MigrationKey(new Name(vmId)));
        return migration == null || migration.getState() == null ? null : migration.getState().getPhase();
    }

    private Map<String, Map<String, Flow>> configFlows() throws Exception {
        return ConfigFlows.read(getDataBroker(), SWITCHES);
    }

    private static void await(final String what, final Condition condition) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }
}
