/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.engine;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.listener.ConnectedSwitchListener;
import org.opendaylight.vmmobility.impl.listener.IntentListener;
import org.opendaylight.vmmobility.impl.listener.SwitchDepartures;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.vmmobility.impl.reconcile.SwitchView;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.EngineBuilder;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine (plan, write, confirm, publish state and notifications) as a cluster singleton: on a single controller it
 * runs there; in a cluster on exactly one node, and on another when that node leaves. Starting, it builds its view
 * from the datastores (it plans from what it reads: intent, connected switches and ports, our flows) and rewrites
 * only the flows that differ. Closing hands over safely: the listeners are closed and {@link Reconciler#stop()}
 * closes the engine's gate before it returns (nothing is written, published or notified by this node's engine from
 * then on); the returned future completes once its outstanding writes landed or were abandoned (fenced) after 10 s,
 * and only then does the next owner start reading its baseline.
 */
public final class EngineService implements ClusterSingletonService {
    private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);
    private static final ServiceGroupIdentifier IDENTIFIER = new ServiceGroupIdentifier("vm-mobility-engine");
    /**
     * How long a switch may be out of openflowplugin's operational inventory before the engine treats it as gone
     * (see {@link SwitchDepartures}): longer than a master hand-over in a cluster (a few seconds), short enough
     * that a switch really gone shows so within the quarter minute.
     */
    static final long SWITCH_DEPARTURE_GRACE_MS = 15_000;

    private final DataBroker broker;
    private final Supplier<Reconciler> reconcilers;
    private final String nodeName;
    private final long departureGraceMs;
    private @Nullable Reconciler reconciler;
    private @Nullable ScheduledExecutorService departureTimer;
    /** The inventory listener's registration, apart: the engine may have it rebuilt. */
    private @Nullable Registration switchRegistration;
    /** The intent listener's registration, apart: the engine may have it rebuilt. */
    private @Nullable Registration intentRegistration;

    /**
     * Creates the service; it runs once the cluster (or the single controller) makes this node its owner.
     *
     * @param broker the data broker
     * @param reconcilers creates the engine's reconciler each time it starts here
     * @param nodeName this controller's name, as the engine state shows it
     */
    public EngineService(final DataBroker broker, final Supplier<Reconciler> reconcilers, final String nodeName) {
        this(broker, reconcilers, nodeName, SWITCH_DEPARTURE_GRACE_MS);
    }

    /**
     * Creates the service with its own departure grace (tests that disconnect switches and check the flows after a
     * bound shorter than the product's grace).
     *
     * @param broker the data broker
     * @param reconcilers creates the engine's reconciler each time it starts here
     * @param nodeName this controller's name, as the engine state shows it
     * @param departureGraceMs how long a switch may be out of the operational inventory before it counts as gone
     */
    public EngineService(final DataBroker broker, final Supplier<Reconciler> reconcilers, final String nodeName,
            final long departureGraceMs) {
        this.broker = requireNonNull(broker);
        this.reconcilers = requireNonNull(reconcilers);
        this.nodeName = requireNonNull(nodeName);
        this.departureGraceMs = departureGraceMs;
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public synchronized void instantiateServiceInstance() {
        final Reconciler started = reconcilers.get();
        reconciler = started;
        started.announce(new EngineBuilder().setNode(nodeName)
            .setSince(new DateAndTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())).build());
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("vmmobility-switch-departures").setDaemon(true).build());
        departureTimer = timer;
        final SwitchDepartures departures = new SwitchDepartures(started::switchesChanged, started::portsChanged,
            timer, departureGraceMs);
        final InventoryView view = new InventoryView(departures);
        started.useSwitchView(view);
        view.subscribe();
        subscribeToIntent(started);
        started.useIntentSubscription(reason -> {
            synchronized (EngineService.this) {
                final Registration before = intentRegistration;
                if (before == null || reconciler != started) {
                    // stopped meanwhile
                    return;
                }
                LOG.warn("Rebuilding the engine's subscription to the intent ({}): registering its listener anew",
                    reason);
                before.close();
                subscribeToIntent(started);
            }
        });
        LOG.info("VM Mobility engine started on {}", nodeName);
    }

    /** Registers the intent listener (its first notification is the whole intent). */
    private synchronized void subscribeToIntent(final Reconciler started) {
        intentRegistration = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT,
            new IntentListener(started::configChanged, started::intentUnreadable));
    }

    @Override
    public synchronized ListenableFuture<?> closeServiceInstance() {
        final Registration intent = intentRegistration;
        intentRegistration = null;
        if (intent != null) {
            intent.close();
        }
        final Registration switches = switchRegistration;
        switchRegistration = null;
        if (switches != null) {
            switches.close();
        }
        final ScheduledExecutorService timer = departureTimer;
        departureTimer = null;
        if (timer != null) {
            timer.shutdownNow();
        }
        final Reconciler stopping = reconciler;
        reconciler = null;
        LOG.info("VM Mobility engine stopping on {}", nodeName);
        return stopping == null ? Futures.immediateFuture(null) : stopping.stop();
    }

    /** The connected switches as the inventory listener and its departure grace see them, rebuilt on demand. */
    private final class InventoryView implements SwitchView {
        private final SwitchDepartures departures;

        InventoryView(final SwitchDepartures departures) {
            this.departures = departures;
        }

        /** Registers a new inventory listener (its first report is the whole inventory). */
        void subscribe() {
            synchronized (EngineService.this) {
                switchRegistration = broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
                    DataObjectReference.builder(Nodes.class).child(Node.class).build(),
                    new ConnectedSwitchListener(departures));
            }
        }

        @Override
        public void holdAtStart(final Set<String> switches) {
            departures.holdAtStart(switches);
        }

        @Override
        public Set<String> held() {
            return departures.held();
        }

        @Override
        public void rebuild(final String reason) {
            synchronized (EngineService.this) {
                final Registration before = switchRegistration;
                if (before == null) {
                    // stopped meanwhile
                    return;
                }
                LOG.warn("Rebuilding the engine's view of the connected switches ({}): subscribing to the inventory "
                    + "anew", reason);
                before.close();
                departures.forgetInventory();
                subscribe();
            }
        }
    }
}
