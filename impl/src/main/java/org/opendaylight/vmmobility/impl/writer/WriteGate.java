/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The one door through which an engine touches the datastores and the notification service, for fencing.
 *
 * <p>Closed by {@code stop()}: from then on nothing starts (no transaction, no commit, no notification); a write
 * that was being submitted at that moment finishes submitting first (the check and the submission are atomic
 * against {@link #close()}). Fenced by a write that went unanswered for too long: the generation moves on, and the
 * rest of the fenced write (its later transactions) never starts, nor does its bookkeeping count.
 */
public final class WriteGate {
    /** Passes whatever the generation. */
    public static final long ANY_GENERATION = -1;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;
    private long generation;

    /**
     * Runs a submission unless the gate is closed or, for a generation other than {@link #ANY_GENERATION}, the
     * generation moved on.
     *
     * @param <T> the result
     * @param writeGeneration the generation the submission belongs to
     * @param submission starts the write and returns its future
     * @return its future, or a failed one ({@link CancellationException}) if it was not started
     */
    public <T> FluentFuture<T> submit(final long writeGeneration, final Supplier<FluentFuture<T>> submission) {
        lock.readLock().lock();
        try {
            if (closed) {
                return FluentFuture.from(Futures.immediateFailedFuture(new CancellationException(
                    "the engine stopped: write not started")));
            }
            if (writeGeneration != ANY_GENERATION && writeGeneration != generation) {
                return FluentFuture.from(Futures.immediateFailedFuture(new CancellationException(
                    "write generation " + writeGeneration + " was fenced (now " + generation + "): not started")));
            }
            return submission.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs an action unless the gate is closed.
     *
     * @param action the action (a notification, say)
     * @return true if it ran
     */
    public boolean ifOpen(final Runnable action) {
        lock.readLock().lock();
        try {
            if (closed) {
                return false;
            }
            action.run();
            return true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The generation of the writes that may start now.
     *
     * @return the generation
     */
    public long generation() {
        lock.readLock().lock();
        try {
            return generation;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Fences every write of the current generation: their transactions not yet started never start.
     *
     * @return the new generation
     */
    public long fence() {
        lock.writeLock().lock();
        try {
            return ++generation;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Closes the gate for good; returns once no submission is under way.
     */
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            generation++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Tells whether the gate is open.
     *
     * @return true until {@link #close()}
     */
    public boolean isOpen() {
        lock.readLock().lock();
        try {
            return !closed;
        } finally {
            lock.readLock().unlock();
        }
    }
}
