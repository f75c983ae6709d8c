/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;

/**
 * The oracle of the flows: a new planner given the whole current intent, the connected switches and their ports
 * in one go (the start-up path), its plan converted as the writer converts it.
 */
final class ExpectedFlows {
    private ExpectedFlows() {
        // static only
    }

    /**
     * The flows the config inventory must hold.
     *
     * @param config the intent (null if none)
     * @param operational the operational inventory (null if none)
     * @param pipeline the pipeline
     * @return per switch with flows, its flows by id
     */
    static Map<String, Map<String, Flow>> of(final @Nullable VmMobility config, final @Nullable Nodes operational,
            final PipelineConfig pipeline) {
        final List<Change> changes = new ArrayList<>(ChangeReader.readAll(config));
        final Set<String> connected = new TreeSet<>();
        if (operational != null) {
            for (var node : operational.nonnullNode().values()) {
                final String nodeId = node.requireId().getValue();
                connected.add(nodeId);
                for (var connector : node.nonnullNodeConnector().values()) {
                    final var capable = connector.augmentation(FlowCapableNodeConnector.class);
                    final String id = connector.requireId().getValue();
                    final String number = id.substring(id.lastIndexOf(':') + 1);
                    if (capable != null && capable.getName() != null && number.chars().allMatch(Character::isDigit)) {
                        changes.add(new Change.PutPort(nodeId, Long.parseLong(number), capable.getName()));
                    }
                }
            }
        }
        changes.add(new Change.SetConnected(ImmutableSet.copyOf(connected)));
        final var planner = new IncrementalPlanner(pipeline);
        changes.forEach(planner::apply);
        planner.replan();
        final var result = new TreeMap<String, Map<String, Flow>>();
        planner.plan().flowsBySwitch().forEach((node, flows) -> flows.forEach((id, flow) ->
            result.computeIfAbsent(node, key -> new TreeMap<>()).put(id, FlowConverter.toFlow(node, flow))));
        return result;
    }
}
