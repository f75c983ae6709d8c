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
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Applies the difference between the flows last written and a new plan to the config inventory datastore, from
 * where openflowplugin's FRM pushes them to the switches (and pushes them again when a switch reconnects).
 *
 * <p>Not thread-safe: the reconciler calls it from its single thread, one apply at a time.
 */
public final class FlowWriter {
    /** Flow ids of this application start with this prefix; nothing else in the inventory is ever touched. */
    public static final String FLOW_ID_PREFIX = "vmm-";

    private final DataBroker broker;
    private Map<String, Map<String, Flow>> written = Map.of();

    /**
     * Creates a writer.
     *
     * @param broker the data broker
     */
    public FlowWriter(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    /**
     * Learns which of our flows the config datastore already holds (after a controller restart), so that the first
     * plan rewrites only what differs and removes what is stale, without deleting and re-adding unchanged flows.
     *
     * @return a future that completes when the baseline is known
     */
    public FluentFuture<Map<String, Map<String, Flow>>> readBaseline() {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.NODES)
                .transform(FlowWriter::ourFlows, MoreExecutors.directExecutor());
        }
    }

    /**
     * Sets what the datastore holds.
     *
     * @param flows the flows by switch and id
     */
    public void setBaseline(final Map<String, Map<String, Flow>> flows) {
        written = flows;
    }

    /**
     * Writes the difference between the flows last written and the planned ones in one transaction.
     *
     * @param planned the planned flows by switch and flow id
     * @return the outcome: the number of flows put and deleted, once committed
     */
    public FluentFuture<Changes> apply(final Map<String, Map<String, PlannedFlow>> planned) {
        final var target = new HashMap<String, Map<String, Flow>>();
        planned.forEach((node, flows) -> {
            final var converted = new HashMap<String, Flow>();
            flows.forEach((id, flow) -> converted.put(id, FlowConverter.toFlow(node, flow)));
            target.put(node, converted);
        });

        final var tx = broker.newWriteOnlyTransaction();
        int puts = 0;
        int deletes = 0;
        final var nodes = new HashSet<>(written.keySet());
        nodes.addAll(target.keySet());
        for (var node : nodes) {
            final var before = written.getOrDefault(node, Map.of());
            final var after = target.getOrDefault(node, Map.of());
            for (var entry : before.entrySet()) {
                final var next = after.get(entry.getKey());
                final var flow = entry.getValue();
                if (next == null || !next.getTableId().equals(flow.getTableId())) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION,
                        InventoryPaths.flow(node, flow.getTableId().toJava(), entry.getKey()));
                    deletes++;
                }
            }
            final var parents = new HashSet<Short>();
            for (var entry : after.entrySet()) {
                final var flow = entry.getValue();
                if (!flow.equals(before.get(entry.getKey()))) {
                    if (parents.add(flow.getTableId().toJava())) {
                        ensureTable(tx, node, flow.getTableId().toJava());
                    }
                    tx.put(LogicalDatastoreType.CONFIGURATION,
                        InventoryPaths.flow(node, flow.getTableId().toJava(), entry.getKey()), flow);
                    puts++;
                }
            }
        }
        final var changes = new Changes(puts, deletes);
        if (changes.isEmpty()) {
            tx.cancel();
            return FluentFuture.from(Futures.immediateFuture(changes));
        }
        return tx.commit().transform((final CommitInfo info) -> {
            written = target;
            return changes;
        }, MoreExecutors.directExecutor());
    }

    private static void ensureTable(final WriteTransaction tx, final String node, final short table) {
        tx.merge(LogicalDatastoreType.CONFIGURATION, InventoryPaths.node(node),
            new NodeBuilder().setId(new NodeId(node)).build());
        tx.merge(LogicalDatastoreType.CONFIGURATION, InventoryPaths.table(node, table),
            new TableBuilder().setId(Uint8.valueOf(table)).build());
    }

    private static Map<String, Map<String, Flow>> ourFlows(final Optional<Nodes> nodes) {
        final var result = new HashMap<String, Map<String, Flow>>();
        nodes.ifPresent(present -> present.nonnullNode().values().forEach(node -> {
            final FlowCapableNode capable = node.augmentation(FlowCapableNode.class);
            if (capable == null) {
                return;
            }
            final var flows = new HashMap<String, Flow>();
            capable.nonnullTable().values().forEach(table -> table.nonnullFlow().values().stream()
                .filter(flow -> flow.requireId().getValue().startsWith(FLOW_ID_PREFIX))
                .forEach(flow -> flows.put(flow.requireId().getValue(), flow)));
            if (!flows.isEmpty()) {
                result.put(node.requireId().getValue(), flows);
            }
        }));
        return result;
    }

    /**
     * What one apply wrote.
     *
     * @param puts flows added or changed
     * @param deletes flows removed
     */
    public record Changes(int puts, int deletes) {
        /**
         * Tells whether nothing was written.
         *
         * @return true if nothing changed
         */
        public boolean isEmpty() {
            return puts == 0 && deletes == 0;
        }
    }
}
