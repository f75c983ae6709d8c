/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;

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
}
