/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static com.google.common.base.Verify.verifyNotNull;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Throwables;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Maps;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The planning engine: holds the intent indexed across changes and the plan of every switch; a change re-plans only
 * the switches and migrations it touches. The result always equals a plan computed from scratch (the differential
 * test checks it on random change sequences).
 *
 * <p>What a change of a VM V touches, before and after the change: V's edge switch; if V has a migration, V's
 * migration and the edge switches of every VM sharing a group with V; the migrations of V's groups (their problem
 * lists name V); and the migrations whose new address is V's address (they stop or start being translated). A
 * subnet change re-plans everything. Not thread-safe: one owner thread. A planner given helpers plans the switches of
 * one re-plan side by side (each switch's plan only reads the index, which nothing changes meanwhile) and takes their
 * plans in the same order as alone, so its result is the same.
 */
public final class IncrementalPlanner {
    /** What a migration's reason says while an interface it needs is on no switch: it stays pending. */
    public static final String UNRESOLVED_INTERFACE = "is on no switch";

    private final PipelineConfig config;
    /** Plans switches beside the owner thread during a re-plan; null: the owner plans them all, one by one. */
    private final @Nullable Executor helpers;
    private final IntentIndex index = new IntentIndex();
    private final Map<String, SwitchPlan> switches = new HashMap<>();
    private final Map<String, Map<String, SwitchPlan.Contribution>> contributions = new HashMap<>();
    private final Map<String, MigrationPlan> migrationPlans = new HashMap<>();
    private final Set<String> dirtySwitches = new HashSet<>();
    private final Set<String> dirtyMigrations = new HashSet<>();
    private final Set<String> dirtyVms = new HashSet<>();
    /** A re-plan was abandoned half-way: the plans are inconsistent, the planner refuses any further use. */
    private boolean unusable;

    /**
     * Creates an engine with an empty intent.
     *
     * @param config where the pipeline lives
     */
    public IncrementalPlanner(final PipelineConfig config) {
        this.config = requireNonNull(config);
        helpers = null;
    }

    /**
     * Creates an engine with an empty intent whose re-plans plan several switches at once: the owner thread plans
     * them in order and the helpers take the ones it has not reached yet (a 10,000-VM evacuation re-plans two
     * switches of 20,000 flows each, one after the other on one thread).
     *
     * @param config where the pipeline lives
     * @param helpers runs switch plans beside the owner thread; one that refuses a plan leaves it to the owner
     */
    public IncrementalPlanner(final PipelineConfig config, final Executor helpers) {
        this.config = requireNonNull(config);
        this.helpers = requireNonNull(helpers);
    }

    /**
     * What one re-plan changed.
     *
     * @param flows per re-planned switch whose flows changed, its complete new flow set (empty: none left)
     * @param changedFlowIds per such switch, the ids of the flows added, changed or removed
     * @param migrations per migration whose plan changed, its new plan, or empty if the migration is gone
     * @param vms the VMs whose state may have changed (registered or removed)
     */
    public record Update(ImmutableMap<String, Map<String, PlannedFlow>> flows,
            ImmutableMap<String, Set<String>> changedFlowIds,
            ImmutableMap<String, Optional<MigrationPlan>> migrations, ImmutableSortedSet<String> vms) {
        /**
         * Tells whether nothing changed.
         *
         * @return true if empty
         */
        public boolean isEmpty() {
            return flows.isEmpty() && migrations.isEmpty() && vms.isEmpty();
        }
    }

    /**
     * A VM as the engine sees it now.
     *
     * @param vm its registration
     * @param address4 its current IPv4 address, if it has one
     * @param address6 its current IPv6 address, if it has one
     * @param mac its current MAC
     * @param attachment its current attachment
     * @param migrated whether it has a migration
     * @param groups its groups
     */
    public record VmView(Member vm, Optional<Ipv4> address4, Optional<Ipv6> address6, Mac mac,
            Optional<Attachment> attachment, boolean migrated, ImmutableSortedSet<String> groups) {
        /**
         * The current address of one family.
         *
         * @param family the family
         * @return the address, or empty if the VM has none of that family
         */
        public Optional<IpAddress> address(final Family family) {
            return family == Family.IPV4 ? address4.map(IpAddress.class::cast) : address6.map(IpAddress.class::cast);
        }
    }

    /**
     * Takes one change of the intent; nothing is planned until {@link #replan()}.
     *
     * @param change the change
     */
    public void apply(final Change change) {
        checkUsable();
        switch (change) {
            case Change.PutSubnet put -> {
                index.putSubnet(put.subnet());
                touchEverything();
            }
            case Change.RemoveSubnet remove -> {
                index.removeSubnet(remove.prefix());
                touchEverything();
            }
            case Change.PutVm put -> changeVm(put.vm().vmId(), () -> index.putVm(put.vm()));
            case Change.RemoveVm remove -> changeVm(remove.vmId(), () -> index.removeVm(remove.vmId()));
            case Change.PutGroup put -> changeGroup(put.name(), put.vmIds());
            case Change.RemoveGroup remove -> changeGroup(remove.name(), null);
            case Change.PutMigration put -> changeVm(put.migration().vmId(), () -> index.putMigration(
                put.migration()));
            case Change.RemoveMigration remove -> changeVm(remove.vmId(), () -> index.removeMigration(
                remove.vmId()));
            case Change.PutPort put -> changePort(new Attachment(put.nodeId(), put.port()), put.name());
            case Change.RemovePort remove -> changePort(new Attachment(remove.nodeId(), remove.port()), null);
            case Change.SetConnected set -> {
                final Set<String> before = index.connected();
                index.setConnected(set.nodeIds());
                if (config.installDefaultForwarding()) {
                    final Set<String> flipped = new HashSet<>(before);
                    flipped.addAll(set.nodeIds());
                    flipped.removeIf(node -> before.contains(node) && set.nodeIds().contains(node));
                    dirtySwitches.addAll(flipped);
                }
            }
        }
    }

    /**
     * Re-plans what the changes since the last call touched.
     *
     * @return what changed
     */
    public Update replan() {
        return verifyNotNull(replan(() -> false));
    }

    /**
     * Re-plans what the changes since the last call touched, unless abandoned() says so first: it is asked before
     * each switch, before the migrations and before the result is built (a plan from scratch of a million VMs that a
     * change made moot stops there). An abandoned planner is left half-planned: it refuses any further use.
     *
     * @param abandoned whether the re-plan is no longer wanted
     * @return what changed, or null if abandoned
     */
    public @Nullable Update replan(final BooleanSupplier abandoned) {
        checkUsable();
        final Map<String, Map<String, PlannedFlow>> changedFlows = new TreeMap<>();
        final Map<String, Set<String>> changedFlowIds = new TreeMap<>();
        final List<String> nodes = List.copyOf(dirtySwitches);
        final SwitchPlans plans = new SwitchPlans(nodes);
        for (int i = 0; i < nodes.size(); i++) {
            if (abandon(abandoned)) {
                plans.stop();
                return null;
            }
            final String nodeId = nodes.get(i);
            final SwitchPlan before = switches.getOrDefault(nodeId, SwitchPlan.EMPTY);
            final SwitchPlan after = plans.take(i);
            if (after.flows().isEmpty() && after.contributions().isEmpty()) {
                switches.remove(nodeId);
            } else {
                switches.put(nodeId, after);
            }
            // only the migrations whose part of this switch changed are re-aggregated
            for (var entry : before.contributions().entrySet()) {
                final String vmId = entry.getKey();
                if (entry.getValue().equals(after.contributions().get(vmId))) {
                    continue;
                }
                final var parts = contributions.get(vmId);
                if (parts != null) {
                    parts.remove(nodeId);
                    if (parts.isEmpty()) {
                        contributions.remove(vmId);
                    }
                }
                dirtyMigrations.add(vmId);
            }
            after.contributions().forEach((vmId, part) -> {
                if (!part.equals(before.contributions().get(vmId))) {
                    contributions.computeIfAbsent(vmId, key -> new HashMap<>()).put(nodeId, part);
                    dirtyMigrations.add(vmId);
                }
            });
            final Set<String> changedIds = changedIds(before.flows(), after.flows());
            if (!changedIds.isEmpty()) {
                changedFlows.put(nodeId, after.flows());
                changedFlowIds.put(nodeId, changedIds);
            }
        }
        if (abandon(abandoned)) {
            return null;
        }
        final Map<String, Optional<MigrationPlan>> changedMigrations = new TreeMap<>();
        for (String vmId : dirtyMigrations) {
            final MigrationPlan before = migrationPlans.get(vmId);
            final MigrationPlan after = index.migration(vmId) == null ? null : buildMigrationPlan(vmId);
            if (after == null) {
                if (migrationPlans.remove(vmId) != null) {
                    changedMigrations.put(vmId, Optional.empty());
                }
            } else if (!after.equals(before)) {
                migrationPlans.put(vmId, after);
                changedMigrations.put(vmId, Optional.of(after));
            }
        }
        if (abandon(abandoned)) {
            return null;
        }
        final Update update = new Update(ImmutableMap.copyOf(changedFlows), ImmutableMap.copyOf(changedFlowIds),
            ImmutableMap.copyOf(changedMigrations), ImmutableSortedSet.copyOf(dirtyVms));
        dirtySwitches.clear();
        dirtyMigrations.clear();
        dirtyVms.clear();
        return update;
    }

    private boolean abandon(final BooleanSupplier abandoned) {
        if (abandoned.getAsBoolean()) {
            unusable = true;
        }
        return unusable;
    }

    private void checkUsable() {
        if (unusable) {
            throw new IllegalStateException("this planner's re-plan was abandoned half-way: it is not usable any more");
        }
    }

    /**
     * The whole plan now in force (as of the last {@link #replan()}).
     *
     * @return the plan
     */
    public Plan plan() {
        checkUsable();
        final Map<String, Map<String, PlannedFlow>> flows = new TreeMap<>();
        switches.forEach((nodeId, plan) -> {
            if (!plan.flows().isEmpty()) {
                flows.put(nodeId, plan.flows());
            }
        });
        return new Plan(ImmutableSortedMap.copyOf(flows), ImmutableSortedMap.copyOf(migrationPlans));
    }

    /**
     * The flows of one switch now in force.
     *
     * @param nodeId the switch
     * @return its flows by id
     */
    public Map<String, PlannedFlow> flows(final String nodeId) {
        return switches.getOrDefault(nodeId, SwitchPlan.EMPTY).flows();
    }

    /**
     * A migration's plan now in force.
     *
     * @param vmId the migrated VM
     * @return its plan, or empty if it has no migration
     */
    public Optional<MigrationPlan> migration(final String vmId) {
        return Optional.ofNullable(migrationPlans.get(vmId));
    }

    /**
     * A registered VM as the engine sees it now.
     *
     * @param vmId the VM
     * @return its view, or empty if it is not registered
     */
    public Optional<VmView> vm(final String vmId) {
        return index.current(vmId).map(now -> new VmView(now.vm(), now.address4(), now.address6(), now.mac(),
            now.attachment(),
            now.migrated(), ImmutableSortedSet.copyOf(index.groupsOf(vmId))));
    }

    /**
     * The registered VMs.
     *
     * @return their ids (a view: changes with the planner, engine thread only)
     */
    public Set<String> vmIds() {
        return index.vmIds();
    }

    /**
     * The migrations' new targets, for state: the migration entry of a VM.
     *
     * @param vmId the VM
     * @return its migration, or empty
     */
    public Optional<Migration> migrationIntent(final String vmId) {
        return Optional.ofNullable(index.migration(vmId));
    }

    private static Set<String> changedIds(final Map<String, PlannedFlow> before,
            final Map<String, PlannedFlow> after) {
        final Set<String> changed = new HashSet<>();
        after.forEach((id, flow) -> {
            final PlannedFlow old = before.get(id);
            // reused units give the very same flow objects: most comparisons stop at identity
            if (old != flow && !flow.equals(old)) {
                changed.add(id);
            }
        });
        before.keySet().forEach(id -> {
            if (!after.containsKey(id)) {
                changed.add(id);
            }
        });
        return changed;
    }

    /**
     * The plans of one re-plan's switches: each is computed at most once, by a helper that took it or by the owner
     * when it needs it; taken in order, so the re-plan merges them as it would one by one. Every plan a helper runs
     * is done before the re-plan returns or fails, so none reads the index after that.
     */
    private final class SwitchPlans {
        private final List<FutureTask<SwitchPlan>> tasks;
        private final AtomicBoolean stopped = new AtomicBoolean();

        SwitchPlans(final List<String> nodes) {
            tasks = new ArrayList<>(nodes.size());
            for (String nodeId : nodes) {
                final SwitchPlan before = switches.getOrDefault(nodeId, SwitchPlan.EMPTY);
                tasks.add(new FutureTask<>(() -> stopped.get() ? SwitchPlan.EMPTY
                    : SwitchPlanner.plan(index, config, nodeId, before)));
            }
            if (helpers != null && tasks.size() > 1) {
                // the owner starts with the first; the helpers take the rest from the second on
                for (var task : tasks.subList(1, tasks.size())) {
                    try {
                        helpers.execute(task);
                    } catch (RejectedExecutionException e) {
                        // the helpers stopped (the engine is stopping): the owner plans the rest itself
                        break;
                    }
                }
            }
        }

        /** The plan of a switch, by its position: planned here unless a helper has taken it, then waited for. */
        SwitchPlan take(final int position) {
            final FutureTask<SwitchPlan> task = tasks.get(position);
            task.run();
            try {
                return task.get();
            } catch (ExecutionException e) {
                // the switch's own failure, as the owner planning it would have thrown it
                final Throwable cause = e.getCause();
                stop(cause);
                Throwables.throwIfUnchecked(cause);
                throw new IllegalStateException("planning a switch failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                final var failure = new IllegalStateException("interrupted while planning the switches", e);
                stop(failure);
                throw failure;
            }
        }

        /**
         * Abandoned or failed: the plans not started yet are not made, those under way are waited for (the planner
         * stays as a failure mid-way left it before there were helpers: the engine resyncs from a new one).
         */
        void stop() {
            stop(null);
        }

        private void stop(final @Nullable Throwable failure) {
            stopped.set(true);
            boolean interrupted = false;
            for (var task : tasks) {
                task.run();
                while (true) {
                    try {
                        task.get();
                        break;
                    } catch (ExecutionException e) {
                        // another switch's failure while this re-plan fails already: kept with that failure
                        if (failure != null && e.getCause() != failure) {
                            failure.addSuppressed(e.getCause());
                        }
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void changeVm(final String vmId, final Runnable mutation) {
        touch(vmId);
        mutation.run();
        touch(vmId);
    }

    /** A port appeared, was renamed or went away: the VMs registered by its old or new name follow it. */
    private void changePort(final Attachment port, final @Nullable String name) {
        final Set<String> affected = new HashSet<>();
        index.portName(port).ifPresent(old -> affected.addAll(index.vmsWithInterface(old)));
        if (name != null) {
            affected.addAll(index.vmsWithInterface(name));
        }
        affected.forEach(this::touch);
        if (name == null) {
            index.removePort(port);
        } else {
            index.putPort(port, name);
        }
        affected.forEach(this::touch);
    }

    private void changeGroup(final String name, final @Nullable Set<String> vmIds) {
        final Set<String> before = index.membersOf(name);
        final Set<String> changed = new HashSet<>(before);
        if (vmIds != null) {
            changed.addAll(vmIds);
            changed.removeIf(vmId -> before.contains(vmId) && vmIds.contains(vmId));
        }
        changed.forEach(this::touch);
        if (vmIds == null) {
            index.removeGroup(name);
        } else {
            index.putGroup(name, vmIds);
        }
        changed.forEach(this::touch);
    }

    private void touch(final String vmId) {
        dirtyVms.add(vmId);
        index.currentSwitch(vmId).ifPresent(dirtySwitches::add);
        if (index.migration(vmId) != null) {
            touchMigration(vmId);
        }
        for (String group : index.groupsOf(vmId)) {
            dirtyMigrations.addAll(index.migratedIn(group));
        }
        index.current(vmId).ifPresent(now -> now.addresses().forEach(address -> index.migrationsTo(address)
            .forEach(this::touchMigration)));
    }

    private void touchMigration(final String vmId) {
        dirtyMigrations.add(vmId);
        for (String peer : index.peersOf(vmId)) {
            index.currentSwitch(peer).ifPresent(dirtySwitches::add);
        }
    }

    private void touchEverything() {
        dirtySwitches.addAll(switches.keySet());
        dirtySwitches.addAll(index.switchesWithVms());
        dirtyMigrations.addAll(index.migrationIds());
        dirtyMigrations.addAll(migrationPlans.keySet());
    }

    private MigrationPlan buildMigrationPlan(final String vmId) {
        final SortedSet<String> problems = new TreeSet<>(problems(vmId));
        final Map<String, Map<Direction, Set<String>>> flowIds = new TreeMap<>();
        final Map<String, Set<String>> required = new TreeMap<>();
        int count = 0;
        for (var entry : contributions.getOrDefault(vmId, Map.of()).entrySet()) {
            final SwitchPlan.Contribution part = entry.getValue();
            problems.addAll(part.problems());
            if (!part.flowIds().isEmpty()) {
                flowIds.put(entry.getKey(), new EnumMap<>(part.flowIds()));
                count += part.flowIds().values().stream().mapToInt(Set::size).sum();
            }
            if (!part.required().isEmpty()) {
                required.put(entry.getKey(), part.required());
            }
        }
        return new MigrationPlan(vmId, ImmutableSortedSet.copyOf(flowIds.keySet()), count,
            ImmutableSortedMap.copyOf(Maps.transformValues(flowIds, map -> (Map<Direction, Set<String>>) map)),
            ImmutableSortedMap.copyOf(required), ImmutableList.copyOf(problems));
    }

    /** Why a migration is not (completely) translated, apart from what the switches reported. */
    private List<String> problems(final String vmId) {
        final List<String> problems = new ArrayList<>();
        final Member vm = index.vm(vmId);
        final Migration migration = index.migration(vmId);
        if (vm == null) {
            problems.add("VM " + vmId + " is not registered");
            return problems;
        }
        if (index.groupsOf(vmId).isEmpty()) {
            problems.add("not a member of any group");
            return problems;
        }
        final List<Family> translated = new ArrayList<>();
        // a family whose new address is its home address is simply kept; only a migration with nothing else is void
        final List<String> unchanged = new ArrayList<>();
        for (Family family : Family.values()) {
            final Optional<IpAddress> now = migration.newAddress(family);
            final Optional<IpAddress> home = vm.home(family);
            if (now.isEmpty()) {
                continue;
            }
            if (home.isEmpty()) {
                problems.add("new " + family + " address " + now.orElseThrow() + " but no " + family
                    + " home address: nothing to translate in " + family);
                continue;
            }
            if (now.equals(home)) {
                unchanged.add("new address " + now.orElseThrow() + " is its home address: nothing to translate");
                continue;
            }
            final SortedSet<String> others = new TreeSet<>(index.vmsAt(now.orElseThrow()));
            others.remove(vmId);
            if (!others.isEmpty()) {
                problems.add("new address " + now.orElseThrow() + " is also the address of "
                    + String.join(", ", others) + ": not translated");
                continue;
            }
            translated.add(family);
        }
        if (translated.isEmpty()) {
            problems.addAll(unchanged);
            return problems;
        }
        final Optional<IntentIndex.Current> own = index.current(vmId);
        if (own.isPresent() && own.orElseThrow().attachment().isEmpty() && vm.interfaceName().isPresent()) {
            problems.add("interface " + vm.interfaceName().orElseThrow() + " of VM " + vmId + " "
                + UNRESOLVED_INTERFACE + " yet");
        }
        for (String peer : index.peersOf(vmId)) {
            final Optional<IntentIndex.Current> current = index.current(peer);
            if (current.isEmpty()) {
                continue;
            }
            if (current.orElseThrow().attachment().isEmpty()) {
                final var name = current.orElseThrow().vm().interfaceName();
                problems.add(name.isPresent() ? "interface " + name.orElseThrow() + " of member " + peer + " of "
                    + sharedGroups(vmId, peer) + " " + UNRESOLVED_INTERFACE + ": not translated for it yet"
                    : "member " + peer + " of " + sharedGroups(vmId, peer)
                        + " has no attachment: not translated for it");
            } else {
                for (Family family : translated) {
                    final Optional<IpAddress> address = current.orElseThrow().address(family);
                    if (address.isPresent() && index.subnetOf(address.orElseThrow()).isEmpty()) {
                        problems.add("no subnet configured for " + address.orElseThrow() + " (member " + peer
                            + " of " + sharedGroups(vmId, peer) + ")");
                    }
                }
            }
        }
        return problems;
    }

    private String sharedGroups(final String first, final String second) {
        final List<String> shared = index.groupsOf(first).stream().filter(index.groupsOf(second)::contains).toList();
        return (shared.size() == 1 ? "group " : "groups ") + String.join(", ", shared);
    }
}
