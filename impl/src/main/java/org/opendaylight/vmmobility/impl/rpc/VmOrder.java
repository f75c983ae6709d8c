/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import com.google.common.util.concurrent.AsyncCallable;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs tasks one VM at a time: a task for some VMs starts once every earlier task for any of them has ended, in the
 * order the tasks arrived; tasks for other VMs run in parallel. Nothing blocks: a task waiting for its turn is a
 * callback on the end of the one before it. A task for several VMs (a batch) waits for all of them; since every task
 * takes its place behind all its VMs at once, under one lock, a task only ever waits for earlier tasks and the waits
 * cannot form a cycle.
 *
 * <p>Only the VMs with a task queued or running have an entry (the last task of each), so the map does not grow with
 * the VMs ever seen.
 */
final class VmOrder {
    private final Map<String, ListenableFuture<?>> last = new HashMap<>();

    /**
     * Queues a task behind the earlier tasks of its VMs.
     *
     * @param vmIds the VMs the task reads or writes
     * @param task the task; it must end (every datastore step of the runner is bounded)
     * @param <T> what the task answers
     * @return the task's answer; cancelling it does not cancel the task nor let the next task of its VMs start early
     */
    <T> ListenableFuture<T> submit(final Collection<String> vmIds, final AsyncCallable<T> task) {
        final Set<String> vms = Set.copyOf(vmIds);
        final SettableFuture<Void> ended = SettableFuture.create();
        final List<ListenableFuture<?>> before = new ArrayList<>();
        synchronized (this) {
            for (String vmId : vms) {
                final ListenableFuture<?> previous = last.put(vmId, ended);
                if (previous != null) {
                    before.add(previous);
                }
            }
        }
        final ListenableFuture<T> result = Futures.whenAllComplete(before).callAsync(task,
            MoreExecutors.directExecutor());
        result.addListener(() -> {
            synchronized (this) {
                vms.forEach(vmId -> last.remove(vmId, ended));
            }
            ended.set(null);
        }, MoreExecutors.directExecutor());
        return Futures.nonCancellationPropagating(result);
    }

    /**
     * How many VMs have a task queued or running.
     *
     * @return the number of VMs
     */
    synchronized int busyVms() {
        return last.size();
    }
}
