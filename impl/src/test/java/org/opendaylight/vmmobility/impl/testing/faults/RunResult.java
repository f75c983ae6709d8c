/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import java.util.List;
import java.util.Map;

/**
 * What one seeded run saw.
 *
 * @param seed its seed
 * @param faults the faults injected, by kind
 * @param injected the faults injected
 * @param converged whether the flows equalled the plan of the final intent within the bound
 * @param warnings the WARN/ERROR events its threads logged
 * @param failures what went wrong (empty: the run passed)
 * @param millis how long it took
 * @param auditRepairs how many times the engine's audit found the flows differing from what it wrote
 * @param scenario what the run did, in order, with the time of each step (to replay a failure by reading)
 */
public record RunResult(long seed, Map<FaultKind, Integer> faults, List<InjectedFault> injected, boolean converged,
        int warnings, List<String> failures, long millis, int auditRepairs, List<String> scenario) {
    public RunResult {
        scenario = List.copyOf(scenario);
        faults = Map.copyOf(faults);
        injected = List.copyOf(injected);
        failures = List.copyOf(failures);
    }

    /**
     * A run that did not converge and logged nothing.
     *
     * @return true for a silent stall
     */
    public boolean silentStall() {
        return !converged && warnings == 0;
    }

    /**
     * The number of faults injected.
     *
     * @return the count
     */
    public int faultCount() {
        return injected.size();
    }
}
