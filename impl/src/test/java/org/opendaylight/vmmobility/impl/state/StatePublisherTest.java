/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.writer.WriteGate;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;

public class StatePublisherTest extends AbstractConcurrentDataBrokerTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<StatePublisher.Published> published = new ArrayList<>();

    @After
    public void stop() {
        executor.shutdownNow();
    }

    static TaskScheduler scheduler(final ScheduledExecutorService executor) {
        return new TaskScheduler() {
            @Override
            public void execute(final Runnable task) {
                executor.execute(task);
            }

            @Override
            public void schedule(final Runnable task, final long delayMs) {
                executor.schedule(task, delayMs, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        };
    }

    private static Migration move(final String address) {
        return new Migration("db", Ipv4.parse(address), Optional.empty(), Optional.empty());
    }

    private String shownAddress() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT)
                .get().map(root -> root.nonnullMigration().get(new MigrationKey(new Name("db"))))
                .map(entry -> entry.getNewAddress().getValue()).orElse(null);
        }
    }

    @Test
    public void aLaggingEngineNeverOverwritesANewerAcceptedIntent() throws Exception {
        final StatePublisher publisher = new StatePublisher(getDataBroker(), new WriteGate(), scheduler(executor),
            batch -> {
                synchronized (published) {
                    published.addAll(batch);
                }
            }, cause -> {
                throw new AssertionError("stalled", cause);
            });
        final Migration older = move("10.0.2.33");
        final Migration newer = move("10.0.2.44");
        // the listener accepts the newer intent while the engine is still publishing the older one's plan
        publisher.accepted("db", Optional.of(MigrationStates.entry(newer, null, null)), Optional.of(newer));
        publisher.migration("db", Optional.of(MigrationStates.entry(older, null, null)), Optional.of(older));
        publisher.flush();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (published.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(new StatePublisher.Published("db", Optional.of(newer))), published);
        assertEquals("10.0.2.44", shownAddress());
        // once the engine has caught up, its state is published
        publisher.migration("db", Optional.of(MigrationStates.entry(newer, null, null)), Optional.of(newer));
        publisher.flush();
        while (published.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, published.size());
        // caught up: nothing is kept for db any more
        assertEquals(0, publisher.acceptedAhead());
    }

    @Test
    public void acceptedIntentsAreForgottenOnceTheEngineCaughtUp() throws Exception {
        final StatePublisher publisher = new StatePublisher(getDataBroker(), new WriteGate(), scheduler(executor),
            batch -> { }, cause -> {
                throw new AssertionError("stalled", cause);
            });
        for (int i = 0; i < 50; i++) {
            final String vmId = "vm" + i;
            final Migration intent = new Migration(vmId, Ipv4.parse("10.0.2.33"), Optional.empty(),
                Optional.empty());
            publisher.accepted(vmId, Optional.of(MigrationStates.entry(intent, null, null)), Optional.of(intent));
            if (i % 2 == 0) {
                // a migration removed again before the engine saw it: the engine publishes its absence
                publisher.accepted(vmId, Optional.empty(), Optional.empty());
                publisher.migration(vmId, Optional.empty(), Optional.empty());
            } else {
                publisher.migration(vmId, Optional.of(MigrationStates.entry(intent, null, null)),
                    Optional.of(intent));
            }
        }
        assertEquals(0, publisher.acceptedAhead());
        final Migration pending = move("10.0.2.55");
        publisher.accepted("db", Optional.of(MigrationStates.entry(pending, null, null)), Optional.of(pending));
        assertEquals("an intent the engine has not caught up with is kept", 1, publisher.acceptedAhead());
    }

    @Test
    public void nothingIsWrittenOnceTheGateIsClosed() throws Exception {
        final WriteGate gate = new WriteGate();
        final StatePublisher publisher = new StatePublisher(getDataBroker(), gate, scheduler(executor),
            batch -> { }, cause -> {
                throw new AssertionError("stalled", cause);
            });
        gate.close();
        final Migration newer = move("10.0.2.44");
        publisher.accepted("db", Optional.of(MigrationStates.entry(newer, null, null)), Optional.of(newer));
        publisher.flush();
        assertTrue(publisher.idle().isDone());
        Thread.sleep(200);
        assertEquals(null, shownAddress());
    }

    @Test
    public void aStalledCommitIsReportedAndAgainWhenItLandsLate() throws Exception {
        final DataBroker real = getDataBroker();
        final AtomicInteger transactions = new AtomicInteger();
        final SettableFuture<Runnable> release = SettableFuture.create();
        // the first commit is held until released: unanswered, then landing after a newer one
        final DataBroker broker = mock(DataBroker.class, delegatesTo(real));
        doAnswer(invocation -> {
            final WriteTransaction tx = real.newWriteOnlyTransaction();
            if (transactions.incrementAndGet() > 1) {
                return tx;
            }
            final WriteTransaction held = mock(WriteTransaction.class, delegatesTo(tx));
            doAnswer(commit -> {
                final SettableFuture<CommitInfo> answer = SettableFuture.create();
                release.set(() -> answer.setFuture(tx.commit()));
                return FluentFuture.from(answer);
            }).when(held).commit();
            return held;
        }).when(broker).newWriteOnlyTransaction();
        final List<Throwable> reports = new ArrayList<>();
        final StatePublisher publisher = new StatePublisher(broker, new WriteGate(), scheduler(executor),
            batch -> { }, cause -> {
                synchronized (reports) {
                    reports.add(cause);
                }
            }, 100);
        final Migration older = move("10.0.2.33");
        publisher.migration("db", Optional.of(MigrationStates.entry(older, null, null)), Optional.of(older));
        publisher.flush();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (reportCount(reports) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("the unanswered commit is reported once", 1, reportCount(reports));
        assertTrue(reports.get(0) instanceof TimeoutException);
        // the held commit lands after all (the in-memory store would refuse it as a conflict once a newer commit
        // landed, so it lands first here): what it wrote may be older than what the engine holds, so it is
        // reported again, and the engine publishes everything again
        release.get().run();
        while (reportCount(reports) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, reportCount(reports));
        assertTrue(reports.get(1).getMessage().contains("landed after all"));
        final Migration newer = move("10.0.2.44");
        publisher.migration("db", Optional.of(MigrationStates.entry(newer, null, null)), Optional.of(newer));
        publisher.flush();
        while (!"10.0.2.44".equals(shownAddress()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("10.0.2.44", shownAddress());
    }

    private static int reportCount(final List<Throwable> reports) {
        synchronized (reports) {
            return reports.size();
        }
    }

    @Test
    public void entriesOfSeveralKindsInOneTransactionAllLandUnderParentsMergedOnce() throws Exception {
        final StatePublisher publisher = new StatePublisher(getDataBroker(), new WriteGate(), scheduler(executor),
            batch -> { }, cause -> {
                throw new AssertionError("stalled", cause);
            });
        // an empty operational datastore: the first VM and the first migration create their parents, the others
        // are put beside them in the same transaction
        final List<String> names = List.of("web", "app", "db");
        for (int i = 0; i < names.size(); i++) {
            final String vm = names.get(i);
            final Migration move = new Migration(vm, Ipv4.parse("10.0.2.3" + i), Optional.empty(), Optional.empty());
            // the datastore checks the entry's mandatory leaves
            publisher.vm(vm, Optional.of(new VmBuilder().setVmId(new Name(vm))
                .setHomeAddress(VmStates.host4(Ipv4.parse("10.0.1.1" + i)))
                .setMac(new EthernetAddress("02:00:00:00:00:1" + i)).build()));
            publisher.migration(vm, Optional.of(MigrationStates.entry(move, null, null)), Optional.of(move));
        }
        publisher.flush();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        int vms = 0;
        int migrations = 0;
        while ((vms < 3 || migrations < 3) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            try (var tx = getDataBroker().newReadOnlyTransaction()) {
                final var root = tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT).get();
                vms = root.map(found -> found.nonnullVm().size()).orElse(0);
                migrations = root.map(found -> found.nonnullMigration().size()).orElse(0);
            }
        }
        assertEquals(3, vms);
        assertEquals(3, migrations);
    }
}
