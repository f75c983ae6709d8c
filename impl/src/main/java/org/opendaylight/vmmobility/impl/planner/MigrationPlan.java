/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Maps;
import java.util.Map;
import java.util.Set;

/**
 * What the plan does for one migration.
 *
 * @param vmId the migrated VM
 * @param switches the switches that carry the migration's translation flows
 * @param flowCount the number of the migration's translation flows (to-current, from-current and arp-reply) on all
 *                  switches; shared flows (classification, miss) are not counted
 * @param flowIds the ids of the migration's translation flows, per switch and direction (a direction without flows
 *                on a switch is absent)
 * @param requiredFlowIds per switch, the ids of every flow the translation needs there: its own flows plus the
 *                        shared classification and miss flows they depend on; the translation is completely
 *                        programmed when all of these are on their switches
 * @param problems why the translation is not (completely) planned, sorted; empty when it is fully planned
 */
public record MigrationPlan(String vmId, ImmutableSortedSet<String> switches, int flowCount,
        ImmutableSortedMap<String, Map<Direction, Set<String>>> flowIds,
        ImmutableSortedMap<String, Set<String>> requiredFlowIds, ImmutableList<String> problems) {
    /**
     * Creates a migration plan.
     *
     * @param vmId the migrated VM
     * @param switches the switches
     * @param flowCount the number of translation flows
     * @param flowIds the translation flows' ids per switch and direction
     * @param requiredFlowIds the ids of all flows the translation needs, per switch
     * @param problems the problems
     */
    public MigrationPlan {
        requireNonNull(vmId);
        switches = ImmutableSortedSet.copyOf(switches);
        flowIds = ImmutableSortedMap.copyOf(Maps.transformValues(flowIds,
            byDirection -> Maps.immutableEnumMap(Maps.transformValues(byDirection, ImmutableSortedSet::copyOf))));
        requiredFlowIds = ImmutableSortedMap.copyOf(Maps.transformValues(requiredFlowIds,
            ImmutableSortedSet::copyOf));
        problems = ImmutableList.copyOf(problems);
    }

    /**
     * Tells whether the migration is fully planned.
     *
     * @return true if there are no problems
     */
    public boolean isFullyPlanned() {
        return problems.isEmpty();
    }
}
