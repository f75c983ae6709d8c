/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The operational inventory as vmm:trace reads it: connected switches, named ports, and only our flows.
 */
public class SwitchInventoryTest {
    @Test
    public void readsSwitchesNamedPortsAndOurFlows() {
        final Nodes nodes = new NodesBuilder().setNode(BindingMap.of(
            new NodeBuilder().setId(new NodeId("openflow:1"))
                .setNodeConnector(BindingMap.of(
                    new NodeConnectorBuilder().setId(new NodeConnectorId("openflow:1:3"))
                        .addAugmentation(new FlowCapableNodeConnectorBuilder().setName("tapdb0").build()).build(),
                    new NodeConnectorBuilder().setId(new NodeConnectorId("openflow:1:LOCAL"))
                        .addAugmentation(new FlowCapableNodeConnectorBuilder().setName("br1").build()).build()))
                .addAugmentation(new FlowCapableNodeBuilder().setTable(BindingMap.of(new TableBuilder()
                    .setId(Uint8.ZERO).setFlow(BindingMap.of(
                        new FlowBuilder().setId(new FlowId("vmm-miss-t0-d4badcf1"))
                            .setCookie(new FlowCookie(Uint64.valueOf(0x564D_8000_0000_0001L))).build(),
                        // ours, but listed under the id openflowplugin generates when it cannot match it
                        new FlowBuilder().setId(new FlowId("#UF$TABLE*0-1"))
                            .setCookie(new FlowCookie(Uint64.valueOf(0x564D_8000_0000_0002L))).build(),
                        // another application's
                        new FlowBuilder().setId(new FlowId("#UF$TABLE*0-2"))
                            .setCookie(new FlowCookie(Uint64.ZERO)).build()))
                    .build())).build())
                .build(),
            new NodeBuilder().setId(new NodeId("openflow:2")).build())).build();
        final SwitchInventory inventory = SwitchInventory.of(nodes);
        assertEquals(List.of("openflow:1", "openflow:2"), List.copyOf(inventory.connected()));
        assertEquals(List.of(new Change.PutPort("openflow:1", 3, "tapdb0")), inventory.ports());
        assertEquals(Map.of(new SwitchInventory.FlowKey("openflow:1", (short) 0, "vmm-miss-t0-d4badcf1"),
            0x564D_8000_0000_0001L), inventory.flows());
        assertEquals(Set.of(new SwitchInventory.FlowKey("openflow:1", (short) 0, "cookie=0x564d800000000001"),
            new SwitchInventory.FlowKey("openflow:1", (short) 0, "cookie=0x564d800000000002")), inventory.cookies());
        assertEquals(SwitchInventory.EMPTY, SwitchInventory.of(null));
    }
}
