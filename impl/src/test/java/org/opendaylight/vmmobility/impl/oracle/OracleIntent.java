/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.oracle;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opendaylight.vmmobility.impl.planner.Member;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.Subnet;

/**
 * What the operator configured, as the oracle reads it: plain data (the planner's value records are only its
 * vocabulary; the oracle calls none of the planner's logic).
 *
 * @param subnets the subnets
 * @param vms the registered VMs by id
 * @param groups the groups' member ids by group name (members may name unregistered VMs)
 * @param migrations the migrations by VM id (may name unregistered VMs)
 * @param pipeline where the pipeline sits and where it hands packets on
 */
public record OracleIntent(List<Subnet> subnets, Map<String, Member> vms, Map<String, Set<String>> groups,
        Map<String, Migration> migrations, PipelineConfig pipeline) {
    /**
     * Creates the intent, copying every collection.
     *
     * @param subnets the subnets
     * @param vms the VMs
     * @param groups the groups
     * @param migrations the migrations
     * @param pipeline the pipeline configuration
     */
    public OracleIntent {
        subnets = List.copyOf(subnets);
        vms = Map.copyOf(vms);
        groups = Map.copyOf(groups);
        migrations = Map.copyOf(migrations);
        requireNonNull(pipeline);
    }

    /**
     * Creates the intent from groups given as any collections of member ids.
     *
     * @param subnets the subnets
     * @param vms the VMs
     * @param groups the groups
     * @param migrations the migrations
     * @param pipeline the pipeline configuration
     * @return the intent
     */
    public static OracleIntent of(final Collection<Subnet> subnets, final Map<String, Member> vms,
            final Map<String, ? extends Collection<String>> groups, final Map<String, Migration> migrations,
            final PipelineConfig pipeline) {
        final Map<String, Set<String>> copy = new TreeMap<>();
        groups.forEach((name, members) -> copy.put(name, Set.copyOf(members)));
        return new OracleIntent(List.copyOf(subnets), vms, copy, migrations, pipeline);
    }
}
