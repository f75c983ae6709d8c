/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.state.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's guard, after Erlang/OTP's supervisor: it owns the engine's two threads, and every task that runs on
 * them runs through {@link #run(EngineStep, Runnable)}. An exception that escapes a step is handed to the engine's
 * fault handler (which logs it with its stack, counts it, degrades the engine and schedules a full resync) instead of
 * vanishing into a future. Inside a task, {@link #step(EngineStep)} marks where a step starts: a fault is attributed
 * to the step marked last, and the test hook is called there (the engine's own bookkeeping, such as resetting its
 * flags, comes before the mark, so that a fault cannot leave a flag set).
 */
final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final ScheduledExecutorService engine;
    private final ScheduledExecutorService state;
    private final ListeningExecutorService background;
    private final ExecutorService flowBuilder;
    private final ExecutorService planHelpers;
    private final EngineStepHook hook;
    private final BiConsumer<EngineStep, Throwable> onFault;
    private final ThreadLocal<EngineStep> current = new ThreadLocal<>();

    /**
     * Creates the guard and its threads.
     *
     * @param hook called at the start of each step
     * @param onFault takes a step's unexpected failure (on the failing thread; must not throw)
     */
    Supervisor(final EngineStepHook hook, final BiConsumer<EngineStep, Throwable> onFault) {
        this.hook = requireNonNull(hook);
        this.onFault = requireNonNull(onFault);
        engine = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-reconciler").setDaemon(true).build());
        state = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-state").setDaemon(true).build());
        background = MoreExecutors.listeningDecorator(Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-audit").setDaemon(true).build()));
        flowBuilder = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-flow-builder").setDaemon(true).build());
        // the engine's thread plans too: with these, one switch per core
        planHelpers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
            new ThreadFactoryBuilder().setNameFormat("vmmobility-planner-%d").setDaemon(true).build());
    }

    /**
     * The threads that plan switches beside the engine's thread within one re-plan ({@link
     * org.opendaylight.vmmobility.impl.planner.IncrementalPlanner}): the engine's thread waits for what they took,
     * and plans itself what they have not taken. They read only the planner's index, which the engine's thread does
     * not change while it waits.
     *
     * @return the executor
     */
    Executor planHelpers() {
        return planHelpers;
    }

    /**
     * The thread that builds a chained flow write's transactions (converting each chunk's flows and writing them),
     * so that the engine's thread goes on with the burst's states and takes the write's answer when it comes. A task
     * refused once stopped fails its write's future, which the engine hears of like any failed write; one queued
     * before it stopped still runs and is refused by the closed write gate.
     *
     * @return the executor
     */
    Executor flowBuilder() {
        return flowBuilder;
    }

    /**
     * Computes something long off the engine's thread (the audit's plan from scratch of the whole intent, which at a
     * million VMs takes seconds): the engine goes on with its changes meanwhile. The work must read nothing the engine
     * thread changes; its result or failure is taken on the engine's thread through {@link #on(EngineStep)}.
     *
     * @param work the computation
     * @param <T> its result
     * @return its result, or a failure (also when the engine stopped)
     */
    <T> ListenableFuture<T> offEngine(final Callable<T> work) {
        try {
            return background.submit(work);
        } catch (RejectedExecutionException e) {
            return Futures.immediateFailedFuture(e);
        }
    }

    /**
     * Runs a task here and now, guarded; a fault is attributed to the step marked last in it, or to the given one.
     *
     * @param step the step
     * @param task its work
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    void run(final EngineStep step, final Runnable task) {
        final EngineStep outer = current.get();
        current.set(step);
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            final EngineStep failed = current.get();
            report(failed == null ? step : failed, e);
            if (e instanceof VirtualMachineError) {
                throw e;
            }
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    /**
     * Marks the step that runs now in the current task, and calls the hook.
     *
     * @param step the step
     */
    void step(final EngineStep step) {
        current.set(step);
        hook.before(step);
    }

    /**
     * Runs a step on the engine's thread.
     *
     * @param step the step
     * @param task its work
     */
    void execute(final EngineStep step, final Runnable task) {
        submit(engine, () -> run(step, task), step);
    }

    /**
     * Runs a step on the engine's thread later.
     *
     * @param step the step
     * @param task its work
     * @param delayMs the delay
     * @return its future, or null if the engine has stopped
     */
    @Nullable ScheduledFuture<?> schedule(final EngineStep step, final Runnable task, final long delayMs) {
        return scheduleOn(engine, () -> run(step, task), delayMs, step.name());
    }

    /**
     * Runs the engine's own bookkeeping (no step: the hook is not called) on the engine's thread later; a failure is
     * logged with its stack.
     *
     * @param what what it is, for the log
     * @param task the bookkeeping
     * @param delayMs the delay
     * @return its future, or null if the engine has stopped
     */
    @Nullable ScheduledFuture<?> scheduleInternal(final String what, final Runnable task, final long delayMs) {
        return scheduleOn(engine, () -> internal(what, task), delayMs, what);
    }

    /**
     * Runs the engine's own bookkeeping on the state thread later (used while stopping).
     *
     * @param what what it is, for the log
     * @param task the bookkeeping
     * @param delayMs the delay
     */
    void scheduleOnStateThread(final String what, final Runnable task, final long delayMs) {
        scheduleOn(state, () -> internal(what, task), delayMs, what);
    }

    /**
     * An executor for a step's callbacks (future completions) on the engine's thread.
     *
     * @param step the step
     * @return the guarded executor
     */
    Executor on(final EngineStep step) {
        return task -> execute(step, task);
    }

    /**
     * A scheduler for a step's work on the state thread (the state publisher's completions and retries).
     *
     * @param step the step
     * @return the guarded scheduler
     */
    TaskScheduler stateScheduler(final EngineStep step) {
        return new TaskScheduler() {
            @Override
            public void execute(final Runnable task) {
                submit(state, () -> run(step, task), step);
            }

            @Override
            public void schedule(final Runnable task, final long delayMs) {
                scheduleOn(state, () -> run(step, task), delayMs, step.name());
            }
        };
    }

    /**
     * Reports a failure that was caught elsewhere (a failed future) as a fault of a step.
     *
     * @param step the step
     * @param cause the failure
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    void report(final EngineStep step, final Throwable cause) {
        try {
            onFault.accept(step, cause);
        } catch (RuntimeException e) {
            LOG.error("The engine's fault handler failed on a fault of step {}", step, e);
            LOG.error("The fault it was handling", cause);
        }
    }

    /**
     * Stops the threads; tasks still queued are dropped, except the flow builder's (each is refused by the closed
     * write gate).
     */
    void shutdown() {
        engine.shutdownNow();
        state.shutdownNow();
        background.shutdownNow();
        // a plan they had not started is made by the engine's thread, or not at all once it stopped
        planHelpers.shutdownNow();
        // not dropped: a queued build meets the closed gate and fails its write's future (which closes the write's
        // transaction chain); a dropped one would leave both open for good
        flowBuilder.shutdown();
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void internal(final String what, final Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("The engine's {} failed", what, e);
        }
    }

    private static void submit(final ScheduledExecutorService executor, final Runnable task, final EngineStep step) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("The engine stopped: step {} not run", step, e);
        }
    }

    private static @Nullable ScheduledFuture<?> scheduleOn(final ScheduledExecutorService executor,
            final Runnable task, final long delayMs, final String what) {
        try {
            return executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("The engine stopped: {} not scheduled", what, e);
            return null;
        }
    }
}
