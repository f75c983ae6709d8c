/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing;

import com.google.common.collect.ImmutableSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;

/**
 * The flows the config inventory holds for some switches.
 */
public final class ConfigFlows {
    private ConfigFlows() {
        // static only
    }

    /**
     * Reads the config inventory's flows.
     *
     * @param broker the data broker
     * @param switches the switches
     * @return per switch that has flows, its flows by id
     * @throws Exception if a read fails
     */
    public static Map<String, Map<String, Flow>> read(final DataBroker broker, final Set<String> switches)
            throws Exception {
        final var result = new TreeMap<String, Map<String, Flow>>();
        for (var node : switches) {
            try (var tx = broker.newReadOnlyTransaction()) {
                tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowCapableNode(node)).get()
                    .ifPresent(capable -> capable.nonnullTable().values().forEach(table -> table.nonnullFlow()
                        .values().forEach(flow -> result.computeIfAbsent(node, key -> new TreeMap<>())
                            .put(flow.requireId().getValue(), flow))));
            }
        }
        return result;
    }

    /**
     * The flows a configuration plans for connected switches, as the config inventory would hold them.
     *
     * @param config the configuration
     * @param switches the connected switches
     * @param pipeline where the pipeline lives
     * @return per switch that has flows, its flows by id
     */
    public static Map<String, Map<String, Flow>> planned(final VmMobility config, final Set<String> switches,
            final PipelineConfig pipeline) {
        final var planner = new IncrementalPlanner(pipeline);
        ChangeReader.readAll(config).forEach(planner::apply);
        planner.apply(new Change.SetConnected(ImmutableSet.copyOf(switches)));
        planner.replan();
        final var result = new TreeMap<String, Map<String, Flow>>();
        planner.plan().flowsBySwitch().forEach((node, flows) -> flows.forEach((id, flow) ->
            result.computeIfAbsent(node, key -> new TreeMap<>()).put(id, FlowConverter.toFlow(node, flow))));
        return result;
    }
}
