/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.flows.MeterConverter;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.planner.PuntMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.FlowWriteFence;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.FlowWriteFenceBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the difference between the flows last written and a new plan to the config inventory datastore, from
 * where openflowplugin's FRM pushes them to the switches (and pushes them again when a switch reconnects).
 *
 * <p>The reconciler calls it from its single thread, one apply at a time. Every transaction goes through the
 * engine's {@link WriteGate} with the generation of its apply: once that generation is fenced (or the gate closed)
 * the apply's later transactions never start and its bookkeeping never counts (a fenced apply is followed by a
 * baseline re-read). The bookkeeping is guarded by this object's lock, since commits answer on other threads.
 */
public final class FlowWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FlowWriter.class);

    /** Flow ids of this application start with this prefix; nothing else in the inventory is ever touched. */
    public static final String FLOW_ID_PREFIX = "vmm-";

    /** Written with every flow write and checked first: see {@link FlowWriteFence}. */
    public static final DataObjectIdentifier<FlowWriteFence> FENCE =
        DataObjectIdentifier.builder(FlowWriteFence.class).build();

    /**
     * The product's bound on one transaction's flow operations: the controller's journal refuses multi-megabyte
     * entries, and FRM starts pushing the first flows while the rest are still being written.
     */
    public static final int OPERATIONS_PER_TRANSACTION = 400;
    /** How many of a write's chained transactions may be committing at once. */
    private static final int IN_FLIGHT = 4;

    private final DataBroker broker;
    private final WriteGate gate;
    private final BiFunction<String, PlannedFlow, Flow> converter;
    private final int perTransaction;
    /** Builds (converts and writes) the transactions of a chained write: see {@link #chained}. */
    private final Executor builder;

    private final Map<String, Map<String, Flow>> written = new HashMap<>();
    /** The fence as this writer last read or wrote it: every transaction checks it and moves it on. */
    private Optional<Uint64> fence = Optional.empty();
    /** The planned flows behind {@link #written} (absent for flows read back from the datastore). */
    private final Map<String, Map<String, PlannedFlow>> writtenPlans = new HashMap<>();
    /** The switches holding our {@link PuntMeter}. */
    private final Set<String> metered = new HashSet<>();

    /**
     * Creates a writer.
     *
     * @param broker the data broker
     * @param gate fences the writes
     * @param converter converts a planned flow into the inventory flow of a switch (FlowConverter::toFlow)
     */
    public FlowWriter(final DataBroker broker, final WriteGate gate,
            final BiFunction<String, PlannedFlow, Flow> converter) {
        this(broker, gate, converter, OPERATIONS_PER_TRANSACTION);
    }

    /**
     * Creates a writer with another transaction size.
     *
     * @param broker the data broker
     * @param gate fences the writes
     * @param converter converts a planned flow into the inventory flow of a switch (FlowConverter::toFlow)
     * @param perTransaction the most operations one transaction carries (a write of more of one kind is chained)
     */
    public FlowWriter(final DataBroker broker, final WriteGate gate,
            final BiFunction<String, PlannedFlow, Flow> converter, final int perTransaction) {
        this(broker, gate, converter, perTransaction, MoreExecutors.directExecutor());
    }

    /**
     * Creates a writer whose chained writes are built on an executor of their own.
     *
     * @param broker the data broker
     * @param gate fences the writes
     * @param converter converts a planned flow into the inventory flow of a switch (FlowConverter::toFlow)
     * @param perTransaction the most operations one transaction carries (a write of more of one kind is chained)
     * @param builder builds a chained write's transactions one after the other, off the caller's thread (one thread:
     *     they are built in order anyway); direct, each is built on the thread that finished what it waits for
     */
    public FlowWriter(final DataBroker broker, final WriteGate gate,
            final BiFunction<String, PlannedFlow, Flow> converter, final int perTransaction, final Executor builder) {
        this.builder = requireNonNull(builder);
        this.broker = requireNonNull(broker);
        this.gate = requireNonNull(gate);
        this.converter = requireNonNull(converter);
        if (perTransaction < 1) {
            throw new IllegalArgumentException("a transaction carries at least one operation, not " + perTransaction);
        }
        this.perTransaction = perTransaction;
    }

    /**
     * Learns which of our flows the config datastore already holds (after a controller restart), so that the first
     * plan rewrites only what differs and removes what is stale, without deleting and re-adding unchanged flows;
     * and the flow-write fence of the same snapshot.
     *
     * @return a future that completes when the baseline is known
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public FluentFuture<Baseline> readBaseline() {
        final var tx = broker.newReadOnlyTransaction();
        final FluentFuture<Baseline> baseline;
        try {
            // each read's failure is logged: the baseline fails with the first only
            final var nodes = ReadFailureLog.logged(tx.read(LogicalDatastoreType.CONFIGURATION,
                InventoryPaths.NODES), "our flows for the baseline");
            final var marker = ReadFailureLog.logged(tx.read(LogicalDatastoreType.CONFIGURATION, FENCE),
                "the flow-write fence for the baseline");
            baseline = FluentFuture.from(Futures.whenAllSucceed(nodes, marker).call(() -> new Baseline(
                ourFlows(Futures.getDone(nodes)), Futures.getDone(marker).map(FlowWriteFence::getGeneration),
                ourMeters(Futures.getDone(nodes))), MoreExecutors.directExecutor()));
        } catch (RuntimeException e) {
            // a read that threw at once: the transaction is not left open
            tx.close();
            throw e;
        }
        // one snapshot for both: the transaction closes once both answered
        baseline.addListener(tx::close, MoreExecutors.directExecutor());
        return baseline;
    }

    /**
     * Sets what the datastore holds.
     *
     * @param baseline the flows by switch and id, and the fence, as read in one snapshot
     */
    public synchronized void setBaseline(final Baseline baseline) {
        written.clear();
        writtenPlans.clear();
        baseline.flows().forEach((node, byId) -> written.put(node, new HashMap<>(byId)));
        metered.clear();
        metered.addAll(baseline.metered());
        fence = baseline.fence();
    }

    /**
     * How what was read differs from what this writer wrote (and the fence it last wrote or read): nothing while
     * they are equal. Only meaningful while no write is outstanding.
     *
     * @param baseline our flows and the fence, as read in one snapshot
     * @return the differences, per switch, or empty
     */
    public synchronized Optional<String> differences(final Baseline baseline) {
        final List<String> parts = new ArrayList<>();
        if (!baseline.fence().equals(fence)) {
            parts.add("fence " + baseline.fence().map(Uint64::toString).orElse("absent") + " instead of "
                + fence.map(Uint64::toString).orElse("absent"));
        }
        parts.addAll(SwitchFlowDifferences.describe(written, baseline.flows(), "not written by the engine"));
        if (!metered.equals(baseline.metered())) {
            parts.add("the punt meter on " + new TreeSet<>(baseline.metered()) + " instead of "
                + new TreeSet<>(metered));
        }
        return SwitchFlowDifferences.joined(parts);
    }

    /**
     * The switches that hold flows we wrote.
     *
     * @return their node ids
     */
    public synchronized Set<String> switches() {
        final Set<String> switches = new HashSet<>(written.keySet());
        switches.addAll(metered);
        return Set.copyOf(switches);
    }

    /**
     * Writes, for each given switch, the difference between the flows last written there and its new flow set, in
     * bounded transactions shared by the switches (meters, then new and changed flows, then deletions, then unused
     * meters). Switches not given are not looked at. The caller must not
     * call again, nor read the baseline, before the returned future completes or the generation was fenced: a write
     * never lands after a newer one.
     *
     * @param planned per switch, its complete new flow set (empty: remove all of ours)
     * @param generation the write generation ({@link WriteGate#generation()}) this apply belongs to
     * @return the outcome: the number of flows put and deleted, once every transaction committed
     */
    public synchronized FluentFuture<Changes> apply(final Map<String, Map<String, PlannedFlow>> planned,
            final long generation) {
        final var meterPuts = new ArrayList<Operation>();
        final var additions = new ArrayList<Operation>();
        final var removals = new ArrayList<Operation>();
        final var meterDeletes = new ArrayList<Operation>();
        for (var node : new TreeSet<>(planned.keySet())) {
            final var before = written.getOrDefault(node, Map.of());
            final var plannedBefore = writtenPlans.getOrDefault(node, Map.of());
            final var after = planned.get(node);
            // Only flows whose plan changed are converted, each when its transaction is built: the first
            // transaction of a burst does not wait for the conversion of all its flows.
            for (var entry : after.entrySet()) {
                final PlannedFlow plan = entry.getValue();
                final PlannedFlow old = plannedBefore.get(entry.getKey());
                if (old != plan && !plan.equals(old)) {
                    additions.add(Operation.toConvert(node, entry.getKey(), plan, before.get(entry.getKey())));
                }
            }
            for (var entry : before.entrySet()) {
                final var next = after.get(entry.getKey());
                if (next == null || next.table() != entry.getValue().getTableId().toJava()) {
                    removals.add(new Operation(node, entry.getKey(), entry.getValue(), null, null));
                }
            }
            // the meter before the first flow that passes through it, removed after the last one
            final boolean meter = PuntMeter.neededBy(after.values());
            if (meter && !metered.contains(node)) {
                meterPuts.add(Operation.meter(node, true));
            } else if (!meter && metered.contains(node)) {
                meterDeletes.add(Operation.meter(node, false));
            }
        }
        // One sequence of transactions for all the switches of this write, applied by the datastore in this order:
        // the meters, the new and changed flows, the deletions, the meters no longer used. A small write commits each
        // after the one before answered; a burst goes on one transaction chain, whose transactions the datastore
        // applies in order while up to IN_FLIGHT of them are committing at once. A write's transactions are
        // chained (each reads the fence the one before wrote), so one transaction per kind rather than per switch
        // and kind: a migration that touches two peers' switches commits twice, not four times. New and changed flows
        // go before the deletions: a flow replaced by one with another id (a VM that moved again) is never missing in
        // between. FRM handles one transaction's changes in no set order, and a flow that replaces another (same
        // match and priority, another id) must reach the switch before the old one's removal, or the switch has
        // neither for a moment (the old one's strict delete carries its own cookie, so once the new one replaced it
        // on the switch the delete removes nothing). Transactions stay bounded: the controller's journal refuses
        // multi-megabyte entries, and FRM can start pushing the first flows while the rest are still being written.
        final var transactions = new ArrayList<List<Operation>>();
        chunk(transactions, meterPuts);
        chunk(transactions, additions);
        chunk(transactions, removals);
        chunk(transactions, meterDeletes);
        final int deletes = removals.size();
        // flows whose conversion equals what the datastore holds are not put: counted as they are converted
        final var puts = new AtomicInteger();
        // a burst (a kind split into several transactions) on a transaction chain; other writes as before
        if (additions.size() > perTransaction || removals.size() > perTransaction) {
            return chained(transactions, generation, puts).transform(ignored -> new Changes(puts.get(), deletes),
                MoreExecutors.directExecutor());
        }
        FluentFuture<?> result = FluentFuture.from(Futures.immediateVoidFuture());
        for (var chunk : transactions) {
            result = result.transformAsync(ignored -> gate.submit(generation, () -> {
                final List<Operation> operations = converted(chunk, puts);
                // flows that all equal what the datastore holds: no transaction
                return operations.isEmpty() ? FluentFuture.from(Futures.immediateFuture(CommitInfo.empty()))
                    : commit(operations, generation);
            }), MoreExecutors.directExecutor());
        }
        return result.transform(ignored -> new Changes(puts.get(), deletes), MoreExecutors.directExecutor());
    }

    /**
     * The chunk with its flows converted; a flow equal to what the datastore holds is left out. A conversion that
     * throws fails the write with a {@link ConversionFailure}.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private List<Operation> converted(final List<Operation> chunk, final AtomicInteger puts) {
        final var result = new ArrayList<Operation>(chunk.size());
        for (var op : chunk) {
            if (op.put == null && op.plan != null) {
                final Flow flow;
                try {
                    flow = converter.apply(op.node, op.plan);
                } catch (RuntimeException e) {
                    throw new ConversionFailure("converting flow " + op.id + " of " + op.node + " failed: " + e, e);
                }
                if (!flow.equals(op.previous)) {
                    result.add(new Operation(op.node, op.id, null, flow, op.plan));
                    puts.incrementAndGet();
                }
            } else {
                result.add(op);
            }
        }
        return result;
    }

    /**
     * A write of several transactions, on one transaction chain: each transaction is created as soon as the one
     * before was submitted and sees its writes, so up to {@value #IN_FLIGHT} of them are committing while the next
     * is built. Only the first reads the fence; each writes the next generation of it, so a write of the fence by
     * anything else in between fails the chain's next commit as a conflict (optimistic locking), as it fails a
     * plain transaction. The chain keeps the order: the datastore applies them, and FRM sees them, in the order
     * of the chunks (meters, new and changed flows, deletions, unused meters). Their bookkeeping runs in that order
     * too, each once its commit succeeded.
     */
    private FluentFuture<?> chained(final List<List<Operation>> chunks, final long generation,
            final AtomicInteger puts) {
        final Optional<Uint64> expected;
        synchronized (this) {
            expected = fence;
        }
        final long base = expected.map(Uint64::longValue).orElse(0L);
        final TransactionChain chain = broker.createTransactionChain();
        final List<SettableFuture<Void>> submitted = new ArrayList<>();
        final List<FluentFuture<List<Operation>>> commits = new ArrayList<>();
        // a failure is passed on to the transactions after it: each is logged once, where it happened
        final Set<Throwable> causes = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        FluentFuture<?> booked = FluentFuture.from(Futures.immediateVoidFuture());
        // Nothing starts before every transaction's dependencies are registered: a transaction whose dependencies
        // were already done when it was registered would be built at once, on the caller's thread. Each is built on
        // the builder: built directly, each next one was built on the thread that submitted the one before, so the
        // caller's thread (the engine's) built nearly all of a 10,000-VM burst's 101 transactions (10 s) before
        // apply() returned, and the burst's states and the write's own answer waited behind it (BENCHMARKS.md).
        final SettableFuture<Void> start = SettableFuture.create();
        for (int index = 0; index < chunks.size(); index++) {
            final int number = index;
            final List<Operation> chunk = chunks.get(index);
            final Uint64 next = Uint64.fromLongBits(base + index + 1);
            final SettableFuture<Void> isSubmitted = SettableFuture.create();
            final List<ListenableFuture<?>> before = new ArrayList<>();
            before.add(index > 0 ? submitted.get(index - 1) : start);
            if (index >= IN_FLIGHT) {
                before.add(commits.get(index - IN_FLIGHT));
            }
            // the chunk's converted operations, once its transaction committed
            final FluentFuture<List<Operation>> commit = FluentFuture.from(Futures.whenAllSucceed(before).callAsync(
                () -> gate.submit(generation, () -> {
                    final boolean timed = LOG.isDebugEnabled();
                    final long buildStart = timed ? System.nanoTime() : 0;
                    final List<Operation> operations = converted(chunk, puts);
                    final ReadWriteTransaction tx = chain.newReadWriteTransaction();
                    final FluentFuture<?> checked = number > 0 ? FluentFuture.from(Futures.immediateVoidFuture())
                        : tx.read(LogicalDatastoreType.CONFIGURATION, FENCE).transform(found -> {
                            checkFence(tx, found.map(FlowWriteFence::getGeneration), expected);
                            return found;
                        }, MoreExecutors.directExecutor());
                    return checked.transformAsync(ignored -> {
                        write(tx, next, operations);
                        final long committedAt = timed ? System.nanoTime() : 0;
                        final String builtOn = timed ? Thread.currentThread().getName() : null;
                        final FluentFuture<List<Operation>> done = tx.commit().transform(info -> {
                            if (timed) {
                                // where a burst's time goes: building each transaction, and its answer
                                LOG.debug("Chained flow transaction {} of {} (generation {}): {} operations built "
                                    + "in {} ms on {}, answered {} ms after its commit on {}", number + 1,
                                    chunks.size(), generation, operations.size(),
                                    TimeUnit.NANOSECONDS.toMillis(committedAt - buildStart), builtOn,
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committedAt),
                                    Thread.currentThread().getName());
                            }
                            return operations;
                        }, MoreExecutors.directExecutor());
                        isSubmitted.set(null);
                        return done;
                        // the first one's writes wait for the fence's read: built on the builder too
                    }, number > 0 ? MoreExecutors.directExecutor() : builder);
                }), builder));
            // a chunk that never got as far as its commit stops the ones after it
            commit.addListener(() -> {
                if (!isSubmitted.isDone()) {
                    isSubmitted.setFuture(commit.transform(ignored -> null, MoreExecutors.directExecutor()));
                }
            }, MoreExecutors.directExecutor());
            submitted.add(isSubmitted);
            commits.add(commit);
            commit.addListener(() -> logFailure(commit, number, chunks.size(), generation, causes),
                MoreExecutors.directExecutor());
            booked = booked.transformAsync(ignored -> commit, MoreExecutors.directExecutor())
                .transform(operations -> {
                    booked(operations, generation, next);
                    return operations;
                }, MoreExecutors.directExecutor());
        }
        // closed once every transaction has answered or will never start: a failed chain fails the rest
        Futures.whenAllComplete(commits).run(chain::close, MoreExecutors.directExecutor());
        start.set(null);
        return booked;
    }

    /**
     * Logs a chained transaction's own failure: the write fails with the first one in order (the engine logs that),
     * and a later one (a failed commit that may still have landed, a transaction that could not be created) would
     * otherwise leave no trace. Failures passed on from a transaction before, and transactions not started because
     * the write was fenced (the engine logged that), are not logged again.
     */
    private static void logFailure(final FluentFuture<?> commit, final int number, final int count,
            final long generation, final Set<Throwable> causes) {
        final Throwable cause;
        try {
            Futures.getDone(commit);
            return;
        } catch (ExecutionException e) {
            cause = e.getCause();
        } catch (CancellationException e) {
            cause = e;
        }
        if (!(cause instanceof CancellationException) && causes.add(cause)) {
            LOG.warn("Flow transaction {} of {} of a chained write (generation {}) failed; the transactions after it "
                + "do not start: {}", number + 1, count, generation, cause.toString(), cause);
        }
    }

    private static void checkFence(final ReadWriteTransaction tx, final Optional<Uint64> current,
            final Optional<Uint64> expected) {
        if (!current.equals(expected)) {
            tx.cancel();
            throw new FenceMovedException("the flow-write fence is " + current.map(Uint64::toString)
                .orElse("absent") + ", not " + expected.map(Uint64::toString).orElse("absent") + " as this "
                + "engine last wrote or read it: a flow write landed after the engine gave up on it (or "
                + "another engine wrote); the flows are read again");
        }
    }

    /** The transaction's writes: the fence's next generation and the chunk's operations. */
    private static void write(final WriteTransaction tx, final Uint64 next, final List<Operation> chunk) {
        tx.put(LogicalDatastoreType.CONFIGURATION, FENCE, new FlowWriteFenceBuilder().setGeneration(next).build());
        final var parents = new HashSet<String>();
        for (var op : chunk) {
            if (op.meter != MeterChange.NONE) {
                if (op.meter == MeterChange.PUT) {
                    tx.merge(LogicalDatastoreType.CONFIGURATION, InventoryPaths.node(op.node),
                        new NodeBuilder().setId(new NodeId(op.node)).build());
                    tx.put(LogicalDatastoreType.CONFIGURATION, InventoryPaths.meter(op.node, PuntMeter.ID),
                        MeterConverter.puntMeter());
                } else {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, InventoryPaths.meter(op.node, PuntMeter.ID));
                }
            } else if (op.put == null) {
                tx.delete(LogicalDatastoreType.CONFIGURATION,
                    InventoryPaths.flow(op.node, op.delete.getTableId().toJava(), op.id));
            } else {
                final short table = op.put.getTableId().toJava();
                if (parents.add(op.node + "/" + table)) {
                    ensureTable(tx, op.node, table);
                }
                tx.put(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flow(op.node, table, op.id), op.put);
            }
        }
    }

    private void chunk(final List<List<Operation>> transactions, final List<Operation> operations) {
        for (int from = 0; from < operations.size(); from += perTransaction) {
            transactions.add(operations.subList(from, Math.min(from + perTransaction, operations.size())));
        }
    }

    private FluentFuture<CommitInfo> commit(final List<Operation> chunk, final long generation) {
        final Optional<Uint64> expected;
        synchronized (this) {
            expected = fence;
        }
        final var tx = broker.newReadWriteTransaction();
        return tx.read(LogicalDatastoreType.CONFIGURATION, FENCE).transformAsync(found -> {
            final Optional<Uint64> current = found.map(FlowWriteFence::getGeneration);
            checkFence(tx, current, expected);
            final Uint64 next = Uint64.fromLongBits(current.map(Uint64::longValue).orElse(0L) + 1);
            write(tx, next, chunk);
            return tx.commit().transform(info -> {
                booked(chunk, generation, next);
                return info;
            }, MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    private synchronized void booked(final List<Operation> chunk, final long generation, final Uint64 wrote) {
        if (generation != gate.generation()) {
            // fenced: the baseline is read again, what this write did is seen there
            return;
        }
        fence = Optional.of(wrote);
        for (var op : chunk) {
            if (op.meter != MeterChange.NONE) {
                if (op.meter == MeterChange.PUT) {
                    metered.add(op.node);
                } else {
                    metered.remove(op.node);
                }
                continue;
            }
            final var flows = written.computeIfAbsent(op.node, key -> new HashMap<>());
            final var plans = writtenPlans.computeIfAbsent(op.node, key -> new HashMap<>());
            if (op.put == null) {
                flows.remove(op.id);
                plans.remove(op.id);
            } else {
                flows.put(op.id, op.put);
                plans.put(op.id, op.plan);
            }
            if (flows.isEmpty()) {
                written.remove(op.node);
                writtenPlans.remove(op.node);
            }
        }
    }

    private static void ensureTable(final WriteTransaction tx, final String node, final short table) {
        tx.merge(LogicalDatastoreType.CONFIGURATION, InventoryPaths.node(node),
            new NodeBuilder().setId(new NodeId(node)).build());
        tx.merge(LogicalDatastoreType.CONFIGURATION, InventoryPaths.table(node, table),
            new TableBuilder().setId(Uint8.valueOf(table)).build());
    }

    private static Set<String> ourMeters(final Optional<Nodes> nodes) {
        final var key = new MeterKey(new MeterId(Uint32.valueOf(PuntMeter.ID)));
        final Set<String> result = new HashSet<>();
        nodes.ifPresent(present -> present.nonnullNode().values().forEach(node -> {
            final FlowCapableNode capable = node.augmentation(FlowCapableNode.class);
            if (capable != null && capable.nonnullMeter().containsKey(key)) {
                result.add(node.requireId().getValue());
            }
        }));
        return result;
    }

    private static Map<String, Map<String, Flow>> ourFlows(final Optional<Nodes> nodes) {
        final var result = new HashMap<String, Map<String, Flow>>();
        nodes.ifPresent(present -> present.nonnullNode().values().forEach(node -> {
            final FlowCapableNode capable = node.augmentation(FlowCapableNode.class);
            if (capable == null) {
                return;
            }
            final var flows = new HashMap<String, Flow>();
            capable.nonnullTable().values().forEach(table -> table.nonnullFlow().values().stream()
                .filter(flow -> flow.requireId().getValue().startsWith(FLOW_ID_PREFIX))
                .forEach(flow -> flows.put(flow.requireId().getValue(), flow)));
            if (!flows.isEmpty()) {
                result.put(node.requireId().getValue(), flows);
            }
        }));
        return result;
    }

    /**
     * One flow to write or delete.
     *
     * @param node the switch
     * @param id the flow id
     * @param delete the flow to delete, or null
     * @param put the flow to write, or null
     * @param plan the planned flow it was converted from (or is to be converted from, while put is null), or null
     * @param previous while the plan is not converted yet: the flow the datastore holds under the id, or null
     * @param meter what it does to the punt meter instead of a flow ({@code NONE} for a flow)
     */
    private record Operation(String node, String id, @Nullable Flow delete, @Nullable Flow put,
            @Nullable PlannedFlow plan, @Nullable Flow previous, MeterChange meter) {
        Operation(final String node, final String id, final @Nullable Flow delete, final @Nullable Flow put,
                final @Nullable PlannedFlow plan) {
            this(node, id, delete, put, plan, null, MeterChange.NONE);
        }

        /** A flow to put, converted when its transaction is built (unless it equals the previous one). */
        static Operation toConvert(final String node, final String id, final PlannedFlow plan,
                final @Nullable Flow previous) {
            return new Operation(node, id, null, null, plan, previous, MeterChange.NONE);
        }

        /** Puts or deletes the switch's punt meter. */
        static Operation meter(final String node, final boolean put) {
            return new Operation(node, "meter", null, null, null, null, put ? MeterChange.PUT : MeterChange.DELETE);
        }
    }

    /** What an operation does to the switch's punt meter. */
    private enum MeterChange {
        /** A flow operation. */
        NONE,
        /** Puts the meter. */
        PUT,
        /** Deletes the meter. */
        DELETE
    }

    /**
     * What one apply wrote.
     *
     * @param puts flows added or changed
     * @param deletes flows removed
     */
    public record Changes(int puts, int deletes) {
        /**
         * Tells whether nothing was written.
         *
         * @return true if nothing changed
         */
        public boolean isEmpty() {
            return puts == 0 && deletes == 0;
        }
    }

    /**
     * What the config inventory holds of ours, in one snapshot.
     *
     * @param flows our flows by switch and id
     * @param fence the flow-write fence, if any write set it
     * @param metered the switches holding our punt meter
     */
    public record Baseline(Map<String, Map<String, Flow>> flows, Optional<Uint64> fence, Set<String> metered) {
        /**
         * Our flows and the fence, no meter.
         *
         * @param flows our flows by switch and id
         * @param fence the flow-write fence
         */
        public Baseline(final Map<String, Map<String, Flow>> flows, final Optional<Uint64> fence) {
            this(flows, fence, Set.of());
        }
    }

    /** A planned flow could not be converted into an inventory flow (a bug): the write failed before its commit. */
    public static final class ConversionFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ConversionFailure(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /** The fence is not where this writer left it: something wrote flows behind its back. */
    static final class FenceMovedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        FenceMovedException(final String message) {
            super(message);
        }
    }
}
