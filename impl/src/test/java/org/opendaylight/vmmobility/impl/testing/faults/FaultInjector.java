/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.SettableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.OptimisticLockFailedException;
import org.opendaylight.mdsal.common.api.ReadFailedException;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.vmmobility.impl.reconcile.EngineStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for every datastore call, whether and how it fails, from the run's seed alone: the n-th call at a call
 * site (say the 3rd commit of a write-only transaction that touched the configuration) gets the same decision in
 * every replay of the seed, whatever the threads interleave. Counts every injected fault by kind; {@link #heal()}
 * switches the faults off and answers every call held until then.
 */
public final class FaultInjector implements AutoCloseable {
    /** What a kind of call can suffer, with weights. */
    enum Call {
        NEW(Map.of(FaultKind.THROW, 1)),
        /** A step of the engine (plan, convert, confirm, ...) throws: a bug in the planner or the converter. */
        STEP(Map.of(FaultKind.THROW, 1)),
        WRITE(Map.of(FaultKind.THROW, 1)),
        READ(Map.of(FaultKind.THROW, 2, FaultKind.READ_FAILED, 4, FaultKind.HANG, 2, FaultKind.HANG_FOREVER, 1)),
        COMMIT(Map.of(FaultKind.THROW, 1, FaultKind.COMMIT_FAILED, 3, FaultKind.COMMIT_CONFLICT, 3,
            FaultKind.COMMIT_TIMEOUT, 2, FaultKind.LANDS_AFTER_FAILURE, 2, FaultKind.HANG, 2,
            FaultKind.HANG_FOREVER, 1, FaultKind.LATE_COMMIT, 3));

        private final List<FaultKind> kinds = new ArrayList<>();
        private final int[] weights;
        private final int total;

        Call(final Map<FaultKind, Integer> weighted) {
            final var sorted = new EnumMap<FaultKind, Integer>(weighted);
            weights = new int[sorted.size()];
            int sum = 0;
            int index = 0;
            for (var entry : sorted.entrySet()) {
                kinds.add(entry.getKey());
                sum += entry.getValue();
                weights[index++] = sum;
            }
            total = sum;
        }

        FaultKind pick(final SplittableRandom random) {
            final int draw = random.nextInt(total);
            for (int i = 0; i < weights.length; i++) {
                if (draw < weights[i]) {
                    return kinds.get(i);
                }
            }
            throw new IllegalStateException("unreachable");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    private static final String APPLICATION = "org.opendaylight.vmmobility.impl.";
    /** The longest delay of a late commit, in ms. */
    static final int MAX_LATE_MS = 400;

    private final long seed;
    private final double rate;
    private final int budget;
    private final Map<String, Integer> calls = new HashMap<>();
    private final EnumMap<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
    private final List<InjectedFault> injected = new ArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile boolean active = true;
    private volatile boolean armed;

    /**
     * Creates an injector.
     *
     * @param seed the run's seed
     * @param rate the probability that a read or commit fails (creating a transaction: a quarter of it, a
     *     put/merge/delete: a twentieth)
     * @param budget the most faults it injects
     */
    public FaultInjector(final long seed, final double rate, final int budget) {
        this.seed = seed;
        this.rate = rate;
        this.budget = budget;
        timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("faults-" + seed).setDaemon(true).build());
    }

    /**
     * The run's seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Starts injecting (nothing is injected before).
     */
    public void arm() {
        armed = true;
    }

    /**
     * Whether faults are still injected.
     *
     * @return true until {@link #heal()}
     */
    public boolean active() {
        return active;
    }

    /**
     * Switches the faults off: from now on every call is faithful, and every call held so far is answered (a held
     * commit is applied now). Calls that hang for ever stay unanswered.
     */
    public void heal() {
        final List<Runnable> release;
        synchronized (this) {
            active = false;
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    /**
     * The faults injected so far, by kind.
     *
     * @return the counts
     */
    public synchronized Map<FaultKind, Integer> counts() {
        return new EnumMap<>(counts);
    }

    /**
     * The faults injected so far.
     *
     * @return them, in order
     */
    public synchronized List<InjectedFault> injected() {
        return List.copyOf(injected);
    }

    private synchronized @Nullable Decision decide(final Call call, final String site) {
        if (!armed || !active || injected.size() >= budget) {
            return null;
        }
        final int n = calls.merge(site, 1, Integer::sum);
        final var random = new SplittableRandom(seed ^ site.hashCode() * 0x9E3779B97F4A7C15L
            ^ n * 0xC2B2AE3D27D4EB4FL);
        final double probability = switch (call) {
            case NEW -> rate / 4;
            case WRITE -> rate / 20;
            // steps run often (a conversion per flow): rarely, or they would take the whole budget
            case STEP -> rate / 50;
            default -> rate;
        };
        if (random.nextDouble() >= probability) {
            return null;
        }
        final FaultKind kind = call.pick(random);
        final var fault = new InjectedFault(seed, injected.size() + 1, kind, site, caller());
        injected.add(fault);
        counts.merge(kind, 1, Integer::sum);
        return new Decision(fault, 1 + random.nextInt(MAX_LATE_MS));
    }

    /** The application's frames (not the test's, not the libraries') of the current call, innermost first. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
            .filter(frame -> frame.getClassName().startsWith(APPLICATION)
                && !frame.getClassName().startsWith(FaultInjector.class.getPackageName()))
            .limit(4)
            .map(frame -> frame.getClassName().substring(APPLICATION.length()) + "." + frame.getMethodName() + ":"
                + frame.getLineNumber())
            .collect(Collectors.joining(" < ")));
    }

    private record Decision(InjectedFault fault, int delayMs) {
        String tag() {
            return fault.tag();
        }
    }

    /**
     * Maybe throws, before creating a transaction or a put/merge/delete.
     *
     * @param call {@link Call#NEW} or {@link Call#WRITE}
     * @param site the call site
     */
    void call(final Call call, final String site) {
        final Decision decision = decide(call, site);
        if (decision != null) {
            throw new InjectedFaultException(decision.tag());
        }
    }

    /**
     * Maybe throws at the start of an engine step (the engine's test hook): exceptions from the planner, the
     * converter and the engine's other steps.
     *
     * @param step the step
     */
    public void step(final EngineStep step) {
        call(Call.STEP, "step." + step.name().toLowerCase(Locale.ROOT));
    }

    /**
     * A read or exists, maybe faulty.
     *
     * @param site the call site
     * @param real does the real read
     * @param <T> the result
     * @return the answer
     */
    <T> FluentFuture<T> read(final String site, final Supplier<FluentFuture<T>> real) {
        final Decision decision = decide(Call.READ, site);
        if (decision == null) {
            return real.get();
        }
        return switch (decision.fault.kind()) {
            case THROW -> throw new InjectedFaultException(decision.tag());
            case READ_FAILED -> FluentFuture.from(com.google.common.util.concurrent.Futures.immediateFailedFuture(
                new ReadFailedException(decision.tag())));
            case HANG -> {
                final FluentFuture<T> answer = real.get();
                final SettableFuture<T> later = SettableFuture.create();
                holdOrRun(() -> later.setFuture(answer));
                yield FluentFuture.from(later);
            }
            case HANG_FOREVER -> FluentFuture.from(SettableFuture.create());
            default -> throw new IllegalStateException("not a read fault: " + decision.fault);
        };
    }

    /**
     * A commit, maybe faulty.
     *
     * @param site the call site
     * @param real does the real commit
     * @param cancel cancels the real transaction (a commit that is never applied)
     * @return the answer
     */
    FluentFuture<? extends CommitInfo> commit(final String site,
            final Supplier<FluentFuture<? extends CommitInfo>> real, final Runnable cancel) {
        final Decision decision = decide(Call.COMMIT, site);
        if (decision == null) {
            return real.get();
        }
        final String tag = decision.tag();
        switch (decision.fault.kind()) {
            case THROW:
                throw new InjectedFaultException(tag);
            case COMMIT_FAILED:
                cancel.run();
                return failed(new TransactionCommitFailedException(tag));
            case COMMIT_CONFLICT:
                cancel.run();
                return failed(new OptimisticLockFailedException(tag));
            case COMMIT_TIMEOUT:
                cancel.run();
                return failed(new TransactionCommitFailedException(tag, new TimeoutException(tag)));
            case LANDS_AFTER_FAILURE:
                timer.schedule(() -> land(real, SettableFuture.create(), tag), decision.delayMs,
                    TimeUnit.MILLISECONDS);
                return failed(new TransactionCommitFailedException(tag, new TimeoutException(tag)));
            case HANG: {
                final SettableFuture<CommitInfo> later = SettableFuture.create();
                holdOrRun(() -> land(real, later, tag));
                return FluentFuture.from(later);
            }
            case HANG_FOREVER:
                cancel.run();
                return FluentFuture.from(SettableFuture.create());
            case LATE_COMMIT: {
                final SettableFuture<CommitInfo> later = SettableFuture.create();
                timer.schedule(() -> land(real, later, tag), decision.delayMs, TimeUnit.MILLISECONDS);
                return FluentFuture.from(later);
            }
            default:
                throw new IllegalStateException("not a commit fault: " + decision.fault);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void land(final Supplier<FluentFuture<? extends CommitInfo>> real,
            final SettableFuture<CommitInfo> answer, final String tag) {
        try {
            answer.setFuture(real.get());
        } catch (RuntimeException e) {
            // the caller sees it (or, for an abandoned attempt, nobody waits): INFO, not a trace of the engine's
            LOG.info("The delayed commit of {} threw", tag, e);
            answer.setException(e);
        }
    }

    private void holdOrRun(final Runnable release) {
        synchronized (this) {
            if (active) {
                held.add(release);
                return;
            }
        }
        release.run();
    }

    private static FluentFuture<CommitInfo> failed(final Exception cause) {
        return FluentFuture.from(com.google.common.util.concurrent.Futures.immediateFailedFuture(cause));
    }

    @Override
    public void close() {
        // delayed commits still land: they were sent
        timer.shutdown();
    }
}
