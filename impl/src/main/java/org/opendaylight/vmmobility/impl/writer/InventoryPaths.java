/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Paths into openflowplugin's inventory.
 */
public final class InventoryPaths {
    /** The whole inventory. */
    public static final DataObjectIdentifier<Nodes> NODES = DataObjectIdentifier.builder(Nodes.class).build();

    private InventoryPaths() {
        // utility class
    }

    /**
     * A switch's flow-capable augmentation.
     *
     * @param nodeId the switch, e.g. {@code openflow:1}
     * @return the path
     */
    public static DataObjectIdentifier<FlowCapableNode> flowCapableNode(final String nodeId) {
        return DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(nodeId)))
            .augmentation(FlowCapableNode.class)
            .build();
    }

    /**
     * A switch.
     *
     * @param nodeId the switch
     * @return the path
     */
    public static DataObjectIdentifier<Node> node(final String nodeId) {
        return DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(nodeId))).build();
    }

    /**
     * A flow table of a switch.
     *
     * @param nodeId the switch
     * @param table the table
     * @return the path
     */
    public static DataObjectIdentifier<Table> table(final String nodeId, final short table) {
        return DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(nodeId)))
            .augmentation(FlowCapableNode.class)
            .child(Table.class, new TableKey(Uint8.valueOf(table)))
            .build();
    }

    /**
     * A flow.
     *
     * @param nodeId the switch
     * @param table the table
     * @param flowId the flow's id
     * @return the path
     */
    public static DataObjectIdentifier<Flow> flow(final String nodeId, final short table, final String flowId) {
        return DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(nodeId)))
            .augmentation(FlowCapableNode.class)
            .child(Table.class, new TableKey(Uint8.valueOf(table)))
            .child(Flow.class, new FlowKey(new FlowId(flowId)))
            .build();
    }

    /**
     * A meter of a switch.
     *
     * @param nodeId the switch
     * @param meterId the meter's id
     * @return the path
     */
    public static DataObjectIdentifier<Meter> meter(final String nodeId, final long meterId) {
        return DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(nodeId)))
            .augmentation(FlowCapableNode.class)
            .child(Meter.class, new MeterKey(new MeterId(Uint32.valueOf(meterId))))
            .build();
    }
}
