/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import org.opendaylight.vmmobility.impl.planner.Direction;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;

/**
 * Where one migration's translation stands.
 *
 * @param phase pending, active or failed
 * @param reason why it is pending or failed, or what it could not translate; empty if nothing to say
 * @param counters flow counters per switch and direction, as last read from the switches
 */
public record MigrationStatus(MigrationPhase phase, String reason,
        ImmutableMap<String, Map<Direction, FlowCounters>> counters) {
    /**
     * Creates a status.
     *
     * @param phase the phase
     * @param reason the reason
     * @param counters the counters
     */
    public MigrationStatus {
        requireNonNull(phase);
        requireNonNull(reason);
        counters = ImmutableMap.copyOf(counters);
    }

    /**
     * A status without counters.
     *
     * @param phase the phase
     * @param reason the reason
     * @return the status
     */
    public static MigrationStatus of(final MigrationPhase phase, final String reason) {
        return new MigrationStatus(phase, reason, ImmutableMap.of());
    }
}
