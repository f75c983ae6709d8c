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
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.state.MigrationTracker.ProbeResult;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a flow of ours that a connected switch still holds long after the plan dropped it. FRM sends a deletion from
 * the config inventory only from the switch's master, and only once: a deletion that lands while the switch changes
 * master (its old master died, no survivor masters it yet) never reaches the switch, and the new master's
 * reconciliation adds the config's flows, it deletes nothing. Such a flow would stay on the switch forever: a
 * translation nobody plans. The probes show it (a cookie of ours that no planned flow of that switch carries); once
 * it has been seen for {@link #GRACE_MS} (FRM deletes in milliseconds, a burst of thousands within seconds) it is
 * removed through openflowplugin's remove-flow RPC, by its cookie, and removed again with a backoff while the switch
 * still shows it. Called from the reconciler's thread; the RPC answers only log.
 */
final class StaleFlowSweeper {
    /** How long a flow the plan does not have may stay on a switch before it is removed. */
    static final long GRACE_MS = 10_000;
    private static final long MAX_BACKOFF_MS = 300_000;
    private static final Logger LOG = LoggerFactory.getLogger(StaleFlowSweeper.class);

    private final FlowPusher pusher;
    private final VmmMetrics metrics;
    /** Per switch, per stale cookie: when to remove it (again). */
    private final Map<String, Map<Long, Attempt>> stale = new HashMap<>();

    private record Attempt(long dueNanos, long backoffMs, long firstSeenNanos) {
    }

    StaleFlowSweeper(final FlowPusher pusher, final VmmMetrics metrics) {
        this.pusher = requireNonNull(pusher);
        this.metrics = requireNonNull(metrics);
    }

    /**
     * Looks at what the switches answered and removes what has stayed unplanned too long.
     *
     * @param plan the plan in force, per switch
     * @param results what each probed switch holds (switches not probed this time keep their record)
     * @param held per switch, how many of its planned flows it holds ({@link FlowRetrier#probed}): a switch whose
     *     every flow of ours is planned needs no walk of its plan (cookies are unique per switch, as the probe's map
     *     already assumes)
     * @param connected the switches connected now (a switch that left is forgotten)
     * @param now the time, {@link System#nanoTime()}
     */
    void probed(final Function<String, Map<String, PlannedFlow>> plan, final Map<String, ProbeResult> results,
            final Map<String, Integer> held, final Set<String> connected, final long now) {
        stale.keySet().retainAll(connected);
        results.forEach((node, result) -> {
            final var flows = result.flows();
            if (flows.isEmpty()) {
                return;
            }
            if (flows.orElseThrow().size() == held.getOrDefault(node, -1)) {
                // nothing of ours there that the plan lacks
                stale.remove(node);
                return;
            }
            final Set<Long> planned = new HashSet<>();
            plan.apply(node).values().forEach(flow -> planned.add(flow.cookie()));
            final Map<Long, Attempt> seen = stale.computeIfAbsent(node, key -> new HashMap<>());
            seen.keySet().retainAll(flows.orElseThrow().keySet());
            seen.keySet().removeAll(planned);
            for (long cookie : flows.orElseThrow().keySet()) {
                if (planned.contains(cookie)) {
                    continue;
                }
                final Attempt attempt = seen.computeIfAbsent(cookie, key -> new Attempt(
                    now + TimeUnit.MILLISECONDS.toNanos(GRACE_MS), GRACE_MS, now));
                if (now - attempt.dueNanos >= 0) {
                    final long backoffMs = Math.min(attempt.backoffMs * 2, MAX_BACKOFF_MS);
                    seen.put(cookie, new Attempt(now + TimeUnit.MILLISECONDS.toNanos(backoffMs), backoffMs,
                        attempt.firstSeenNanos));
                    remove(node, cookie, TimeUnit.NANOSECONDS.toMillis(now - attempt.firstSeenNanos));
                }
            }
            if (seen.isEmpty()) {
                stale.remove(node);
            }
        });
    }

    /**
     * The stale flows being followed, per switch (for tests and diagnosis).
     *
     * @return cookies per switch
     */
    Map<String, Set<Long>> followed() {
        final Map<String, Set<Long>> out = new HashMap<>();
        stale.forEach((node, cookies) -> out.put(node, Set.copyOf(cookies.keySet())));
        return out;
    }

    private void remove(final String node, final long cookie, final long seenForMs) {
        LOG.warn("Switch {} still holds flow cookie 0x{} {} ms after the plan dropped it (a deletion FRM never sent):"
            + " removing it", node, Long.toHexString(cookie), seenForMs);
        metrics.staleFlowRemoved();
        Futures.addCallback(pusher.removeByCookie(node, cookie), new FutureCallback<Optional<String>>() {
            @Override
            public void onSuccess(final Optional<String> error) {
                error.ifPresent(reason -> LOG.warn("Switch {} refused to remove flow cookie 0x{}: {}", node,
                    Long.toHexString(cookie), reason));
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Removing flow cookie 0x{} from switch {} failed", Long.toHexString(cookie), node, cause);
            }
        }, MoreExecutors.directExecutor());
    }
}
