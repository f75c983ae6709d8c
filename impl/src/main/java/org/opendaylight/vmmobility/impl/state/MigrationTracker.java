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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Direction;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.MigrationPlan;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;

/**
 * Follows every migration from its plan to its flows on the switches: pending while flows are written and not yet
 * seen, active once every flow it needs is on every switch with its current content (the cookie covers the
 * content), failed while a switch cannot be programmed or the plan has problems. Work is kept per switch, so a probe
 * result touches only the migrations of that switch.
 *
 * <p>Events: {@link Activated} each time a (new) plan of a migration becomes active, so after every move;
 * {@link Removed} once the switches no longer hold any flow of a removed migration that had been active. A removal is
 * followed for at most {@value #REMOVAL_WATCH_MINUTES} minutes (a switch that never comes back must not keep it, and
 * its probes, for ever); then it is dropped without the event.
 */
public final class MigrationTracker {
    /** How long a removal is followed at most. */
    public static final long REMOVAL_WATCH_MINUTES = 60;

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
     * A migration's translation was removed from the switches.
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

    /** What was last seen of one migration on one switch. */
    private record Seen(int absent, int required, @Nullable String error, Map<Direction, FlowCounters> counters) {
    }

    /** One migration being followed. */
    private static final class Tracked {
        private final MigrationPlan plan;
        private final Map<String, Map<Long, String>> required = new HashMap<>();
        private final Map<String, Seen> seen = new HashMap<>();
        private MigrationStatus status;
        private boolean announced;

        Tracked(final MigrationPlan plan, final MigrationStatus status) {
            this.plan = plan;
            this.status = status;
        }

        boolean needsFlows() {
            return plan.flowCount() > 0;
        }
    }

    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Map<String, Set<String>> migrationsOnSwitch = new HashMap<>();
    /** Per switch and flow id, the migrations that need the flow. */
    private final Map<String, Map<String, Set<String>>> requiredOnSwitch = new HashMap<>();
    private final Map<String, Map<String, Set<Long>>> removing = new HashMap<>();
    /** When each removal started, {@link System#nanoTime()}. */
    private final Map<String, Long> removingSince = new HashMap<>();
    private final Set<String> changed = new HashSet<>();

    /**
     * Takes the migrations whose plan changed: a new or changed plan restarts its migration (pending, announced
     * again when active); a removed one is followed until the switches no longer hold its flows.
     *
     * @param plans per migration, its new plan or empty if it is gone
     * @param flows the flows now planned for a switch
     * @return the events (activation of migrations that need no flow)
     */
    public List<Event> planChanged(final Map<String, Optional<MigrationPlan>> plans,
            final Function<String, Map<String, PlannedFlow>> flows) {
        final List<Event> events = new ArrayList<>();
        plans.forEach((vmId, plan) -> {
            final Tracked before = tracked.remove(vmId);
            if (before != null) {
                before.required.keySet().forEach(node -> removeFrom(node, vmId));
                before.plan.requiredFlowIds().forEach((node, ids) -> unrequire(node, ids, vmId));
            }
            changed.add(vmId);
            if (plan.isEmpty()) {
                if (before != null && before.announced) {
                    startRemoval(vmId, before);
                }
                return;
            }
            stopRemoval(vmId);
            final MigrationPlan migration = plan.orElseThrow();
            final String problems = String.join("; ", migration.problems());
            final Tracked now;
            if (waitingForInterface(migration)) {
                now = new Tracked(migration, MigrationStatus.of(MigrationPhase.Pending, problems));
            } else if (!migration.isFullyPlanned() && migration.flowCount() == 0) {
                now = new Tracked(migration, MigrationStatus.of(MigrationPhase.Failed, problems));
            } else if (migration.flowCount() == 0) {
                now = new Tracked(migration, MigrationStatus.of(MigrationPhase.Active,
                    "no other member to translate for"));
                now.announced = true;
                events.add(new Activated(vmId, migration.switches()));
            } else {
                now = new Tracked(migration, MigrationStatus.of(MigrationPhase.Pending,
                    join("flows being written and confirmed on the switches", problems)));
            }
            tracked.put(vmId, now);
            if (now.needsFlows()) {
                migration.requiredFlowIds().forEach((node, ids) -> {
                    now.required.put(node, cookies(ids, flows.apply(node)));
                    migrationsOnSwitch.computeIfAbsent(node, key -> new HashSet<>()).add(vmId);
                    final var needing = requiredOnSwitch.computeIfAbsent(node, key -> new HashMap<>());
                    ids.forEach(id -> needing.computeIfAbsent(id, key -> new HashSet<>()).add(vmId));
                });
            }
        });
        return events;
    }

    /**
     * The flows of some switches changed: a migration that needs one of the changed flows must be confirmed again
     * (its content, hence its cookie, may differ). Called after {@link #planChanged} of the same update: the
     * migrations it tracked anew already hold the cookies of the flows now planned, so they are not looked at again
     * (an evacuation's update re-tracks every migration and changes every flow: looking at each again doubled that
     * part of the work before the first flow write).
     *
     * @param changedIds per switch, the ids of the flows added, changed or removed
     * @param flows the flows now planned for a switch
     * @param justTracked the migrations {@link #planChanged} was given for this update
     */
    public void switchesChanged(final Map<String, Set<String>> changedIds,
            final Function<String, Map<String, PlannedFlow>> flows, final Set<String> justTracked) {
        changedIds.forEach((node, ids) -> {
            final Map<String, Set<String>> needing = requiredOnSwitch.get(node);
            if (needing == null) {
                return;
            }
            final Set<String> affected = new HashSet<>();
            for (String id : ids) {
                for (String vmId : needing.getOrDefault(id, Set.of())) {
                    if (!justTracked.contains(vmId)) {
                        affected.add(vmId);
                    }
                }
            }
            final Map<String, PlannedFlow> now = flows.apply(node);
            for (String vmId : affected) {
                final Tracked migration = tracked.get(vmId);
                final Map<Long, String> cookies = cookies(migration.plan.requiredFlowIds().get(node), now);
                if (!cookies.equals(migration.required.get(node))) {
                    migration.required.put(node, cookies);
                    migration.seen.remove(node);
                }
            }
        });
    }

    /**
     * The switches worth asking now: those with a flow a migration waits for, or with flows of a removed migration.
     *
     * @return the switches
     */
    public Set<String> switchesToConfirm() {
        final Set<String> switches = new TreeSet<>();
        migrationsOnSwitch.forEach((node, vmIds) -> {
            for (String vmId : vmIds) {
                final Tracked migration = tracked.get(vmId);
                final Seen seen = migration.seen.get(node);
                if (seen == null || seen.absent > 0 || seen.error != null) {
                    switches.add(node);
                    break;
                }
            }
        });
        removing.values().forEach(bySwitch -> switches.addAll(bySwitch.keySet()));
        return switches;
    }

    /**
     * The switches that carry translations, for refreshing counters.
     *
     * @return the switches
     */
    public Set<String> switchesWithTranslations() {
        return new TreeSet<>(migrationsOnSwitch.keySet());
    }

    /**
     * Takes what some switches answered.
     *
     * @param results per switch asked
     * @param refusals why a switch refused a flow, by switch
     * @return the events
     */
    public List<Event> probed(final Map<String, ProbeResult> results, final Map<String, String> refusals) {
        final List<Event> events = new ArrayList<>();
        final Set<String> affected = new TreeSet<>();
        results.forEach((node, result) -> {
            for (String vmId : migrationsOnSwitch.getOrDefault(node, Set.of())) {
                final Tracked migration = tracked.get(vmId);
                migration.seen.put(node, see(migration, node, result));
                affected.add(vmId);
            }
        });
        for (String vmId : affected) {
            final Tracked migration = tracked.get(vmId);
            final MigrationStatus status = evaluate(migration, refusals);
            if (!status.equals(migration.status)) {
                migration.status = status;
                changed.add(vmId);
            }
            if (status.phase() == MigrationPhase.Active && !migration.announced) {
                migration.announced = true;
                events.add(new Activated(vmId, migration.plan.switches()));
            }
        }
        for (var it = removing.entrySet().iterator(); it.hasNext(); ) {
            final var entry = it.next();
            entry.getValue().entrySet().removeIf(bySwitch -> {
                final ProbeResult result = results.get(bySwitch.getKey());
                return result != null && result.flows().isPresent()
                    && bySwitch.getValue().stream().noneMatch(result.flows().orElseThrow()::containsKey);
            });
            if (entry.getValue().isEmpty()) {
                events.add(new Removed(entry.getKey()));
                removingSince.remove(entry.getKey());
                it.remove();
            }
        }
        return events;
    }

    /**
     * A migration's status.
     *
     * @param vmId the VM
     * @return its status, or empty if it has no migration
     */
    public Optional<MigrationStatus> status(final String vmId) {
        final Tracked migration = tracked.get(vmId);
        return migration == null ? Optional.empty() : Optional.of(migration.status);
    }

    /**
     * Takes the migrations whose status or plan changed since the last call.
     *
     * @return their VM ids
     */
    public Set<String> takeChanged() {
        final Set<String> result = new TreeSet<>(changed);
        changed.clear();
        return result;
    }

    private void startRemoval(final String vmId, final Tracked before) {
        final Map<String, Set<Long>> own = new HashMap<>();
        before.plan.flowIds().forEach((node, byDirection) -> {
            final Set<Long> cookies = new HashSet<>();
            final Map<Long, String> required = before.required.getOrDefault(node, Map.of());
            required.forEach((cookie, id) -> {
                if (byDirection.values().stream().anyMatch(ids -> ids.contains(id))) {
                    cookies.add(cookie);
                }
            });
            if (!cookies.isEmpty()) {
                own.put(node, cookies);
            }
        });
        if (own.isEmpty()) {
            return;
        }
        removing.put(vmId, own);
        removingSince.put(vmId, System.nanoTime());
    }

    private void stopRemoval(final String vmId) {
        removing.remove(vmId);
        removingSince.remove(vmId);
    }

    /**
     * Drops the removals followed for longer than {@value #REMOVAL_WATCH_MINUTES} minutes.
     *
     * @param now the time, {@link System#nanoTime()}
     * @return the VMs whose removal was dropped
     */
    public Set<String> prune(final long now) {
        final Set<String> dropped = new TreeSet<>();
        final long watch = TimeUnit.MINUTES.toNanos(REMOVAL_WATCH_MINUTES);
        removingSince.forEach((vmId, since) -> {
            if (now - since > watch) {
                dropped.add(vmId);
            }
        });
        dropped.forEach(this::stopRemoval);
        return dropped;
    }

    /**
     * The migrations whose removal is followed.
     *
     * @return their VM ids
     */
    public Set<String> removals() {
        return new TreeSet<>(removing.keySet());
    }

    /**
     * Marks migrations whose activation was already published (by this engine before a resync, or by the engine
     * that ran before this one): their confirmation is no new activation, and their removal is still told.
     *
     * @param vmIds the VMs whose current move was announced
     */
    public void adoptAnnounced(final Set<String> vmIds) {
        for (String vmId : vmIds) {
            final Tracked migration = tracked.get(vmId);
            if (migration != null) {
                migration.announced = true;
            }
        }
    }

    /**
     * Takes over the removals another tracker follows (a resync builds a new tracker), except for VMs this one
     * tracks a migration of.
     *
     * @param previous the previous tracker
     */
    public void adoptRemovals(final MigrationTracker previous) {
        previous.removing.forEach((vmId, bySwitch) -> {
            if (tracked.containsKey(vmId)) {
                return;
            }
            final Map<String, Set<Long>> copy = new HashMap<>();
            bySwitch.forEach((node, cookies) -> copy.put(node, new HashSet<>(cookies)));
            removing.put(vmId, copy);
            removingSince.put(vmId, previous.removingSince.getOrDefault(vmId, System.nanoTime()));
        });
    }

    private static Seen see(final Tracked migration, final String node, final ProbeResult result) {
        final Map<Long, String> required = migration.required.getOrDefault(node, Map.of());
        if (result.flows().isEmpty()) {
            return new Seen(required.size(), required.size(), result.error(), Map.of());
        }
        final Map<Long, FlowCounters> flows = result.flows().orElseThrow();
        final int absent = (int) required.keySet().stream().filter(cookie -> !flows.containsKey(cookie)).count();
        final Map<String, Long> cookieOf = new HashMap<>();
        required.forEach((cookie, id) -> cookieOf.put(id, cookie));
        final Map<Direction, FlowCounters> counters = new EnumMap<>(Direction.class);
        migration.plan.flowIds().getOrDefault(node, Map.of()).forEach((direction, ids) -> counters.put(direction,
            ids.stream().map(id -> flows.getOrDefault(cookieOf.getOrDefault(id, 0L), FlowCounters.ZERO))
                .reduce(FlowCounters.ZERO, FlowCounters::plus)));
        return new Seen(absent, required.size(), null, counters);
    }

    private static MigrationStatus evaluate(final Tracked migration, final Map<String, String> refusals) {
        final List<String> missing = new ArrayList<>();
        final Map<String, Map<Direction, FlowCounters>> counters = new TreeMap<>();
        boolean unreachable = false;
        for (String node : new TreeSet<>(migration.required.keySet())) {
            final Seen seen = migration.seen.get(node);
            if (seen == null) {
                missing.add("switch " + node + " not yet asked");
                continue;
            }
            if (seen.error != null) {
                unreachable = true;
                missing.add("switch " + node + " cannot be programmed now (" + seen.error
                    + "); its flows are stored and are pushed when it connects");
                continue;
            }
            if (seen.absent > 0) {
                final String refusal = refusals.get(node);
                if (refusal != null) {
                    unreachable = true;
                    missing.add("switch " + node + " " + refusal + " (" + seen.absent + " of " + seen.required
                        + " flows missing; retrying)");
                } else {
                    missing.add(seen.absent + " of " + seen.required + " flows not yet on switch " + node);
                }
            }
            counters.put(node, seen.counters);
        }
        final String problems = String.join("; ", migration.plan.problems());
        if (missing.isEmpty()) {
            // an interface the translation needs that no switch reports yet keeps it pending, with that reason
            return new MigrationStatus(waitingForInterface(migration.plan) ? MigrationPhase.Pending
                : MigrationPhase.Active, problems, ImmutableMap.copyOf(counters));
        }
        return new MigrationStatus(unreachable ? MigrationPhase.Failed : MigrationPhase.Pending,
            join(String.join("; ", missing), problems), ImmutableMap.copyOf(counters));
    }

    private static Map<Long, String> cookies(final @Nullable Set<String> ids, final Map<String, PlannedFlow> flows) {
        final Map<Long, String> cookies = new HashMap<>();
        if (ids != null) {
            for (String id : ids) {
                final PlannedFlow flow = flows.get(id);
                if (flow != null) {
                    cookies.put(flow.cookie(), id);
                }
            }
        }
        return cookies;
    }

    private void unrequire(final String node, final Set<String> ids, final String vmId) {
        final Map<String, Set<String>> needing = requiredOnSwitch.get(node);
        if (needing == null) {
            return;
        }
        for (String id : ids) {
            final Set<String> vmIds = needing.get(id);
            if (vmIds != null) {
                vmIds.remove(vmId);
                if (vmIds.isEmpty()) {
                    needing.remove(id);
                }
            }
        }
        if (needing.isEmpty()) {
            requiredOnSwitch.remove(node);
        }
    }

    private void removeFrom(final String node, final String vmId) {
        final Set<String> vmIds = migrationsOnSwitch.get(node);
        if (vmIds != null) {
            vmIds.remove(vmId);
            if (vmIds.isEmpty()) {
                migrationsOnSwitch.remove(node);
            }
        }
    }

    private static String join(final String first, final String second) {
        return second.isEmpty() ? first : first + "; " + second;
    }

    private static boolean waitingForInterface(final MigrationPlan plan) {
        return plan.problems().stream().anyMatch(problem -> problem.contains(
            IncrementalPlanner.UNRESOLVED_INTERFACE));
    }
}
