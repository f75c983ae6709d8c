/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl;

import com.google.common.collect.Lists;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.vmmobility.impl.announce.AnnouncementListener;
import org.opendaylight.vmmobility.impl.announce.AnnouncerIndex;
import org.opendaylight.vmmobility.impl.config.VmMobilitySettings;
import org.opendaylight.vmmobility.impl.engine.EngineService;
import org.opendaylight.vmmobility.impl.engine.Warmup;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.metrics.MetricsEndpoint;
import org.opendaylight.vmmobility.impl.metrics.MetricsServer;
import org.opendaylight.vmmobility.impl.metrics.RpcMeter;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.nd.NdResponder;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.reconcile.EngineLimits;
import org.opendaylight.vmmobility.impl.reconcile.EngineStepHook;
import org.opendaylight.vmmobility.impl.reconcile.Notifier;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.vmmobility.impl.rpc.CutOverRpc;
import org.opendaylight.vmmobility.impl.rpc.MigrationRpcs;
import org.opendaylight.vmmobility.impl.rpc.VmTransactionRunner;
import org.opendaylight.vmmobility.impl.state.PublishedStates;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.validation.IntentCommitCohort;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOver;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrations;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyOutcome;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application on one controller (or one cluster node): wires the commit cohort, the RPCs, the view of published
 * states and the engine (a cluster singleton), and takes them down again.
 * Configured by {@link VmMobilitySettings} ({@code etc/org.opendaylight.vmmobility.cfg}); a change there replaces
 * the settings and so restarts it, and the reconciler then rewrites only the flows that differ.
 */
@Component(service = {})
public final class VmMobilityProvider implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VmMobilityProvider.class);
    /** How long the warm-up waits for the datastore's answers (a cluster's shards may still be electing leaders). */
    private static final long WARM_READ_WAIT_S = 120;
    /** The VM the warm-up's read-only run of the RPCs' path reads (it need not exist; nothing is written). */
    private static final String WARM_RPC_VM = "vmm-warm-up";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("vmmobility-rpc-timer").setDaemon(true).build());
    private final List<Registration> registrations = new ArrayList<>();

    /**
     * Starts the application on this node: the commit cohort, the RPCs and the view of published states run on every
     * node; the engine runs as a cluster singleton.
     *
     * @param broker the binding data broker
     * @param domBroker the DOM data broker, for the commit cohort
     * @param codec converts between binding and DOM data
     * @param rpcProvider registers the RPCs
     * @param rpcService calls openflowplugin's statistics RPC
     * @param notifications publishes notifications
     * @param packetIns delivers the switches' packet-ins (the Neighbor Solicitations the ND flows send)
     * @param singletons runs the engine on one node of the cluster
     * @param settings the application's configuration, parsed
     */
    @Activate
    public VmMobilityProvider(@Reference final DataBroker broker, @Reference final DOMDataBroker domBroker,
            @Reference final BindingNormalizedNodeSerializer codec, @Reference final RpcProviderService rpcProvider,
            @Reference final RpcService rpcService, @Reference final NotificationPublishService notifications,
            @Reference final NotificationService packetIns,
            @Reference final ClusterSingletonServiceProvider singletons, @Reference final VmMobilitySettings settings) {
        final var pipeline = settings.pipeline();
        final String node = settings.nodeName();
        final VmmMetrics metrics = VmmMetrics.withJvm(node);

        final var cohorts = domBroker.extension(DOMDataBroker.CommitCohortExtension.class);
        if (cohorts != null) {
            registrations.add(cohorts.registerCommitCohort(DOMDataTreeIdentifier.of(
                LogicalDatastoreType.CONFIGURATION, IntentCommitCohort.ROOT), new IntentCommitCohort(codec)));
        } else {
            LOG.warn("The data broker does not support commit cohorts: configuration is not validated");
        }
        final var states = new PublishedStates();
        registrations.add(broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            PublishedStates.MIGRATIONS, states));
        metrics.migrationsByPhase(states::countByPhase);
        serveMetrics(settings.metrics(), metrics);
        // one runner for the four RPCs: a VM's notifications, cut-overs and completion run in one order
        final var runner = new VmTransactionRunner(broker, states::published, timer, metrics);
        final var rpcs = new MigrationRpcs(runner);
        final var cutOver = new CutOverRpc(runner);
        final var meter = new RpcMeter(metrics);
        registrations.add(rpcProvider.registerRpcImplementations(
            (NotifyMigration) input -> meter.count("notify-migration", rpcs.notifyMigration(input)),
            (NotifyMigrations) input -> meter.count("notify-migrations", rpcs.notifyMigrations(input),
                VmMobilityProvider::refusedEntries),
            (CompleteMigration) input -> meter.count("complete-migration", rpcs.completeMigration(input)),
            (CutOver) input -> meter.count("cut-over", cutOver.cutOver(input))));
        // on every node: a switch's packet-ins reach only the node that owns the switch
        registrations.add(packetIns.registerListener(PacketReceived.class, new NdResponder(rpcService)));
        // the VMs whose own gratuitous ARP starts their migration (activation announce), on every node too
        final var announcers = new AnnouncerIndex(pipeline.announceByDefault());
        registrations.add(broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, ConfigPaths.VMS,
            announcers));
        registrations.add(packetIns.registerListener(PacketReceived.class, new AnnouncementListener(broker,
            announcers, rpcs::announced, metrics, pipeline.announceByDefault(), System::nanoTime)));
        registrations.add(singletons.registerClusterSingletonService(new EngineService(broker,
            () -> new Reconciler(broker, new SwitchFlowProbe(rpcService), new FlowPusher(rpcService),
                new Notifier(notifications), pipeline, EngineStepHook.NONE, EngineLimits.DEFAULT, metrics), node)));
        LOG.info("VM Mobility started on {}: {}", node, pipeline);
        warmUp(codec, pipeline, broker, runner);
    }

    /**
     * Warms the first migration's paths in the background (bench/convergence.py's first move after boot): the
     * in-process {@link Warmup}, then, once the datastore answers, one read-only run of the RPCs' path; off with
     * -Dvmm.warmup=false, which the benchmark uses to measure it on the same build.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void warmUp(final BindingNormalizedNodeSerializer codec, final PipelineConfig pipeline,
            final DataBroker broker, final VmTransactionRunner runner) {
        if (!Boolean.parseBoolean(System.getProperty("vmm.warmup", "true"))) {
            LOG.info("Warm-up off (vmm.warmup=false)");
            return;
        }
        final Thread thread = new Thread(() -> {
            try {
                new Warmup(codec, pipeline).run();
                warmRpcPath(broker, runner);
            } catch (RuntimeException e) {
                // nothing depends on it: the first move is only slower
                LOG.warn("The warm-up failed; the first migration pays for what it would have warmed", e);
            }
        }, "vmmobility-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs the RPCs' path once without writing (the runner reads a VM's entries and cancels), after a plain read has
     * shown that the datastore answers (a node still joining its cluster is not made to retry). Blocks the warm-up's
     * own thread only.
     */
    private static void warmRpcPath(final DataBroker broker, final VmTransactionRunner runner) {
        final long start = System.nanoTime();
        try (var tx = broker.newReadOnlyTransaction()) {
            tx.exists(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT).get(WARM_READ_WAIT_S, TimeUnit.SECONDS);
            runner.readOnly(WARM_RPC_VM).get(WARM_READ_WAIT_S, TimeUnit.SECONDS);
            LOG.info("Warm-up: the RPCs' read path ran in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                - start));
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("Warm-up: the datastore did not answer a read within {} s; the first RPC runs its path cold",
                WARM_READ_WAIT_S, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("Warm-up interrupted; the first RPC runs its path cold");
        }
    }

    /** Serves /metrics if configured; a listener that cannot start is logged and the application runs without. */
    private void serveMetrics(final MetricsEndpoint endpoint, final VmmMetrics metrics) {
        if (!endpoint.enabled()) {
            LOG.info("Metrics: no listener (metrics-port=0)");
            return;
        }
        try {
            final MetricsServer server = MetricsServer.start(endpoint, metrics.registry());
            registrations.add(server::close);
            LOG.info("Metrics served at {}", endpoint);
        } catch (IOException e) {
            LOG.error("The metrics listener did not start ({}): VM Mobility runs without /metrics; set metrics-address "
                + "and metrics-port in etc/{}.cfg", endpoint, VmMobilitySettings.PID, e);
        }
    }

    private static int refusedEntries(final NotifyMigrationsOutput output) {
        final var results = output.getResult();
        return results == null ? 0 : (int) results.values().stream()
            .filter(result -> result.getOutcome() == NotifyOutcome.Refused).count();
    }

    @Deactivate
    @Override
    public void close() {
        // the engine's registration goes first (it stops the engine), then the RPCs and the cohort
        Lists.reverse(registrations).forEach(Registration::close);
        registrations.clear();
        timer.shutdownNow();
        LOG.info("VM Mobility stopped");
    }
}
