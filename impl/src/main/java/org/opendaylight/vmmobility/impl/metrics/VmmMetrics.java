/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Prometheus metrics: names with the {@code vmm_} prefix, seconds in {@code _seconds}, counters in
 * {@code _total}, every label bounded (RPC names, reasons, steps and phases are fixed sets; switches are capped at
 * {@value #MAX_SWITCHES}). What the engine measures shows on the node that runs it; the migrations by phase, the RPCs
 * and the JVM on every node. Thread-safe: the engine, the RPCs and the scrapes call it from their own threads.
 */
public final class VmmMetrics {
    /** The RPCs, as the rpc label names them. */
    public static final List<String> RPCS = List.of("notify-migration", "notify-migrations", "complete-migration",
        "cut-over");
    /** The engine's steps, as the step label names them. */
    public static final List<String> STEPS = List.of("baseline", "plan", "convert", "write", "confirm", "probe",
        "publish", "notify", "audit");
    /** What came of a packet of an announcement flow, as the outcome label names it. */
    public static final List<String> ANNOUNCEMENT_OUTCOMES = List.of("migrated", "returned-home", "refused",
        "unchanged", "rate-limited", "untrusted", "ignored", "failed");

    /** At most this many switches get their own flow series; the others are left out (logged once). */
    public static final int MAX_SWITCHES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(VmmMetrics.class);
    /** Notify to active and flow-write latencies: 5 ms to 60 s. */
    private static final double[] LATENCY_BOUNDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    };
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final String node;
    private final Histogram activation;
    private final Gauge flowsPlanned;
    private final Gauge flowsConfirmed;
    private final Set<String> switchSeries = ConcurrentHashMap.newKeySet();
    private final Histogram flowWrite;
    private final Counter flowWrites;
    private final Counter flowResends;
    private final Counter staleFlowRemovals;
    private final Counter rpcCalls;
    private final Counter rpcRefusals;
    private final Counter rpcFailures;
    private final Counter datastoreRetries;
    private final Counter engineFaults;
    private final Counter engineResyncs;
    private final Counter engineDegradedEvents;
    private final Counter announcements;
    private final Gauge engineDegraded;
    private final Gauge engineRunning;
    private volatile boolean switchCapLogged;

    /**
     * Creates the metrics of a node, in a registry of their own (without the JVM's).
     *
     * @param node this node's name (the label of {@code vmm_engine_running})
     */
    public VmmMetrics(final String node) {
        this.node = requireNonNull(node);
        activation = Histogram.builder().name("vmm_migration_activation_seconds")
            .help("From the engine taking a migration's notify (the stored intent) to every flow of its translation "
                + "confirmed on the switches (active); one observation per announced activation")
            .classicOnly().classicUpperBounds(LATENCY_BOUNDS).register(registry);
        flowsPlanned = Gauge.builder().name("vmm_flows_planned")
            .help("Flows the engine plans on a switch, at its last confirmation").labelNames("switch")
            .register(registry);
        flowsConfirmed = Gauge.builder().name("vmm_flows_confirmed")
            .help("Planned flows the switch showed with their planned content, at its last confirmation")
            .labelNames("switch").register(registry);
        flowWrite = Histogram.builder().name("vmm_flow_write_seconds")
            .help("How long a flow write (the difference for some switches, into the config datastore) took")
            .classicOnly().classicUpperBounds(LATENCY_BOUNDS).register(registry);
        flowWrites = Counter.builder().name("vmm_flow_writes")
            .help("Flow writes by result: ok, failed, unanswered (fenced after its bound)").labelNames("result")
            .register(registry);
        flowResends = Counter.builder().name("vmm_flow_resends")
            .help("Flows sent to a switch again because it did not show them").register(registry);
        staleFlowRemovals = Counter.builder().name("vmm_stale_flow_removals")
            .help("Removals sent to a switch that still held a flow of ours the plan had dropped").register(registry);
        rpcCalls = Counter.builder().name("vmm_rpc_calls")
            .help("RPC calls answered on this node, by RPC and outcome (ok, refused, failed)")
            .labelNames("rpc", "outcome").register(registry);
        rpcRefusals = Counter.builder().name("vmm_rpc_refusals")
            .help("Refused RPC calls (invalid-value), by RPC and reason: invalid-input (the input is malformed), "
                + "unknown-vm, rule (the intent would break a rule), entry (an entry of notify-migrations refused)")
            .labelNames("rpc", "reason").register(registry);
        rpcFailures = Counter.builder().name("vmm_rpc_failures")
            .help("RPC calls that failed to store (operation-failed), by RPC").labelNames("rpc").register(registry);
        datastoreRetries = Counter.builder().name("vmm_datastore_retries")
            .help("RPC attempts run again in a new transaction, by cause: conflict, no-answer, refused-entry")
            .labelNames("cause").register(registry);
        engineFaults = Counter.builder().name("vmm_engine_faults")
            .help("Engine faults on this node, by the step that failed").labelNames("step").register(registry);
        engineResyncs = Counter.builder().name("vmm_engine_resyncs")
            .help("Full resyncs the engine completed on this node").register(registry);
        engineDegradedEvents = Counter.builder().name("vmm_engine_degraded_events")
            .help("Times the engine went from ok to degraded on this node").register(registry);
        announcements = Counter.builder().name("vmm_announcements")
            .help("Packets the announcement flows sent to this node, by what came of them: migrated, returned-home, "
                + "refused (the checks of notify-migration), unchanged (already there), rate-limited, untrusted (not "
                + "from the VM's interface or not its MAC), ignored (no gratuitous ARP), failed (not stored)")
            .labelNames("outcome").register(registry);
        engineDegraded = Gauge.builder().name("vmm_engine_degraded")
            .help("1 while the engine on this node is degraded (resyncing after a fault), else 0").register(registry);
        engineRunning = Gauge.builder().name("vmm_engine_running")
            .help("1 on the node that runs the engine (the cluster singleton), 0 on the others")
            .labelNames("node").register(registry);
        engineRunning.labelValues(node).set(0);
        engineDegraded.set(0);
        // every series of a fixed label set exists from the start (0), so that rate() and increase() see the first
        for (String rpc : RPCS) {
            for (RpcOutcome outcome : RpcOutcome.values()) {
                rpcCalls.initLabelValues(rpc, outcome.label());
                if (outcome != RpcOutcome.OK && outcome != RpcOutcome.FAILED) {
                    rpcRefusals.initLabelValues(rpc, outcome.reason());
                }
            }
            rpcFailures.initLabelValues(rpc);
        }
        rpcRefusals.initLabelValues("notify-migrations", "entry");
        List.of("conflict", "no-answer", "refused-entry").forEach(datastoreRetries::initLabelValues);
        List.of("ok", "failed", "unanswered").forEach(flowWrites::initLabelValues);
        STEPS.forEach(engineFaults::initLabelValues);
        ANNOUNCEMENT_OUTCOMES.forEach(announcements::initLabelValues);
    }

    /**
     * Creates the metrics of a node with the JVM's (memory, GC, threads, class loading, process).
     *
     * @param node this node's name
     * @return the metrics
     */
    public static VmmMetrics withJvm(final String node) {
        final VmmMetrics metrics = new VmmMetrics(node);
        JvmMetrics.builder().register(metrics.registry);
        return metrics;
    }

    /**
     * The registry to scrape.
     *
     * @return the registry
     */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Shows the migrations by phase, counted when scraped.
     *
     * @param byPhase the count of each phase (pending, active, failed)
     */
    public void migrationsByPhase(final Supplier<Map<String, Integer>> byPhase) {
        GaugeWithCallback.builder().name("vmm_migrations")
            .help("Migrations by phase (pending, active, failed), as the engine published them")
            .labelNames("phase")
            .callback(callback -> byPhase.get().forEach((phase, count) -> callback.call(count, phase)))
            .register(registry);
    }

    /**
     * A migration became active.
     *
     * @param nanos since the engine took its notify
     */
    public void activated(final long nanos) {
        activation.observe(nanos / NANOS_PER_SECOND);
    }

    /**
     * A switch's flows at its confirmation.
     *
     * @param switchId the switch
     * @param planned the flows planned on it
     * @param confirmed how many of them it showed
     */
    public void switchFlows(final String switchId, final int planned, final int confirmed) {
        if (!switchSeries.contains(switchId)) {
            if (switchSeries.size() >= MAX_SWITCHES) {
                if (!switchCapLogged) {
                    switchCapLogged = true;
                    LOG.warn("More than {} switches: the flows of {} and later switches are not in the metrics",
                        MAX_SWITCHES, switchId);
                }
                return;
            }
            switchSeries.add(switchId);
        }
        flowsPlanned.labelValues(switchId).set(planned);
        flowsConfirmed.labelValues(switchId).set(confirmed);
    }

    /**
     * A switch left: its flow series go.
     *
     * @param switchId the switch
     */
    public void switchGone(final String switchId) {
        if (switchSeries.remove(switchId)) {
            flowsPlanned.remove(switchId);
            flowsConfirmed.remove(switchId);
        }
    }

    /**
     * A flow write succeeded.
     *
     * @param nanos how long it took
     */
    public void flowWritten(final long nanos) {
        flowWrite.observe(nanos / NANOS_PER_SECOND);
        flowWrites.labelValues("ok").inc();
    }

    /**
     * A flow write failed or went unanswered.
     *
     * @param unanswered true if it went unanswered past its bound (fenced), false if it failed
     */
    public void flowWriteFailed(final boolean unanswered) {
        flowWrites.labelValues(unanswered ? "unanswered" : "failed").inc();
    }

    /**
     * Flows were sent to a switch again.
     *
     * @param flows how many
     */
    public void flowsResent(final int flows) {
        flowResends.inc(flows);
    }

    /**
     * A flow the plan had dropped was removed from a switch that still held it.
     */
    public void staleFlowRemoved() {
        staleFlowRemovals.inc();
    }

    /**
     * An RPC was answered.
     *
     * @param rpc the RPC's name
     * @param outcome how
     */
    public void rpcAnswered(final String rpc, final RpcOutcome outcome) {
        rpcCalls.labelValues(rpc, outcome.label()).inc();
        switch (outcome) {
            case OK -> { }
            case FAILED -> rpcFailures.labelValues(rpc).inc();
            default -> rpcRefusals.labelValues(rpc, outcome.reason()).inc();
        }
    }

    /**
     * Entries of a batch RPC were refused (the call itself succeeded).
     *
     * @param rpc the RPC's name
     * @param entries how many entries
     */
    public void entriesRefused(final String rpc, final int entries) {
        rpcRefusals.labelValues(rpc, "entry").inc(entries);
    }

    /**
     * A packet of an announcement flow was handled.
     *
     * @param outcome one of {@link #ANNOUNCEMENT_OUTCOMES}
     */
    public void announcement(final String outcome) {
        announcements.labelValues(outcome).inc();
    }

    /**
     * An RPC's attempt runs again in a new transaction.
     *
     * @param cause conflict, no-answer or refused-entry
     */
    public void datastoreRetry(final String cause) {
        datastoreRetries.labelValues(cause).inc();
    }

    /**
     * The engine had a fault.
     *
     * @param step the step that failed, lower case
     * @param wasDegraded whether the engine was degraded before
     */
    public void engineFault(final String step, final boolean wasDegraded) {
        engineFaults.labelValues(step).inc();
        if (!wasDegraded) {
            engineDegradedEvents.inc();
        }
        engineDegraded.set(1);
    }

    /**
     * The engine completed a resync: it is ok again.
     */
    public void engineResynced() {
        engineResyncs.inc();
        engineDegraded.set(0);
    }

    /**
     * The engine started or stopped on this node.
     *
     * @param running true when it runs here
     */
    public void engineRunning(final boolean running) {
        engineRunning.labelValues(node).set(running ? 1 : 0);
        if (!running) {
            engineDegraded.set(0);
        }
    }
}
