/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opendaylight.vmmobility.impl.planner.Direction;
import org.opendaylight.vmmobility.impl.planner.Plan;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.MigrationPhase;

/**
 * Follows every migration from pending to active (all its flows seen on all its switches) or failed (not plannable,
 * or a switch that cannot be programmed), from plans and from what the switches report. Pure state machine; the
 * reconciler feeds it from its single thread.
 */
public final class MigrationTracker {
    /** A change orchestrators are told about. */
    public sealed interface Event {
        /**
         * The migrated VM.
         *
         * @return its id
         */
        String vmId();
    }

    /**
     * A migration's translation is on every switch it needs.
     *
     * @param vmId the VM
     * @param switches the switches
     */
    public record Activated(String vmId, Set<String> switches) implements Event {
    }

    /**
     * A migration's translation was removed.
     *
     * @param vmId the VM
     */
    public record Removed(String vmId) implements Event {
    }

    /**
     * What a switch answered.
     *
     * @param flows the counters of its flows by cookie, empty if it could not be asked
     * @param error why it could not be asked
     */
    public record ProbeResult(Optional<Map<Long, FlowCounters>> flows, String error) {
        /**
         * A switch that answered.
         *
         * @param flows its flows
         * @return the result
         */
        public static ProbeResult answered(final Map<Long, FlowCounters> flows) {
            return new ProbeResult(Optional.of(flows), "");
        }

        /**
         * A switch that did not answer.
         *
         * @param error why
         * @return the result
         */
        public static ProbeResult failed(final String error) {
            return new ProbeResult(Optional.empty(), error);
        }
    }

    private Plan plan = Plan.EMPTY;
    private final Map<String, MigrationStatus> statuses = new HashMap<>();
    private final Set<String> announced = new TreeSet<>();

    /**
     * Takes a newly applied plan: new or changed migrations become pending, removed ones are reported.
     *
     * @param applied the plan now in the config datastore
     * @return the events
     */
    public List<Event> planApplied(final Plan applied) {
        final var events = new ArrayList<Event>();
        for (var vmId : plan.migrations().keySet()) {
            if (!applied.migrations().containsKey(vmId)) {
                statuses.remove(vmId);
                if (announced.remove(vmId)) {
                    events.add(new Removed(vmId));
                }
            }
        }
        for (var migration : applied.migrations().values()) {
            final var before = plan.migrations().get(migration.vmId());
            if (migration.equals(before) && statuses.containsKey(migration.vmId())) {
                continue;
            }
            final String problems = String.join("; ", migration.problems());
            if (migration.flowCount() == 0) {
                statuses.put(migration.vmId(), problems.isEmpty()
                    ? MigrationStatus.of(MigrationPhase.Active, "no other member to translate for")
                    : MigrationStatus.of(MigrationPhase.Failed, problems));
            } else {
                statuses.put(migration.vmId(), MigrationStatus.of(MigrationPhase.Pending,
                    join("flows written, waiting for the switches to confirm", problems)));
            }
        }
        plan = applied;
        return events;
    }

    /**
     * The switches worth asking now.
     *
     * @return the switches of every migration that has flows
     */
    public Set<String> switchesToProbe() {
        final var switches = new TreeSet<String>();
        plan.migrations().values().stream().filter(migration -> migration.flowCount() > 0)
            .forEach(migration -> switches.addAll(migration.requiredFlowIds().keySet()));
        return switches;
    }

    /**
     * Tells whether some migration still waits for its switches.
     *
     * @return true if one is pending or failed on a switch
     */
    public boolean hasUnconfirmed() {
        return plan.migrations().values().stream().anyMatch(migration -> migration.flowCount() > 0
            && statuses.get(migration.vmId()).phase() != MigrationPhase.Active);
    }

    /**
     * Takes what the switches answered.
     *
     * @param results per switch
     * @return the migrations that became active
     */
    public List<Event> probed(final Map<String, ProbeResult> results) {
        return probed(results, Map.of());
    }

    /**
     * Takes what the switches answered, and which of them refused flows.
     *
     * @param results per switch
     * @param refusals why a switch refused a flow, by switch
     * @return the migrations that became active
     */
    public List<Event> probed(final Map<String, ProbeResult> results, final Map<String, String> refusals) {
        final var events = new ArrayList<Event>();
        for (var migration : plan.migrations().values()) {
            if (migration.flowCount() == 0) {
                continue;
            }
            final var missing = new ArrayList<String>();
            final var counters = new HashMap<String, Map<Direction, FlowCounters>>();
            for (var entry : migration.requiredFlowIds().entrySet()) {
                final String node = entry.getKey();
                final var result = results.get(node);
                if (result == null || result.flows().isEmpty()) {
                    missing.add("switch " + node + " cannot be programmed now ("
                        + (result == null ? "not asked" : result.error())
                        + "); its flows are stored and are pushed when it connects");
                    continue;
                }
                final var flows = result.flows().orElseThrow();
                final long absent = entry.getValue().stream().filter(id -> !flows.containsKey(cookie(node, id)))
                    .count();
                if (absent > 0) {
                    final String refusal = refusals.get(node);
                    missing.add(refusal != null
                        ? "switch " + node + " " + refusal + " (" + absent + " of " + entry.getValue().size()
                            + " flows missing; retrying)"
                        : absent + " of " + entry.getValue().size() + " flows not yet on switch " + node);
                }
                final var byDirection = new EnumMap<Direction, FlowCounters>(Direction.class);
                migration.flowIds().getOrDefault(node, Map.of()).forEach((direction, ids) -> byDirection.put(direction,
                    ids.stream().map(id -> flows.getOrDefault(cookie(node, id), FlowCounters.ZERO))
                        .reduce(FlowCounters.ZERO, FlowCounters::plus)));
                counters.put(node, byDirection);
            }
            final String problems = String.join("; ", migration.problems());
            final MigrationStatus status;
            if (missing.isEmpty()) {
                status = new MigrationStatus(MigrationPhase.Active, problems, ImmutableMap.copyOf(counters));
                if (announced.add(migration.vmId())) {
                    events.add(new Activated(migration.vmId(), migration.switches()));
                }
            } else {
                final boolean unreachable = missing.stream().anyMatch(text -> text.startsWith("switch "));
                status = new MigrationStatus(unreachable ? MigrationPhase.Failed : MigrationPhase.Pending,
                    join(String.join("; ", missing), problems), ImmutableMap.copyOf(counters));
            }
            statuses.put(migration.vmId(), status);
        }
        return events;
    }

    /**
     * The status of every migration.
     *
     * @return statuses by VM id
     */
    public Map<String, MigrationStatus> statuses() {
        return Map.copyOf(statuses);
    }

    /**
     * The plan last applied.
     *
     * @return the plan
     */
    public Plan plan() {
        return plan;
    }

    private long cookie(final String node, final String flowId) {
        final PlannedFlow flow = plan.flows(node).get(flowId);
        return flow == null ? 0 : flow.cookie();
    }

    private static String join(final String first, final String second) {
        return second.isEmpty() ? first : first + "; " + second;
    }
}
