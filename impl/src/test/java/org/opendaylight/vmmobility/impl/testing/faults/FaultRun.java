/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;
import org.opendaylight.vmmobility.impl.testing.Intents;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyOutcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.notice.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.input.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroupKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.AttachmentBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * One seeded run: a small random world (subnets, VMs, groups, switches and their ports) and a random sequence of
 * RPCs and configuration changes, with the engine and the RPCs on a {@link FaultyBroker}; then the faults stop and
 * the run checks the end state. Every decision of the scenario is drawn from the seed (on one thread); the faults
 * are drawn from the seed per call site.
 */
final class FaultRun {
    static final List<String> SWITCHES = List.of("openflow:1", "openflow:2", "openflow:3");
    static final PipelineConfig PIPELINE = PipelineConfig.DEFAULT;
    /** After the faults stop: how long the RPCs have to answer (their own bound is 8 s, then a retry). */
    static final long ANSWER_BOUND_MS = 10_000;
    /** After the RPCs answered: how long the engine has to make the flows equal the plan. */
    static final long CONVERGE_BOUND_MS = Long.getLong("vmm.faults.convergeMs", 3_000);
    /**
     * After a run missed the bound: how much longer it is watched, to tell a slow engine (converged late, with the
     * delay) from a stuck one (still differs), in the failure's text.
     */
    static final long LATE_WATCH_MS = Long.getLong("vmm.faults.lateWatchMs", 10_000);
    private static final long STABLE_MS = 150;

    private final long seed;
    private final LogCapture log;
    private final SplittableRandom random;
    private final double rate;
    private final int budget;
    private final List<Op> ops = new ArrayList<>();
    /** What the scenario did, in order, with the ms since the engine started (printed for a failed run). */
    private final List<String> scenario = new ArrayList<>();
    private long startedAt;
    private final List<String> rpcTexts = new ArrayList<>();
    private final Map<String, Map<Long, String>> operational = new TreeMap<>();
    private final Set<String> interfaceVms = new TreeSet<>();
    private DataBroker real;
    private EngineUnderTest engine;
    private int vmCount;

    /** One thing the scenario did. */
    private record Op(int seq, String what, Set<String> vms, @Nullable ListenableFuture<? extends RpcResult<?>> answer,
            @Nullable Check check) {
    }

    /** Says how the stored intent contradicts a successful answer, for one VM. */
    @FunctionalInterface
    private interface Check {
        @Nullable String lie(RpcResult<?> answer, String vmId, @Nullable VmMobility config);
    }

    FaultRun(final long seed, final LogCapture log, final double rate, final int budget) {
        this.seed = seed;
        this.log = log;
        this.rate = rate;
        this.budget = budget;
        random = new SplittableRandom(seed);
    }

    FaultRun(final long seed, final LogCapture log) {
        this(seed, log, new double[] {0.03, 0.08, 0.15}[new SplittableRandom(seed).split().nextInt(3)], 10);
    }

    RunResult run() throws Exception {
        final long start = System.nanoTime();
        LogCapture.RUN.set(seed);
        final List<String> failures = new ArrayList<>();
        boolean converged = false;
        try (var datastore = new OrderedDatastore(seed); var injector = new FaultInjector(seed, rate, budget)) {
            real = datastore.broker();
            final var faulty = new FaultyBroker(real, injector);
            writeWorld();
            engine = new EngineUnderTest(faulty, real, Set.copyOf(SWITCHES), PIPELINE, injector::step);
            try {
                final boolean fromStart = random.nextBoolean();
                if (fromStart) {
                    injector.arm();
                }
                startedAt = System.nanoTime();
                engine.start();
                if (!fromStart) {
                    Thread.sleep(random.nextInt(100));
                    injector.arm();
                }
                final int steps = 4 + random.nextInt(6);
                for (int i = 0; i < steps; i++) {
                    step();
                    Thread.sleep(random.nextInt(50));
                }
                Thread.sleep(random.nextInt(100));
                injector.heal();
                scenario("the faults stop");
                final long answered = awaitAnswers(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_BOUND_MS),
                    failures);
                converged = awaitFlows(answered + TimeUnit.MILLISECONDS.toNanos(CONVERGE_BOUND_MS), failures);
                checkAnswers(failures);
                if (!awaitHealthy(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONVERGE_BOUND_MS))) {
                    failures.add("ENGINE_UNHEALTHY: the engine's health is not ok " + CONVERGE_BOUND_MS
                        + " ms after the flows converged: " + engine.describeHealth());
                }
            } finally {
                engine.close();
            }
            final var traced = new HashSet<>(log.run(seed).tags());
            rpcTexts.forEach(text -> InjectedFault.findTags(text, (tagSeed, number) -> {
                if (tagSeed == seed) {
                    traced.add(number);
                }
            }));
            final var untraced = injector.injected().stream()
                .filter(fault -> fault.kind().carriesTag() && !traced.contains(fault.number())).toList();
            if (untraced.size() > engine.errorsCounted()) {
                untraced.forEach(fault -> failures.add("UNTRACED: fault #" + fault.number() + " " + fault.kind()
                    + " at " + fault.site() + " (called from " + fault.caller() + ") left no trace (no WARN/ERROR "
                    + "log, no RPC error named it); lines that named it: " + log.run(seed).mentions(fault.number())));
            }
            final int warnings = log.run(seed).warnings() + (int) log.run(seed).tags().stream().count();
            if (!converged && warnings == 0) {
                failures.add("SILENT_STALL: not converged and nothing was logged at WARN/ERROR");
            }
            return new RunResult(seed, injector.counts(), injector.injected(), converged, warnings, failures,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), log.run(seed).auditRepairs(), scenario);
        } finally {
            LogCapture.RUN.remove();
        }
    }

    // --- the world -------------------------------------------------------------------------------------------

    private void writeWorld() throws Exception {
        vmCount = 3 + random.nextInt(3);
        final List<Vm> vms = new ArrayList<>();
        operational.put("openflow:1", new TreeMap<>());
        operational.put("openflow:2", new TreeMap<>());
        if (random.nextBoolean()) {
            operational.put("openflow:3", new TreeMap<>());
        }
        for (int i = 1; i <= vmCount; i++) {
            final String vmId = "v" + i;
            final Vm attached = Intents.vm(vmId, "10.0.1." + i, mac(i), "openflow:" + (1 + random.nextInt(2)), i);
            if (random.nextInt(4) == 0) {
                interfaceVms.add(vmId);
                vms.add(new VmBuilder(attached).setAttachment(null).setInterfaceName("tap" + vmId).build());
                final String node = pick(new ArrayList<>(operational.keySet()));
                operational.get(node).put(20L + i, "tap" + vmId);
            } else {
                vms.add(attached);
            }
        }
        final List<Migration> migrations = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            migrations.add(Intents.migration("v1", newAddress(1), "openflow:2", 31));
        }
        final List<ApplicationGroup> groups = new ArrayList<>();
        groups.add(Intents.group("g1", members().toArray(String[]::new)));
        if (random.nextBoolean()) {
            groups.add(Intents.group("g2", members().toArray(String[]::new)));
        }
        final var tx = real.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT, Intents.intent(List.of(
            Intents.subnet("10.0.1.0/24", "10.0.1.254", "02:00:00:00:01:fe"),
            Intents.subnet("10.0.2.0/24", "10.0.2.254", "02:00:00:00:02:fe")), vms, groups, migrations));
        tx.commit().get();
        // a transaction touches one datastore
        final var switches = real.newWriteOnlyTransaction();
        for (String node : operational.keySet()) {
            switches.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(node), node(node));
        }
        switches.commit().get();
        scenario.add("world: VMs " + vms.stream().map(vm -> vm.requireVmId().getValue() + "@"
            + (vm.getAttachment() == null ? vm.getInterfaceName()
                : vm.getAttachment().getNodeId().getValue() + ":" + vm.getAttachment().getPort())).toList()
            + ", groups " + groups.stream().map(group -> group.requireName().getValue() + group.nonnullMember()
                .keySet().stream().map(key -> key.getVmId().getValue()).toList()).toList()
            + ", migrations " + migrations.stream().map(FaultRun::describe).toList() + ", switches " + operational);
    }

    private static String mac(final int index) {
        return String.format("02:00:00:00:00:%02x", index);
    }

    private String newAddress(final int index) {
        return "10.0.2." + (index * 10 + random.nextInt(10));
    }

    private List<String> members() {
        final List<String> members = new ArrayList<>();
        for (int i = 1; i <= vmCount; i++) {
            if (random.nextInt(10) < 7) {
                members.add("v" + i);
            }
        }
        while (members.size() < 2) {
            final String vmId = "v" + (1 + random.nextInt(vmCount));
            if (!members.contains(vmId)) {
                members.add(vmId);
            }
        }
        return members;
    }

    private <T> T pick(final List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node node(final String node) {
        final var connectors = operational.get(node).entrySet().stream().map(port -> new NodeConnectorBuilder()
            .setId(new NodeConnectorId(node + ":" + port.getKey()))
            .addAugmentation(new FlowCapableNodeConnectorBuilder().setName(port.getValue()).build()).build())
            .toList();
        final var builder = new NodeBuilder().setId(new NodeId(node));
        if (!connectors.isEmpty()) {
            builder.setNodeConnector(BindingMap.of(connectors));
        }
        return builder.build();
    }

    // --- the steps -------------------------------------------------------------------------------------------

    private void step() throws Exception {
        final int index = 1 + random.nextInt(vmCount);
        final String vmId = "v" + index;
        final int draw = random.nextInt(100);
        if (draw < 25) {
            notifyMigration(vmId, newAddress(index));
        } else if (draw < 32) {
            final Vm vm = config() == null ? null : config().nonnullVm().get(new VmKey(new Name(vmId)));
            notifyMigration(vmId, vm == null ? "10.0.1." + index : vm.requireHomeAddress().getValue());
        } else if (draw < 40) {
            notifyMigrations(vmId, "v" + (1 + index % vmCount));
        } else if (draw < 50) {
            rpc("complete-migration(" + vmId + ")", Set.of(vmId), () -> engine.completeMigration(
                new CompleteMigrationInputBuilder().setVmId(vmId).build()), (answer, vm, config) ->
                    migration(config, vm) == null ? null : "complete-migration answered success but the "
                        + "configuration still holds " + describe(migration(config, vm)));
        } else if (draw < 62) {
            final String peer = "v" + (1 + (index + random.nextInt(vmCount - 1)) % vmCount);
            rpc("cut-over(" + vmId + ", " + peer + ")", Set.of(vmId), () -> engine.cutOver(new CutOverInputBuilder()
                .setVmId(vmId).setPeer(peer).build()), (answer, vm, config) -> {
                    final boolean completed = Boolean.TRUE.equals(((CutOverOutput) answer.getResult())
                        .getCompleted());
                    final Migration stored = migration(config, vm);
                    if (completed) {
                        return stored == null ? null : "cut-over answered completed but the configuration holds "
                            + describe(stored);
                    }
                    return stored != null && stored.getCutOver() != null
                        && stored.getCutOver().contains(new Name(peer)) ? null
                            : "cut-over answered success but the configuration holds " + describe(stored);
                });
        } else if (draw < 67) {
            final var migration = new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
                .rev261205.vm.mobility.MigrationBuilder(Intents.migration(vmId, newAddress(index),
                    "openflow:" + (1 + random.nextInt(3)), 30 + index))
                .setCompleteWhenAllCutOver(random.nextBoolean() ? Boolean.TRUE : null).build();
            configWrite("config: put migration " + describe(migration), Set.of(vmId), tx -> tx.put(
                LogicalDatastoreType.CONFIGURATION, migrationPath(vmId), migration));
        } else if (draw < 72) {
            configWrite("config: delete migration of " + vmId, Set.of(vmId), tx -> tx.delete(
                LogicalDatastoreType.CONFIGURATION, migrationPath(vmId)));
        } else if (draw < 80) {
            final String group = "g" + (1 + random.nextInt(3));
            final var members = members();
            configWrite("config: put group " + group + " " + members, Set.of(), tx -> tx.put(
                LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT.toBuilder().child(ApplicationGroup.class,
                    new ApplicationGroupKey(new Name(group))).build(), Intents.group(group,
                        members.toArray(String[]::new))));
        } else if (draw < 86) {
            final Vm vm = config() == null ? null : config().nonnullVm().get(new VmKey(new Name(vmId)));
            if (vm != null && vm.getAttachment() != null) {
                final var moved = new VmBuilder(vm).setAttachment(new AttachmentBuilder()
                    .setNodeId(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
                        .rev261205.OpenflowNodeId("openflow:" + (1 + random.nextInt(3))))
                    .setPort(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
                        .rev261205.OpenflowPort(Uint32.valueOf(40 + index))).build()).build();
                configWrite("config: move " + vmId + " to " + moved.getAttachment().getNodeId().getValue(),
                    Set.of(vmId), tx -> tx.put(LogicalDatastoreType.CONFIGURATION, vmPath(vmId), moved));
            }
        } else if (draw < 94) {
            final String node = random.nextBoolean() ? "openflow:3" : "openflow:2";
            if (operational.remove(node) != null) {
                configWrite("switch " + node + " disconnects", Set.of(), tx -> tx.delete(
                    LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(node)));
            } else {
                operational.put(node, new TreeMap<>());
                configWrite("switch " + node + " connects", Set.of(), tx -> tx.put(LogicalDatastoreType.OPERATIONAL,
                    InventoryPaths.node(node), node(node)));
            }
        } else if (!interfaceVms.isEmpty() && !operational.isEmpty()) {
            final String moving = pick(new ArrayList<>(interfaceVms));
            final int number = Integer.parseInt(moving.substring(1));
            operational.values().forEach(ports -> ports.values().remove("tap" + moving));
            final String node = pick(new ArrayList<>(operational.keySet()));
            operational.get(node).put(20L + number + 10 * random.nextInt(2), "tap" + moving);
            configWrite("port tap" + moving + " appears on " + node, Set.of(), tx -> {
                for (String each : operational.keySet()) {
                    tx.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(each), node(each));
                }
            });
        }
    }

    private void notifyMigration(final String vmId, final String address) {
        final String node = "openflow:" + (1 + random.nextInt(3));
        final boolean attach = random.nextInt(10) < 7;
        final var input = new NotifyMigrationInputBuilder().setVmId(vmId).setNewAddress(address);
        if (attach) {
            input.setNewAttachment(new NewAttachmentBuilder().setNodeId(node)
                .setPort(Uint32.valueOf(30 + Integer.parseInt(vmId.substring(1)))).build());
        }
        rpc("notify-migration(" + vmId + " -> " + address + (attach ? " at " + node : "") + ")", Set.of(vmId),
            () -> engine.notifyMigration(input.build()), (answer, vm, config) -> notified(
                ((NotifyMigrationOutput) answer.getResult()).getOutcome(), vm, address, config));
    }

    private void notifyMigrations(final String first, final String second) {
        final Map<String, String> addresses = new TreeMap<>();
        addresses.put(first, newAddress(Integer.parseInt(first.substring(1))));
        addresses.put(second, newAddress(Integer.parseInt(second.substring(1))));
        final var input = new NotifyMigrationsInputBuilder().setMigration(BindingMap.of(addresses.entrySet().stream()
            .map(entry -> new MigrationBuilder().setVmId(entry.getKey()).setNewAddress(entry.getValue()).build())
            .toList())).build();
        rpc("notify-migrations(" + addresses + ")", addresses.keySet(), () -> engine.notifyMigrations(input),
            (answer, vm, config) -> {
                final var result = ((NotifyMigrationsOutput) answer.getResult()).nonnullResult().values().stream()
                    .filter(each -> vm.equals(each.getVmId())).findFirst().orElse(null);
                return result == null ? "notify-migrations answered nothing for " + vm
                    : notified(result.getOutcome(), vm, addresses.get(vm), config);
            });
    }

    private static @Nullable String notified(final NotifyOutcome outcome, final String vmId, final String address,
            final @Nullable VmMobility config) {
        final Migration stored = migration(config, vmId);
        return switch (outcome) {
            case Migrated -> stored != null && address.equals(stored.requireNewAddress().getValue()) ? null
                : "answered Migrated to " + address + " but the configuration holds " + describe(stored);
            case ReturnedHome -> stored == null ? null
                : "answered ReturnedHome but the configuration holds " + describe(stored);
            case Refused -> null;
        };
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void rpc(final String what, final Set<String> vms,
            final java.util.function.Supplier<ListenableFuture<? extends RpcResult<?>>> call, final Check check) {
        ListenableFuture<? extends RpcResult<?>> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            // thrown at the caller: that is its answer
            answer = Futures.immediateFailedFuture(e);
        }
        ops.add(new Op(ops.size(), what, vms, answer, check));
        scenario(what);
    }

    private void scenario(final String what) {
        scenario.add("+" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt) + " ms " + what);
    }

    @FunctionalInterface
    private interface Writes {
        void write(org.opendaylight.mdsal.binding.api.WriteTransaction tx);
    }

    private void configWrite(final String what, final Set<String> vms, final Writes writes) throws Exception {
        // the operator's and the switches' writes are faithful: they are the world, not the application
        for (int attempt = 0; attempt < 5; attempt++) {
            final var tx = real.newWriteOnlyTransaction();
            writes.write(tx);
            try {
                tx.commit().get();
                ops.add(new Op(ops.size(), what, vms, null, null));
                scenario(what);
                return;
            } catch (ExecutionException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
    }

    // --- the checks ------------------------------------------------------------------------------------------

    private long awaitAnswers(final long deadline, final List<String> failures) throws InterruptedException {
        for (Op op : ops) {
            if (op.answer == null) {
                continue;
            }
            try {
                op.answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                rpcTexts.add(Throwables.getStackTraceAsString(e));
            } catch (java.util.concurrent.TimeoutException e) {
                failures.add("RPC_UNANSWERED: " + op.what + " got no answer within " + ANSWER_BOUND_MS
                    + " ms after the faults stopped");
            }
        }
        for (Op op : ops) {
            if (op.answer != null && op.answer.isDone() && answer(op) != null && !answer(op).isSuccessful()) {
                for (RpcError error : answer(op).getErrors()) {
                    rpcTexts.add(error.getMessage() + (error.getCause() == null ? ""
                        : " " + Throwables.getStackTraceAsString(error.getCause())));
                }
            }
        }
        return System.nanoTime();
    }

    private static @Nullable RpcResult<?> answer(final Op op) {
        try {
            return Futures.getDone(op.answer);
        } catch (ExecutionException e) {
            return null;
        }
    }

    private boolean awaitFlows(final long deadline, final List<String> failures) throws Exception {
        long equalSince = 0;
        String difference = "";
        while (true) {
            final long now = System.nanoTime();
            final var expected = ExpectedFlows.of(config(), nodes(), PIPELINE);
            final var actual = ConfigFlows.read(real, Set.copyOf(SWITCHES));
            if (expected.equals(actual)) {
                if (equalSince == 0) {
                    equalSince = now;
                } else if (now - equalSince >= TimeUnit.MILLISECONDS.toNanos(STABLE_MS)) {
                    return true;
                }
            } else {
                equalSince = 0;
                difference = difference(expected, actual);
            }
            if (now > deadline) {
                failures.add("NOT_CONVERGED: " + CONVERGE_BOUND_MS + " ms after the faults stopped and the RPCs "
                    + "answered, the config inventory differs from the plan of the intent: " + difference + "; "
                    + lateConvergence(deadline));
                return false;
            }
            Thread.sleep(30);
        }
    }

    /**
     * The published health may trail the flows (the state write can be failing and retrying when the faults stop):
     * it must be ok within the bound.
     */
    private boolean awaitHealthy(final long deadline) throws InterruptedException {
        while (true) {
            final var health = engine.healthy();
            if (health.isEmpty() || health.orElseThrow()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(30);
        }
    }

    /** Watches a run that missed the bound a little longer: converged late (after how long), or stuck. */
    private String lateConvergence(final long deadline) throws Exception {
        final long until = deadline + TimeUnit.MILLISECONDS.toNanos(LATE_WATCH_MS);
        long equalSince = 0;
        while (System.nanoTime() < until) {
            final long now = System.nanoTime();
            if (ExpectedFlows.of(config(), nodes(), PIPELINE).equals(ConfigFlows.read(real, Set.copyOf(SWITCHES)))) {
                if (equalSince == 0) {
                    equalSince = now;
                } else if (now - equalSince >= TimeUnit.MILLISECONDS.toNanos(STABLE_MS)) {
                    return "converged late, " + TimeUnit.NANOSECONDS.toMillis(equalSince - deadline)
                        + " ms after the bound";
                }
            } else {
                equalSince = 0;
            }
            Thread.sleep(30);
        }
        return "still differs " + LATE_WATCH_MS + " ms after the bound (stuck)";
    }

    private static String difference(final Map<String, Map<String, Flow>> expected,
            final Map<String, Map<String, Flow>> actual) {
        final List<String> parts = new ArrayList<>();
        final Set<String> nodes = new TreeSet<>(expected.keySet());
        nodes.addAll(actual.keySet());
        for (String node : nodes) {
            final var want = expected.getOrDefault(node, Map.of());
            final var have = actual.getOrDefault(node, Map.of());
            final Set<String> missing = new TreeSet<>(want.keySet());
            missing.removeAll(have.keySet());
            final Set<String> extra = new TreeSet<>(have.keySet());
            extra.removeAll(want.keySet());
            final Set<String> changed = new TreeSet<>();
            want.forEach((id, flow) -> {
                if (have.containsKey(id) && !flow.equals(have.get(id))) {
                    changed.add(id);
                }
            });
            if (!missing.isEmpty() || !extra.isEmpty() || !changed.isEmpty()) {
                parts.add(node + ": " + missing.size() + " missing " + first(missing) + ", " + extra.size()
                    + " extra " + first(extra) + ", " + changed.size() + " differ " + first(changed));
            }
        }
        return String.join("; ", parts);
    }

    private static String first(final Set<String> ids) {
        return ids.stream().limit(3).toList().toString();
    }

    private void checkAnswers(final List<String> failures) throws Exception {
        final VmMobility config = config();
        final Map<String, Op> last = new HashMap<>();
        for (Op op : ops) {
            op.vms.forEach(vm -> last.put(vm, op));
        }
        last.forEach((vm, op) -> {
            if (op.answer == null || !op.answer.isDone()) {
                return;
            }
            final RpcResult<?> answer = answer(op);
            if (answer == null || !answer.isSuccessful()) {
                return;
            }
            final String lie = op.check.lie(answer, vm, config);
            if (lie != null) {
                failures.add("RPC_LIE: " + op.what + " (the last change of " + vm + "): " + lie);
            }
        });
    }

    private @Nullable VmMobility config() throws Exception {
        try (var tx = real.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT).get().orElse(null);
        }
    }

    private @Nullable Nodes nodes() throws Exception {
        try (var tx = real.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, InventoryPaths.NODES).get().orElse(null);
        }
    }

    private static @Nullable Migration migration(final @Nullable VmMobility config, final String vmId) {
        return config == null ? null : config.nonnullMigration().get(new MigrationKey(new Name(vmId)));
    }

    private static String describe(final @Nullable Migration migration) {
        if (migration == null) {
            return "no migration";
        }
        return "migration of " + migration.requireVmId().getValue() + " to "
            + migration.requireNewAddress().getValue() + (migration.getCutOver() == null ? ""
                : " cut over " + migration.getCutOver().stream().map(Name::getValue).sorted().toList())
            + (Boolean.TRUE.equals(migration.getCompleteWhenAllCutOver()) ? " complete-when-all-cut-over" : "");
    }

    private static DataObjectIdentifier<Migration> migrationPath(final String vmId) {
        return ConfigPaths.ROOT.toBuilder().child(Migration.class, new MigrationKey(new Name(vmId))).build();
    }

    private static DataObjectIdentifier<Vm> vmPath(final String vmId) {
        return ConfigPaths.ROOT.toBuilder().child(Vm.class, new VmKey(new Name(vmId))).build();
    }
}
