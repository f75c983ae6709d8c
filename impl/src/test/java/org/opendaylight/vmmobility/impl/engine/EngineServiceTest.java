/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.engine;

import static org.junit.Assert.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.reconcile.Notifier;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.testing.ConfigBackedSwitches;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yangtools.binding.DataObjectReference;
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
