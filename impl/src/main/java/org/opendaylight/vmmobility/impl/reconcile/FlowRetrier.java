/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.state.MigrationTracker.ProbeResult;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries flows that a connected switch still lacks a while after they were written (FRM pushes each flow once),
 * with a backoff from 1 s to 30 s, and remembers the switch's reason for refusing them. Called from the
 * reconciler's thread; the RPC answers arrive on other threads, hence the concurrent map.
 */
final class FlowRetrier {
    private static final Logger LOG = LoggerFactory.getLogger(FlowRetrier.class);
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final FlowPusher pusher;
    private final VmmMetrics metrics;
    private final Map<String, Map<String, Attempt>> missing = new HashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    FlowRetrier(final FlowPusher pusher, final VmmMetrics metrics) {
        this.pusher = requireNonNull(pusher);
        this.metrics = requireNonNull(metrics);
    }

    /**
     * Looks at what the switches answered and re-pushes what is overdue.
     *
     * @param plan the plan in force
     * @param results what each switch holds
     * @param now the time, {@link System#nanoTime()}
     * @return per switch that answered, how many of its planned flows it holds
     */
    Map<String, Integer> probed(final Function<String, Map<String, PlannedFlow>> plan,
            final Map<String, ProbeResult> results, final long now) {
        final Map<String, Integer> held = new HashMap<>();
        missing.keySet().retainAll(results.keySet());
        refusals.keySet().retainAll(results.keySet());
        results.forEach((node, result) -> {
            final var flows = result.flows();
            if (flows.isEmpty()) {
                return;
            }
            final var present = flows.orElseThrow().keySet();
            final var planned = plan.apply(node);
            final var lacking = missing.computeIfAbsent(node, key -> new HashMap<>());
            lacking.keySet().removeIf(id -> !planned.containsKey(id) || present.contains(planned.get(id).cookie()));
            if (lacking.isEmpty()) {
                refusals.remove(node);
            }
            final int[] confirmed = {0};
            planned.forEach((id, flow) -> {
                if (present.contains(flow.cookie())) {
                    confirmed[0]++;
                    return;
                }
                final var attempt = lacking.computeIfAbsent(id, key -> new Attempt(now + GRACE_NANOS, GRACE_NANOS));
                if (now - attempt.due >= 0) {
                    lacking.put(id, new Attempt(now + attempt.backoff, Math.min(attempt.backoff * 2,
                        MAX_BACKOFF_NANOS)));
                    LOG.info("Switch {} lacks flow {}: pushing it again", node, id);
                    metrics.flowsResent(1);
                    Futures.addCallback(pusher.push(node, FlowConverter.toFlow(node, flow)), new FutureCallback<>() {
                        @Override
                        public void onSuccess(final Optional<String> error) {
                            error.ifPresent(reason -> refusals.put(node, "refused flow " + id + ": " + reason));
                        }

                        @Override
                        public void onFailure(final Throwable cause) {
                            refusals.put(node, "refused flow " + id + ": " + cause.getMessage());
                        }
                    }, MoreExecutors.directExecutor());
                }
            });
            metrics.switchFlows(node, planned.size(), confirmed[0]);
            held.put(node, confirmed[0]);
        });
        return held;
    }

    /**
     * The switches that refused a flow, with the reason.
     *
     * @return reasons by switch
     */
    Map<String, String> refusals() {
        return Map.copyOf(refusals);
    }

    private record Attempt(long due, long backoff) {
    }
}
