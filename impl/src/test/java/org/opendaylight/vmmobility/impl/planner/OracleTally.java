/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.oracle.IntentOracle;
import org.opendaylight.vmmobility.impl.oracle.OracleIntent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;

/**
 * Runs {@link IntentOracle} on plans, over the flows {@link FlowConverter} makes of them (what FRM pushes), and
 * adds up its verdicts.
 */
final class OracleTally {
    private static final int MAX_REPORTED = 10;

    private final Map<PlannedFlow, Flow> converted = new HashMap<>();
    private final Map<String, Integer> checks = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private int plans;
    private int failedPlans;
    private int skipped;

    /**
     * Checks one plan.
     *
     * @param where what the plan is, for the report
     * @param intent the intent it was planned from
     * @param plan the plan
     * @return the oracle's verdict
     */
    IntentOracle.Report check(final String where, final OracleIntent intent, final Plan plan) {
        final Map<String, List<Flow>> flows = new TreeMap<>();
        plan.flowsBySwitch().forEach((node, planned) -> flows.put(node, planned.values().stream()
            .map(flow -> converted.computeIfAbsent(flow, key -> FlowConverter.toFlow(node, key))).toList()));
        final IntentOracle.Report report = IntentOracle.check(intent, flows);
        plans++;
        skipped += report.skipped();
        report.checks().forEach((kind, count) -> checks.merge(kind, count, Integer::sum));
        if (!report.passed()) {
            failedPlans++;
            if (violations.size() < MAX_REPORTED) {
                violations.add(where + ": " + report.violations());
            }
        }
        return report;
    }

    /** Forgets the converted flows (they are only reused within a sequence). */
    void newSequence() {
        converted.clear();
    }

    int plans() {
        return plans;
    }

    int failedPlans() {
        return failedPlans;
    }

    int skipped() {
        return skipped;
    }

    Map<String, Integer> checks() {
        return checks;
    }

    int count(final String kind) {
        return checks.getOrDefault(kind, 0);
    }

    List<String> violations() {
        return violations;
    }

    @Override
    public String toString() {
        return plans + " plans, " + failedPlans + " failed, checks " + checks + ", pairs skipped " + skipped;
    }
}
