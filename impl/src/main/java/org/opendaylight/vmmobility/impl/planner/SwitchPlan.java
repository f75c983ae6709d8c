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
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan of one switch: its flows, and what each migration translated there owns and needs.
 *
 * @param flows the switch's flows by id (empty: the switch carries none of our flows)
 * @param contributions per migrated VM translated on this switch, its part
 * @param memo the flows planned for each unit of the switch (a peer, a class and migration, a pair), keyed by
 *             everything they are computed from: the next re-plan of the switch reuses the units that did not change
 */
record SwitchPlan(ImmutableMap<String, PlannedFlow> flows,
        ImmutableMap<String, Contribution> contributions, Map<Object, List<PlannedFlow>> memo) {
    static final SwitchPlan EMPTY = new SwitchPlan(ImmutableMap.of(), ImmutableMap.of(), Map.of());

    SwitchPlan {
        requireNonNull(flows);
        requireNonNull(contributions);
        requireNonNull(memo);
    }

    /**
     * One migration's part of a switch's plan.
     *
     * @param flowIds its own translation flows by direction
     * @param required every flow it needs on the switch (its own, and the shared classification and miss flows)
     * @param problems what could not be planned for it on this switch
     */
    record Contribution(Map<Direction, Set<String>> flowIds, ImmutableSortedSet<String> required,
            ImmutableList<String> problems) {
    }
}
