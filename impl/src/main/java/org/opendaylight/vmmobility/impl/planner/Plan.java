/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Maps;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's output: the exact set of flows of every switch, and what each migration's translation needs.
 *
 * @param flowsBySwitch per switch node id, its flows keyed by flow id (both maps sorted; a switch without flows is
 *                      absent)
 * @param migrations per migrated VM id, its migration's plan (one for every migration of the intent)
 */
public record Plan(ImmutableSortedMap<String, Map<String, PlannedFlow>> flowsBySwitch,
        ImmutableSortedMap<String, MigrationPlan> migrations) {
    /** A plan without flows and migrations. */
    public static final Plan EMPTY = new Plan(ImmutableSortedMap.of(), ImmutableSortedMap.of());

    /**
     * Creates a plan.
     *
     * @param flowsBySwitch the flows per switch, keyed by flow id
     * @param migrations the migration plans, keyed by VM id
     * @throws IllegalArgumentException if a flow is filed under another id than its own
     */
    public Plan {
        flowsBySwitch = ImmutableSortedMap.copyOf(Maps.transformValues(flowsBySwitch, ImmutableSortedMap::copyOf));
        migrations = ImmutableSortedMap.copyOf(migrations);
        for (Map<String, PlannedFlow> flows : flowsBySwitch.values()) {
            for (Map.Entry<String, PlannedFlow> entry : flows.entrySet()) {
                if (!entry.getKey().equals(entry.getValue().flowId())) {
                    throw new IllegalArgumentException("flow " + entry.getValue().flowId() + " filed under "
                        + entry.getKey());
                }
            }
        }
    }

    /**
     * Returns the flows of one switch.
     *
     * @param nodeId the switch
     * @return its flows keyed by flow id; empty if it has none
     */
    public Map<String, PlannedFlow> flows(final String nodeId) {
        return flowsBySwitch.getOrDefault(nodeId, ImmutableMap.of());
    }

    /**
     * Returns a migration's plan.
     *
     * @param vmId the migrated VM
     * @return its plan, or empty if the intent has no migration of that VM
     */
    public Optional<MigrationPlan> migration(final String vmId) {
        return Optional.ofNullable(migrations.get(vmId));
    }

    /**
     * Returns the number of flows on all switches.
     *
     * @return the number of flows
     */
    public int flowCount() {
        return flowsBySwitch.values().stream().mapToInt(Map::size).sum();
    }
}
