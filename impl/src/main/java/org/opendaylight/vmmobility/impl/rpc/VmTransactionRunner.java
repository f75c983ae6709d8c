/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.OptimisticLockFailedException;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.rpc.RpcAttempt.Outcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path of the RPCs (notify-migration, notify-migrations, complete-migration, cut-over) to the configuration.
 *
 * <ul>
 *   <li><b>Per-VM order.</b> The RPCs of one VM run one after another, in the order they arrived, whichever RPC
 *       they are; other VMs' run in parallel ({@link VmOrder}). The caller's thread never waits.</li>
 *   <li><b>Bounded.</b> Every read and every commit answers within the bound (8 s) or counts as unanswered
 *       ({@link DatastoreTimeout}); the attempt then runs again in a new transaction, up to {@value #ATTEMPTS}
 *       attempts, as after an optimistic-lock conflict.</li>
 *   <li><b>Closed.</b> On every path that does not commit (a refusal, nothing to write, a failed or unanswered read,
 *       an exception of the attempt, an answer found already stored) the transaction is cancelled.</li>
 *   <li><b>Fenced.</b> Every committing attempt writes the entry {@code vm=X} of each of its VMs, the value it read
 *       in the same transaction if it changes nothing else there. See below.</li>
 *   <li><b>Honest.</b> A commit that failed, or got no answer in every attempt, fails the run (the RPC answers an
 *       error naming the cause); only a commit that succeeded, or one found stored by a later attempt, is an
 *       answer of success.</li>
 * </ul>
 *
 * <p><b>Why a late commit cannot overwrite a newer intent.</b> A commit that got no answer may still land later.
 * The datastore (yangtools' data tree, in memory as in CDS) validates a transaction's write of a node against the
 * snapshot the transaction started from: if the node was written, created or deleted by any commit after that
 * snapshot, the late commit fails as a whole with an optimistic-lock failure. A delete is not checked that way
 * (deleting is always applicable), nor is a write of a node absent both in the snapshot and at commit; so the
 * migration entry alone does not fence (a late "back home" delete would remove a newer migration). The fence is
 * {@code vm=X}, which exists for every VM an RPC writes for and which every committing attempt for X writes. Take an
 * attempt A whose commit got no answer and any later commit C for X (the retry of A, or a later RPC for X, which
 * starts only after A's RPC ended): C started after A was given up, so after A's snapshot, and C wrote
 * {@code vm=X}. If C commits first, A's write of {@code vm=X} no longer matches its snapshot and A fails. If A lands
 * first, C's does not match and C fails with a conflict and runs again from a snapshot that includes A. Either way
 * the stored intent is that of the last RPC, never the abandoned attempt's. A user's edit of {@code vm=X} fences the
 * same way.
 *
 * <p>A retry also first reads the entries an unanswered commit wrote: if they all hold what it wrote, it landed (or
 * the store holds the same by other means), and the RPC answers what that attempt would have answered, without a
 * new write; so complete-migration does not answer "no migration to complete" because its own first commit landed.
 */
public final class VmTransactionRunner {
    /** How long a read or a commit may take before the attempt runs again in a new transaction. */
    public static final Duration DATASTORE_BOUND = Duration.ofSeconds(8);
    /** How many attempts (the first and its retries) an RPC gets. */
    static final int ATTEMPTS = 5;
    /** How long an answer waits, after the commit, for the VMs' published states to show what was stored. */
    static final long PUBLISH_WAIT_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(VmTransactionRunner.class);

    private final DataBroker broker;
    private final BiFunction<String, Optional<Migration>, ListenableFuture<Void>> published;
    private final ScheduledExecutorService timer;
    private final Duration bound;
    private final int attempts;
    private final VmOrder order = new VmOrder();
    private final VmmMetrics metrics;

    /**
     * Creates the runner of the RPCs on this node.
     *
     * @param broker the data broker
     * @param published completes once a VM's migration state shows an intent (empty: no migration)
     * @param timer bounds the datastore's answers and the wait for publication
     */
    public VmTransactionRunner(final DataBroker broker,
            final BiFunction<String, Optional<Migration>, ListenableFuture<Void>> published,
            final ScheduledExecutorService timer) {
        this(broker, published, timer, new VmmMetrics("rpc"));
    }

    /**
     * Creates the runner of the RPCs on this node, counting its retries.
     *
     * @param broker the data broker
     * @param published completes once a VM's migration state shows an intent (empty: no migration)
     * @param timer bounds the datastore's answers and the wait for publication
     * @param metrics counts the attempts run again
     */
    public VmTransactionRunner(final DataBroker broker,
            final BiFunction<String, Optional<Migration>, ListenableFuture<Void>> published,
            final ScheduledExecutorService timer, final VmmMetrics metrics) {
        this(broker, published, timer, DATASTORE_BOUND, ATTEMPTS, metrics);
    }

    VmTransactionRunner(final DataBroker broker,
            final BiFunction<String, Optional<Migration>, ListenableFuture<Void>> published,
            final ScheduledExecutorService timer, final Duration bound, final int attempts) {
        this(broker, published, timer, bound, attempts, new VmmMetrics("rpc"));
    }

    private VmTransactionRunner(final DataBroker broker,
            final BiFunction<String, Optional<Migration>, ListenableFuture<Void>> published,
            final ScheduledExecutorService timer, final Duration bound, final int attempts,
            final VmmMetrics metrics) {
        this.metrics = requireNonNull(metrics);
        this.broker = requireNonNull(broker);
        this.published = requireNonNull(published);
        this.timer = requireNonNull(timer);
        this.bound = requireNonNull(bound);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        this.attempts = attempts;
    }

    /**
     * Runs an RPC's attempt for some VMs, after the earlier RPCs of these VMs, until it committed, found its commit
     * stored, decided not to write, or failed.
     *
     * @param vmIds the VMs whose entries the attempt writes
     * @param attempt the attempt
     * @param <T> the answer's type
     * @return the answer, or a failure: the last datastore failure (a {@link DatastoreTimeout}, a conflict, a
     *     refusal of the commit cohort) or an exception of the attempt
     */
    <T> ListenableFuture<T> run(final Collection<String> vmIds, final RpcAttempt<T> attempt) {
        final Set<String> vms = new TreeSet<>(vmIds);
        return order.submit(vms, () -> new Run<>(vms, attempt).next());
    }

    /**
     * Runs the RPCs' path for one VM up to their decision, writing nothing: in the VM's order, one attempt that reads
     * its entry (the fence) and its migration, then cancels the transaction. The warm-up runs it once while the
     * controller starts, so that the first RPC does not pay for the path's first run.
     *
     * @param vmId the VM (need not exist)
     * @return whether the VM's entry exists, once read
     */
    public ListenableFuture<Boolean> readOnly(final String vmId) {
        return run(List.of(vmId), tx -> {
            final ListenableFuture<Optional<Vm>> vm = tx.read(ConfigPaths.vm(vmId));
            final ListenableFuture<?> migration = tx.read(ConfigPaths.migration(vmId));
            return Futures.whenAllSucceed(vm, migration).call(
                () -> Outcome.nothingToWrite(Futures.getDone(vm).isPresent()), MoreExecutors.directExecutor());
        });
    }

    /**
     * How many VMs have an RPC queued or running.
     *
     * @return the number of VMs
     */
    int busyVms() {
        return order.busyVms();
    }

    /** An attempt whose commit got no answer: what it wrote and what it would have answered. */
    private record Unanswered<T>(int attempt, Map<DataObjectIdentifier<?>, Optional<DataObject>> writes,
            Outcome<T> outcome) {
    }

    /** One RPC's attempts, one after another. */
    private final class Run<T> {
        private final Set<String> vmIds;
        private final RpcAttempt<T> attempt;
        private final List<Unanswered<T>> unanswered = new ArrayList<>();
        private int number;

        Run(final Set<String> vmIds, final RpcAttempt<T> attempt) {
            this.vmIds = vmIds;
            this.attempt = attempt;
        }

        // an attempt that throws (a bug) must still have its transaction cancelled and the RPC answered
        @SuppressWarnings("checkstyle:IllegalCatch")
        ListenableFuture<T> next() {
            number++;
            final ReadWriteTransaction tx = broker.newReadWriteTransaction();
            final RpcTransaction rtx = new RpcTransaction(tx, this::bounded);
            ListenableFuture<T> answer;
            try {
                answer = Futures.transformAsync(fences(rtx), fences -> storedOrDecide(rtx, fences),
                    MoreExecutors.directExecutor());
            } catch (RuntimeException e) {
                answer = Futures.immediateFailedFuture(e);
            }
            return Futures.catchingAsync(answer, Exception.class, failure -> {
                // after a failed or unanswered commit this does nothing; before, it releases the transaction
                tx.cancel();
                return retryOrFail(failure);
            }, MoreExecutors.directExecutor());
        }

        /** Reads each VM's entry: the fence this attempt writes back if it commits. */
        private ListenableFuture<Map<String, Optional<Vm>>> fences(final RpcTransaction rtx) {
            final Map<String, ListenableFuture<Optional<Vm>>> reads = new LinkedHashMap<>();
            vmIds.forEach(vmId -> reads.put(vmId, rtx.read(ConfigPaths.vm(vmId))));
            return Futures.transform(Futures.allAsList(reads.values()), ignored -> {
                final Map<String, Optional<Vm>> fences = new LinkedHashMap<>();
                reads.forEach((vmId, read) -> fences.put(vmId, Futures.getUnchecked(read)));
                return fences;
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<T> storedOrDecide(final RpcTransaction rtx, final Map<String, Optional<Vm>> fences) {
            return Futures.transformAsync(stored(rtx), stored -> {
                if (stored != null) {
                    rtx.transaction().cancel();
                    LOG.info("VMs {}: the commit of attempt {} got no answer but is stored; answering it", vmIds,
                        stored.attempt());
                    return afterCommit(stored.outcome());
                }
                return Futures.transformAsync(attempt.run(rtx), outcome -> commit(rtx, fences, outcome),
                    MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        }

        /** The newest unanswered attempt whose writes all hold, or null. */
        private ListenableFuture<@Nullable Unanswered<T>> stored(final RpcTransaction rtx) {
            if (unanswered.isEmpty()) {
                return Futures.immediateFuture(null);
            }
            final Set<DataObjectIdentifier<?>> paths = new LinkedHashSet<>();
            unanswered.forEach(earlier -> paths.addAll(earlier.writes().keySet()));
            final Map<DataObjectIdentifier<?>, ListenableFuture<? extends Optional<? extends DataObject>>> reads =
                new LinkedHashMap<>();
            paths.forEach(path -> reads.put(path, rtx.read(path)));
            return Futures.transform(Futures.allAsList(reads.values()), ignored -> {
                for (Unanswered<T> earlier : unanswered.reversed()) {
                    if (earlier.writes().entrySet().stream().allMatch(write -> Objects.equals(
                            Futures.getUnchecked(reads.get(write.getKey())).orElse(null),
                            write.getValue().orElse(null)))) {
                        return earlier;
                    }
                }
                return null;
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<T> commit(final RpcTransaction rtx, final Map<String, Optional<Vm>> fences,
                final Outcome<T> outcome) {
            if (!outcome.commit()) {
                rtx.transaction().cancel();
                return Futures.immediateFuture(outcome.answer());
            }
            // the fence: this attempt writes vm=X of each of its VMs (see the class comment)
            fences.forEach((vmId, vm) -> {
                final DataObjectIdentifier<Vm> path = ConfigPaths.vm(vmId);
                if (vm.isPresent() && !rtx.writes(path)) {
                    rtx.put(path, vm.orElseThrow());
                }
            });
            final var committed = Futures.catchingAsync(bounded(rtx.transaction().commit(), "commit"),
                Exception.class, failure -> {
                    if (unknownOutcome(failure)) {
                        unanswered.add(new Unanswered<>(number, rtx.writes(), outcome));
                    }
                    return Futures.immediateFailedFuture(failure);
                }, MoreExecutors.directExecutor());
            return Futures.transformAsync(committed, info -> afterCommit(outcome), MoreExecutors.directExecutor());
        }

        private ListenableFuture<T> retryOrFail(final Exception failure) {
            final String refusal = validationMessage(failure);
            if (refusal != null) {
                if (number < attempts && attempt.retryWithout(refusal)) {
                    LOG.info("VMs {}: attempt {} refused ({}); trying again without what was refused", vmIds, number,
                        refusal);
                    metrics.datastoreRetry("refused-entry");
                    return next();
                }
                return Futures.immediateFailedFuture(failure);
            }
            final boolean retryable = unknownOutcome(failure) || isConflict(failure);
            if (retryable && number < attempts) {
                // a datastore that failed to serve is visible, even when the next attempt succeeds
                LOG.warn("VMs {}: attempt {} of {} failed ({}); trying again in a new transaction", vmIds, number,
                    attempts, describe(failure));
                LOG.debug("VMs {}: attempt {} failed", vmIds, number, failure);
                metrics.datastoreRetry(isConflict(failure) ? "conflict" : "no-answer");
                return next();
            }
            LOG.warn("VMs {}: attempt {} of {} failed; giving up", vmIds, number, attempts, failure);
            return Futures.immediateFailedFuture(failure);
        }

        private static String describe(final Throwable failure) {
            final Throwable root = Throwables.getRootCause(failure);
            return root == failure ? failure.toString() : failure + ", caused by " + root;
        }

        /** The operation's answer, or a {@link DatastoreTimeout} once the bound has passed. */
        private <V> ListenableFuture<V> bounded(final ListenableFuture<V> operation, final String what) {
            final SettableFuture<V> answer = SettableFuture.create();
            final int current = number;
            final ScheduledFuture<?> alarm = timer.schedule(() -> answer.setException(new DatastoreTimeout(what,
                "commit".equals(what), bound, current, attempts)), bound.toNanos(), TimeUnit.NANOSECONDS);
            operation.addListener(() -> {
                alarm.cancel(false);
                answer.setFuture(operation);
            }, MoreExecutors.directExecutor());
            return answer;
        }
    }

    /** The answer, once the VMs' published states show what was stored, or after {@value #PUBLISH_WAIT_MS} ms. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private <T> ListenableFuture<T> afterCommit(final Outcome<T> outcome) {
        if (outcome.published().isEmpty()) {
            return Futures.immediateFuture(outcome.answer());
        }
        final List<ListenableFuture<Void>> waits = new ArrayList<>();
        try {
            outcome.published().forEach((vmId, migration) -> waits.add(published.apply(vmId, migration)));
        } catch (RuntimeException e) {
            LOG.warn("Waiting for the published states of {} failed; answering without", outcome.published().keySet(),
                e);
            return Futures.immediateFuture(outcome.answer());
        }
        return Futures.catching(Futures.transform(Futures.withTimeout(Futures.successfulAsList(waits),
            PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS, timer), shown -> outcome.answer(), MoreExecutors.directExecutor()),
            Exception.class, failure -> {
                // stored: the state follows; the answer stands
                LOG.debug("The states of {} were not shown within {} ms", outcome.published().keySet(),
                    PUBLISH_WAIT_MS, failure);
                return outcome.answer();
            }, MoreExecutors.directExecutor());
    }

    /**
     * Whether a failure leaves the commit's outcome unknown: no answer within the bound, or a timeout inside the
     * datastore (a request or an ask that timed out). Such a commit may still land.
     */
    static boolean unknownOutcome(final Throwable failure) {
        return Throwables.getCausalChain(failure).stream().anyMatch(cause -> cause instanceof DatastoreTimeout
            || cause instanceof TimeoutException || cause.getClass().getSimpleName().endsWith("TimeoutException"));
    }

    static boolean isConflict(final Throwable failure) {
        return Throwables.getCausalChain(failure).stream().anyMatch(OptimisticLockFailedException.class::isInstance);
    }

    static @Nullable String validationMessage(final Throwable failure) {
        return Throwables.getCausalChain(failure).stream().filter(DataValidationFailedException.class::isInstance)
            .findFirst().map(Throwable::getMessage).orElse(null);
    }
}
