/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.Futures;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.listener.IntentListener;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.testing.ConfigBackedSwitches;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Engine;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.EngineBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yangtools.binding.Notification;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * One engine against the in-memory datastore, for the supervision and fencing tests: its broker (recorded), its
 * notifications, a test hook that throws at an armed step, and what its log printed.
 */
final class EngineHarness implements AutoCloseable {
    static final Set<String> SWITCHES = Set.of("openflow:1", "openflow:2");
    static final PipelineConfig CONFIG = PipelineConfig.DEFAULT.withLayout(FlowLayout.SHARED);

    /** Throws at the armed step. */
    static final class FaultyHook implements EngineStepHook {
        private volatile @Nullable EngineStep armed;
        private final AtomicInteger thrown = new AtomicInteger();

        @Override
        public void before(final EngineStep step) {
            if (step == armed) {
                thrown.incrementAndGet();
                throw new IllegalStateException("injected fault at " + step);
            }
        }

        void arm(final @Nullable EngineStep step) {
            armed = step;
        }

        int thrown() {
            return thrown.get();
        }
    }

    private final DataBroker real;
    private final RecordingBroker recording;
    private final FaultyHook hook = new FaultyHook();
    private final List<Notification<?>> notifications = new ArrayList<>();
    private final AtomicInteger offered = new AtomicInteger();
    private final AtomicBoolean loseNextIntentChange = new AtomicBoolean();
    private final Reconciler reconciler;
    private Registration listener;
    private final AtomicInteger intentRebuilds = new AtomicInteger();
    private final AtomicBoolean missNextIntentChange = new AtomicBoolean();

    EngineHarness(final DataBroker real, final EngineLimits limits) {
        this(real, limits, null);
    }

    /**
     * An engine whose hook is armed before anything runs: the constructor hands the engine its switches, which
     * starts its baseline read at once, so a step armed after construction may come too late for it.
     */
    EngineHarness(final DataBroker real, final EngineLimits limits, final @Nullable EngineStep armedAtStart) {
        hook.arm(armedAtStart);
        this.real = real;
        recording = new RecordingBroker(real);
        final var switches = new ConfigBackedSwitches(real, SWITCHES);
        final var publisher = mock(NotificationPublishService.class);
        doAnswer(invocation -> {
            offered.incrementAndGet();
            synchronized (notifications) {
                notifications.add(invocation.getArgument(0));
            }
            return Futures.immediateFuture(null);
        }).when(publisher).offerNotification(any());
        reconciler = new Reconciler(recording.broker(), new SwitchFlowProbe(switches), new FlowPusher(switches),
            new Notifier(publisher), CONFIG, hook, limits);
        reconciler.announce(new EngineBuilder().setNode("member-1")
            .setSince(new DateAndTime(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
            .build());
        listener = subscribe();
        reconciler.useIntentSubscription(reason -> {
            intentRebuilds.incrementAndGet();
            synchronized (this) {
                listener.close();
                listener = subscribe();
            }
        });
        reconciler.switchesChanged(SWITCHES);
    }

    private Registration subscribe() {
        return real.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT,
            new IntentListener(changes -> {
                if (missNextIntentChange.getAndSet(false)) {
                    // as a datastore's listener that missed a notification: nobody knows
                    return;
                }
                if (loseNextIntentChange.getAndSet(false)) {
                    // as the listener does with a notification it cannot read
                    reconciler.intentUnreadable(new IllegalStateException("injected: an unreadable change"));
                } else {
                    reconciler.configChanged(changes);
                }
            }, reconciler::intentUnreadable));
    }

    /** The next notification of the intent never reaches the engine, and nothing says so. */
    void missNextIntentChange() {
        missNextIntentChange.set(true);
    }

    /**
     * How often the engine had its subscription to the intent rebuilt.
     *
     * @return the count
     */
    int intentRebuilds() {
        return intentRebuilds.get();
    }

    /** The next notification of the intent is lost as one the listener could not read. */
    void loseNextIntentChange() {
        loseNextIntentChange.set(true);
    }

    Reconciler reconciler() {
        return reconciler;
    }

    RecordingBroker broker() {
        return recording;
    }

    FaultyHook hook() {
        return hook;
    }

    int notificationsOffered() {
        return offered.get();
    }

    <N> List<N> notificationsOf(final Class<N> type) {
        synchronized (notifications) {
            return notifications.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    void write(final VmMobility config) throws Exception {
        final var tx = real.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT, config);
        tx.commit().get();
    }

    Map<String, Map<String, Flow>> configFlows() throws Exception {
        return ConfigFlows.read(real, SWITCHES);
    }

    static Map<String, Map<String, Flow>> planned(final VmMobility config) {
        return ConfigFlows.planned(config, SWITCHES, CONFIG);
    }

    @Nullable VmMobility operational() throws Exception {
        try (var tx = real.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT).get().orElse(null);
        }
    }

    @Nullable Engine engine() throws Exception {
        final var state = operational();
        return state == null ? null : state.getEngine();
    }

    @Nullable Object phase(final String vmId) throws Exception {
        final var state = operational();
        if (state == null) {
            return null;
        }
        final var migration = state.nonnullMigration().get(new MigrationKey(new Name(vmId)));
        return migration == null || migration.getState() == null ? null : migration.getState().getPhase();
    }

    static void await(final String what, final Condition condition) throws Exception {
        await(what, 10, condition);
    }

    static void await(final String what, final long seconds, final Condition condition) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    @Override
    public void close() {
        synchronized (this) {
            listener.close();
        }
        reconciler.close();
    }

    /** What the log (slf4j-simple, on System.err) printed while capturing. */
    static final class LogCapture implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        LogCapture() {
            final OutputStream tee = new OutputStream() {
                @Override
                public void write(final int octet) {
                    synchronized (captured) {
                        captured.write(octet);
                    }
                    original.write(octet);
                }

                @Override
                public void write(final byte[] bytes, final int offset, final int length) {
                    synchronized (captured) {
                        captured.write(bytes, offset, length);
                    }
                    original.write(bytes, offset, length);
                }
            };
            System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        }

        String text() {
            synchronized (captured) {
                return captured.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }
}
