/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.rpc.ScriptedBroker.Fault;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.ActivationOrigin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyOutcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.input.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.output.ResultKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;

public class MigrationRpcsTest extends AbstractConcurrentDataBrokerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private MigrationRpcs rpcs;

    @After
    public void stopTimer() {
        timer.shutdownNow();
    }

    @Before
    public void writeShop() throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT, shop());
        tx.commit().get();
        rpcs = new MigrationRpcs(new VmTransactionRunner(getDataBroker(),
            (vmId, migration) -> Futures.immediateFuture(null), timer));
    }

    private VmMobility config() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT).get().orElseThrow();
        }
    }

    @Test
    public void notifyStoresTheIntentAndReturnHomeRemovesIt() throws Exception {
        final var result = rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.2.33").build()).get();
        assertTrue(result.isSuccessful());
        assertEquals(NotifyOutcome.Migrated, result.getResult().getOutcome());
        final var stored = config().nonnullMigration().get(new MigrationKey(new Name("db")));
        assertEquals("10.0.2.33", stored.getNewAddress().getValue());

        final var home = rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.1.3").build()).get();
        assertEquals(NotifyOutcome.ReturnedHome, home.getResult().getOutcome());
        assertNull(config().nonnullMigration().get(new MigrationKey(new Name("db"))));
    }

    @Test
    public void anAnnouncementIsMarkedAndKeepsTheOtherFamilysMove() throws Exception {
        final var dualStack = new VmBuilder(config().nonnullVm().get(new VmKey(new Name("db"))))
            .setHomeAddress6(new Ipv6Host("2001:db8:1::3")).build();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.vm("db"), dualStack);
        tx.commit().get();
        rpcs.notifyMigration(notice("db", "10.0.2.33")).get();
        assertNull("an RPC's migration is not marked", migration("db").getActivatedBy());

        assertEquals(NotifyOutcome.Migrated, rpcs.announced("db", Ipv6.parse("2001:db8:2::33")).get().getOutcome());
        Migration stored = migration("db");
        assertEquals("10.0.2.33", stored.getNewAddress().getValue());
        assertEquals("2001:db8:2::33", stored.getNewAddress6().getValue());
        assertEquals(ActivationOrigin.Announcement, stored.getActivatedBy());
        // its IPv4 home address announced: IPv6 stays moved
        assertEquals(NotifyOutcome.Migrated, rpcs.announced("db", Ipv4.parse("10.0.1.3")).get().getOutcome());
        stored = migration("db");
        assertNull(stored.getNewAddress());
        assertEquals("2001:db8:2::33", stored.getNewAddress6().getValue());
        // both home: no migration
        assertEquals(NotifyOutcome.ReturnedHome, rpcs.announced("db", Ipv6.parse("2001:db8:1::3")).get()
            .getOutcome());
        assertNull(migration("db"));
        // an unregistered VM is refused with notify-migration's reason
        final var ghost = rpcs.announced("ghost", Ipv4.parse("10.0.2.99")).get();
        assertEquals(NotifyOutcome.Refused, ghost.getOutcome());
        assertTrue(ghost.getReason(), ghost.getReason().contains("is not registered"));
    }

    @Test
    public void returnHomeOnAnotherPortMovesTheVmsAttachment() throws Exception {
        rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.2.33").build()).get();
        final var home = rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.1.3").setNewAttachment(new org.opendaylight.yang.gen.v1.urn
                .opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.notice.NewAttachmentBuilder()
                .setNodeId("openflow:4").setPort(org.opendaylight.yangtools.yang.common.Uint32.valueOf(7)).build())
            .build()).get();
        assertEquals(NotifyOutcome.ReturnedHome, home.getResult().getOutcome());
        final var config = config();
        assertNull(config.nonnullMigration().get(new MigrationKey(new Name("db"))));
        final var attachment = config.nonnullVm().get(new VmKey(new Name("db"))).getAttachment();
        assertEquals("openflow:4", attachment.getNodeId().getValue());
        assertEquals(7L, attachment.getPort().getValue().longValue());
    }

    private static final Duration BOUND = Duration.ofMillis(500);

    private MigrationRpcs rpcs(final ScriptedBroker scripted, final int attempts) {
        return new MigrationRpcs(new VmTransactionRunner(scripted.broker,
            (vmId, migration) -> Futures.immediateFuture(null), timer, BOUND, attempts));
    }

    private static NotifyMigrationInput notice(final String vmId, final String address) {
        return new NotifyMigrationInputBuilder().setVmId(vmId).setNewAddress(address).build();
    }

    private Migration migration(final String vmId) throws Exception {
        return config().nonnullMigration().get(new MigrationKey(new Name(vmId)));
    }

    @Test
    public void theWarmUpsReadOnlyRunReadsInTheVmsOrderAndWritesNothing() throws Exception {
        assertTrue(rpcs.notifyMigration(notice("db", "10.0.2.33")).get().isSuccessful());
        final var before = config();
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.NONE, Fault.NONE);
        final var runner = new VmTransactionRunner(scripted.broker, (vmId, migration) -> Futures.immediateFuture(null),
            timer, BOUND, 5);
        assertTrue(runner.readOnly("db").get(10, TimeUnit.SECONDS));
        // a VM that is not registered: read, not created
        assertFalse(runner.readOnly("vmm-warm-up").get(10, TimeUnit.SECONDS));
        assertEquals(before, config());
        assertEquals(2, scripted.transactions.size());
        for (var tx : scripted.transactions) {
            verify(tx).cancel();
            verify(tx, never()).commit();
        }
        assertEquals(0, runner.busyVms());
    }

    @Test
    public void aLateReturnHomeCannotRemoveANewerMigration() throws Exception {
        // db moved; its "back home" notification's first commit gets no answer and lands only after the retry and a
        // newer move: a delete, which the datastore alone would let through (deleting is always applicable)
        assertTrue(rpcs.notifyMigration(notice("db", "10.0.2.33")).get().isSuccessful());
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.COMMIT_LATE);
        final var faulty = rpcs(scripted, 5);
        final var home = faulty.notifyMigration(notice("db", "10.0.1.3")).get(10, TimeUnit.SECONDS);
        assertTrue(home.getErrors().toString(), home.isSuccessful());
        assertEquals(NotifyOutcome.ReturnedHome, home.getResult().getOutcome());
        assertNull(migration("db"));
        final var newer = faulty.notifyMigration(notice("db", "10.0.2.44")).get(10, TimeUnit.SECONDS);
        assertEquals(NotifyOutcome.Migrated, newer.getResult().getOutcome());

        assertEquals(1, scripted.late.size());
        final var late = assertThrows(ExecutionException.class, () -> scripted.late.get(0).commit().get());
        assertTrue(late.toString(), VmTransactionRunner.isConflict(late));
        assertEquals("10.0.2.44", migration("db").getNewAddress().getValue());
    }

    @Test
    public void aLateMoveCannotRecreateAMigrationAfterTheVmReturnedHome() throws Exception {
        // the first commit of a move lands late, after the retry and a newer "back home": the migration entry is
        // absent both when the late transaction started and when it lands, so the datastore alone would let it
        // recreate the migration
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.COMMIT_LATE);
        final var faulty = rpcs(scripted, 5);
        assertEquals(NotifyOutcome.Migrated, faulty.notifyMigration(notice("db", "10.0.2.33")).get(10,
            TimeUnit.SECONDS).getResult().getOutcome());
        assertEquals(NotifyOutcome.ReturnedHome, faulty.notifyMigration(notice("db", "10.0.1.3")).get(10,
            TimeUnit.SECONDS).getResult().getOutcome());

        final var late = assertThrows(ExecutionException.class, () -> scripted.late.get(0).commit().get());
        assertTrue(late.toString(), VmTransactionRunner.isConflict(late));
        assertNull(migration("db"));
    }

    @Test
    public void aCommitWhoseAnswerWasLostIsAnsweredFromTheStore() throws Exception {
        // complete-migration's first commit lands but its answer is lost: the retry finds it stored and says so,
        // instead of "no migration to complete", and writes nothing more
        assertTrue(rpcs.notifyMigration(notice("db", "10.0.2.33")).get().isSuccessful());
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.COMMIT_ANSWER_LOST);
        final var result = rpcs(scripted, 5).completeMigration(new CompleteMigrationInputBuilder().setVmId("db")
            .build()).get(10, TimeUnit.SECONDS);
        assertTrue(result.getErrors().toString(), result.isSuccessful());
        assertNull(migration("db"));
        assertEquals("10.0.2.33", config().nonnullVm().get(new VmKey(new Name("db"))).getHomeAddress().getValue());
        assertEquals(2, scripted.transactions.size());
        verify(scripted.transactions.get(1)).cancel();
        verify(scripted.transactions.get(1), never()).commit();
    }

    @Test
    public void aReadThatNeverAnswersIsRetriedInANewTransactionAndCancelled() throws Exception {
        // the first transaction's reads never answer (a datastore answer lost, as CDS 11.0.2 does across a leader
        // change): it is cancelled, and the retry stores the intent
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.READS_HANG);
        final var faulty = rpcs(scripted, 5);
        final var result = faulty.notifyMigration(notice("db", "10.0.2.33")).get(10, TimeUnit.SECONDS);
        assertTrue(result.getErrors().toString(), result.isSuccessful());
        assertEquals("10.0.2.33", migration("db").getNewAddress().getValue());
        assertEquals(2, scripted.transactions.size());
        verify(scripted.transactions.get(0)).cancel();
        verify(scripted.transactions.get(0), never()).commit();
        // the VM's next notification is not held behind the lost one
        assertTrue(faulty.notifyMigration(notice("db", "10.0.2.34")).get(5, TimeUnit.SECONDS).isSuccessful());
    }

    @Test
    public void aFailedReadIsAnErrorAndItsTransactionIsCancelled() throws Exception {
        assertTrue(rpcs.notifyMigration(notice("db", "10.0.2.33")).get().isSuccessful());
        final var before = config();
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.READS_FAIL);
        final var result = rpcs(scripted, 5).completeMigration(new CompleteMigrationInputBuilder().setVmId("db")
            .build()).get(10, TimeUnit.SECONDS);
        assertFalse(result.isSuccessful());
        final var error = result.getErrors().iterator().next();
        assertEquals(ErrorTag.OPERATION_FAILED, error.getTag());
        assertEquals("storing the intent failed: ReadFailedException: injected read failure", error.getMessage());
        assertEquals(1, scripted.transactions.size());
        verify(scripted.transactions.get(0)).cancel();
        verify(scripted.transactions.get(0), never()).commit();
        assertEquals(before, config());
    }

    @Test
    public void aCommitThatTimesOutInsideTheDatastoreIsAnErrorNeverMigrated() throws Exception {
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.COMMIT_TIMES_OUT, Fault.COMMIT_TIMES_OUT);
        final var faulty = rpcs(scripted, 2);
        final var result = faulty.notifyMigration(notice("db", "10.0.2.33")).get(10, TimeUnit.SECONDS);
        assertFalse(result.isSuccessful());
        final var error = result.getErrors().iterator().next();
        assertEquals(ErrorTag.OPERATION_FAILED, error.getTag());
        assertEquals("storing the intent failed: TimeoutException: injected: no answer from the shard leader",
            error.getMessage());
        assertNull(migration("db"));
        assertEquals(2, scripted.transactions.size());

        final var batchBroker = new ScriptedBroker(getDataBroker(), Fault.COMMIT_TIMES_OUT, Fault.COMMIT_TIMES_OUT);
        final var batch = rpcs(batchBroker, 2).notifyMigrations(new NotifyMigrationsInputBuilder().setMigration(
            BindingMap.of(new MigrationBuilder().setVmId("db").setNewAddress("10.0.2.33").build())).build())
            .get(10, TimeUnit.SECONDS);
        assertFalse(batch.isSuccessful());
        assertNull(batch.getResult());
        assertEquals(ErrorTag.OPERATION_FAILED, batch.getErrors().iterator().next().getTag());
        assertNull(migration("db"));
    }

    @Test
    public void aCommitThatNeverAnswersIsAnErrorNamingTheBound() throws Exception {
        assertTrue(rpcs.notifyMigration(notice("db", "10.0.2.33")).get().isSuccessful());
        final var silent = new ScriptedBroker(getDataBroker(), Fault.COMMIT_LATE, Fault.COMMIT_LATE);
        final var unanswered = rpcs(silent, 2).completeMigration(new CompleteMigrationInputBuilder().setVmId("db")
            .build()).get(10, TimeUnit.SECONDS);
        assertFalse(unanswered.isSuccessful());
        assertEquals("storing the intent failed: the datastore did not answer the commit within 500 ms (attempt 2 of"
            + " 2)", unanswered.getErrors().iterator().next().getMessage());
        assertEquals("10.0.2.33", migration("db").getNewAddress().getValue());
    }

    @Test
    public void refusalsCancelTheirTransaction() throws Exception {
        final var scripted = new ScriptedBroker(getDataBroker());
        final var result = rpcs(scripted, 5).notifyMigration(notice("ghost", "10.0.2.33")).get(10, TimeUnit.SECONDS);
        assertFalse(result.isSuccessful());
        assertEquals(1, scripted.transactions.size());
        verify(scripted.transactions.get(0)).cancel();
        verify(scripted.transactions.get(0), never()).commit();
    }

    @Test
    public void replayedNotificationChangesNothing() throws Exception {
        final var input = new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.2.33").build();
        rpcs.notifyMigration(input).get();
        final var before = config();
        assertTrue(rpcs.notifyMigration(input).get().isSuccessful());
        assertEquals(before, config());
    }

    @Test
    public void conflictingNotificationsEndInTheLastOne() throws Exception {
        for (var address : new String[] {"10.0.2.33", "10.0.2.34", "10.0.2.35"}) {
            rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
                .setNewAddress(address).build()).get();
        }
        assertEquals("10.0.2.35", config().nonnullMigration().get(new MigrationKey(new Name("db"))).getNewAddress()
            .getValue());
    }

    @Test
    public void unknownVmIsRejectedAndNothingStored() throws Exception {
        final var before = config();
        final var result = rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("ghost")
            .setNewAddress("10.0.2.33").build()).get();
        assertFalse(result.isSuccessful());
        final var error = result.getErrors().iterator().next();
        assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
        assertEquals("VM ghost is not registered: add it to the vm list first", error.getMessage());
        assertEquals(before, config());
    }

    @Test
    public void completeMakesTheNewAddressHome() throws Exception {
        rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.2.33").build()).get();
        assertTrue(rpcs.completeMigration(new CompleteMigrationInputBuilder().setVmId("db").build()).get()
            .isSuccessful());
        final var config = config();
        assertTrue(config.nonnullMigration().isEmpty());
        assertEquals("10.0.2.33", config.nonnullVm().get(new VmKey(new Name("db"))).getHomeAddress().getValue());

        final var again = rpcs.completeMigration(new CompleteMigrationInputBuilder().setVmId("db").build())
            .get();
        assertFalse(again.isSuccessful());
        assertEquals("VM db has no migration to complete", again.getErrors().iterator().next().getMessage());
    }

    @Test
    public void dualStackNoticesTranslateEachFamilyGivenAndCompleteEachFamilyMoved() throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.vm("db"), new VmBuilder(config().nonnullVm()
            .get(new VmKey(new Name("db")))).setHomeAddress6(new Ipv6Host("2001:db8:1::3")).build());
        tx.commit().get();
        // IPv6 only, in another spelling: stored in RFC 5952 form, no IPv4 address
        assertEquals(NotifyOutcome.Migrated, rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress6("2001:DB8:2:0::33").build()).get().getResult().getOutcome());
        var stored = config().nonnullMigration().get(new MigrationKey(new Name("db")));
        assertEquals("2001:db8:2::33", stored.getNewAddress6().getValue());
        assertNull(stored.getNewAddress());
        // IPv4 moves, IPv6 given as its home address (another spelling): only IPv4 is translated
        assertEquals(NotifyOutcome.Migrated, rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.2.33").setNewAddress6("2001:db8:1:0::3").build()).get().getResult()
            .getOutcome());
        stored = config().nonnullMigration().get(new MigrationKey(new Name("db")));
        assertEquals("10.0.2.33", stored.getNewAddress().getValue());
        assertNull(stored.getNewAddress6());
        // completing it moves the IPv4 home only
        assertTrue(rpcs.completeMigration(new CompleteMigrationInputBuilder().setVmId("db").build()).get()
            .isSuccessful());
        var vm = config().nonnullVm().get(new VmKey(new Name("db")));
        assertEquals("10.0.2.33", vm.getHomeAddress().getValue());
        assertEquals("2001:db8:1::3", vm.getHomeAddress6().getValue());
        // both given as the home addresses: back home, nothing stored
        assertEquals(NotifyOutcome.ReturnedHome, rpcs.notifyMigration(new NotifyMigrationInputBuilder()
            .setVmId("db").setNewAddress("10.0.2.33").setNewAddress6("2001:db8:1::3").build()).get().getResult()
            .getOutcome());
        assertTrue(config().nonnullMigration().isEmpty());
        // the batch RPC takes new-address6 too
        final var batch = rpcs.notifyMigrations(new NotifyMigrationsInputBuilder().setMigration(BindingMap.of(
            new MigrationBuilder().setVmId("db").setNewAddress6("2001:db8:3::3").build())).build()).get();
        assertEquals(NotifyOutcome.Migrated, batch.getResult().nonnullResult().get(new ResultKey("db"))
            .getOutcome());
        assertTrue(rpcs.completeMigration(new CompleteMigrationInputBuilder().setVmId("db").build()).get()
            .isSuccessful());
        vm = config().nonnullVm().get(new VmKey(new Name("db")));
        assertEquals("10.0.2.33", vm.getHomeAddress().getValue());
        assertEquals("2001:db8:3::3", vm.getHomeAddress6().getValue());
    }

    @Test
    public void concurrentConflictingNotificationsAllSucceedAndOneWins() throws Exception {
        final var futures = new java.util.ArrayList<com.google.common.util.concurrent.ListenableFuture<
            org.opendaylight.yangtools.yang.common.RpcResult<
            org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205
                .NotifyMigrationOutput>>>();
        for (int i = 1; i <= 30; i++) {
            futures.add(rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
                .setNewAddress("10.0.2." + i).build()));
        }
        for (var future : futures) {
            assertTrue(future.get().isSuccessful());
        }
        assertEquals("10.0.2.30", config().nonnullMigration().get(new MigrationKey(new Name("db"))).getNewAddress()
            .getValue());
    }

    @Test
    public void batchStoresTheAcceptableAndRefusesTheRestPerVm() throws Exception {
        final var result = rpcs.notifyMigrations(new NotifyMigrationsInputBuilder().setMigration(BindingMap.of(
            new MigrationBuilder().setVmId("db").setNewAddress("10.0.2.33").build(),
            new MigrationBuilder().setVmId("web").setNewAddress("10.0.1.1").build(),
            new MigrationBuilder().setVmId("ghost").setNewAddress("10.0.2.34")
                .build())).build()).get();
        assertTrue(result.isSuccessful());
        final var results = result.getResult().nonnullResult();
        assertEquals(NotifyOutcome.Migrated, results.get(new ResultKey("db")).getOutcome());
        assertEquals(NotifyOutcome.ReturnedHome, results.get(new ResultKey("web")).getOutcome());
        final var ghost = results.get(new ResultKey("ghost"));
        assertEquals(NotifyOutcome.Refused, ghost.getOutcome());
        assertEquals("VM ghost is not registered: add it to the vm list first", ghost.getReason());
        assertEquals("10.0.2.33", config().nonnullMigration().get(new MigrationKey(new Name("db"))).getNewAddress()
            .getValue());
        assertNull(config().nonnullMigration().get(new MigrationKey(new Name("ghost"))));
    }

    @Test
    public void badInputValuesAreRefusedNamingTheLeafAndNothingIsStored() throws Exception {
        final var before = config();
        final Map<String, NotifyMigrationInputBuilder> inputs = new LinkedHashMap<>();
        inputs.put("invalid input: vm-id: a name or VM id has only letters, digits, dots, underscores and hyphens, "
            + "and starts with a letter or digit", new NotifyMigrationInputBuilder().setVmId("<script>")
            .setNewAddress("10.0.2.33"));
        inputs.put("invalid input: vm-id: a name or VM id has 1 to 64 characters",
            new NotifyMigrationInputBuilder().setVmId("v".repeat(65)).setNewAddress("10.0.2.33"));
        inputs.put("invalid input: vm-id: is mandatory", new NotifyMigrationInputBuilder().setNewAddress("10.0.2.33"));
        inputs.put("invalid input: new-address: is mandatory (new-address for IPv4, new-address6 for IPv6, or both)",
            new NotifyMigrationInputBuilder().setVmId("db"));
        inputs.put("invalid input: new-address6: an IPv6 address is up to eight groups of hexadecimal digits "
            + "separated by colons, '::' for one run of zero groups, without a zone or prefix length, e.g. "
            + "2001:db8:1::5 (not an IPv6 address: 2001:db8::1::2)",
            new NotifyMigrationInputBuilder().setVmId("db").setNewAddress6("2001:db8::1::2"));
        inputs.put("invalid input: new-address6: fe80::1 is a link-local address (fe80::/10): every interface has "
            + "one, it cannot be kept across subnets, not a VM's address",
            new NotifyMigrationInputBuilder().setVmId("db").setNewAddress6("fe80::1"));
        inputs.put("invalid input: new-address: an IPv4 address is four decimal numbers 0-255 separated by dots, "
            + "without a zone, e.g. 10.0.1.3", new NotifyMigrationInputBuilder().setVmId("db").setNewAddress("10.0.2"));
        inputs.put("invalid input: new-address: 224.0.0.1 is a multicast address (224.0.0.0/4), not a VM's address",
            new NotifyMigrationInputBuilder().setVmId("db").setNewAddress("224.0.0.1"));
        inputs.put("invalid input: new-mac: ff:ff:ff:ff:ff:ff is the broadcast MAC, not a VM's MAC",
            new NotifyMigrationInputBuilder().setVmId("db").setNewAddress("10.0.2.33").setNewMac("ff:ff:ff:ff:ff:ff"));
        inputs.put("invalid input: new-attachment/port: an OpenFlow port number is 1 to 4294967040 (0xffffff00)",
            new NotifyMigrationInputBuilder().setVmId("db").setNewAddress("10.0.2.33").setNewAttachment(
                new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration
                    .notice.NewAttachmentBuilder().setNodeId("openflow:2")
                    .setPort(org.opendaylight.yangtools.yang.common.Uint32.ZERO).build()));
        inputs.put("invalid input: new-attachment/node-id: an OpenFlow node id is 'openflow:' and the datapath id in "
            + "decimal, e.g. openflow:1", new NotifyMigrationInputBuilder().setVmId("db").setNewAddress("10.0.2.33")
                .setNewAttachment(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
                    .rev261205.migration.notice.NewAttachmentBuilder().setNodeId("of:2")
                    .setPort(org.opendaylight.yangtools.yang.common.Uint32.ONE).build()));
        inputs.put("invalid input: new-attachment/node-id: the datapath id of an OpenFlow node id is 1 to "
            + "18446744073709551615 (64 bits)", new NotifyMigrationInputBuilder().setVmId("db")
                .setNewAddress("10.0.2.33").setNewAttachment(new org.opendaylight.yang.gen.v1.urn.opendaylight.params
                    .xml.ns.yang.vm.mobility.rev261205.migration.notice.NewAttachmentBuilder()
                    .setNodeId("openflow:18446744073709551616")
                    .setPort(org.opendaylight.yangtools.yang.common.Uint32.ONE).build()));
        for (var entry : inputs.entrySet()) {
            final var result = rpcs.notifyMigration(entry.getValue().build()).get();
            assertFalse(entry.getKey(), result.isSuccessful());
            final var error = result.getErrors().iterator().next();
            assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
            assertEquals(entry.getKey(), error.getMessage());
        }
        final var batch = rpcs.notifyMigrations(new NotifyMigrationsInputBuilder().setMigration(BindingMap.of(
            new MigrationBuilder().setVmId("db").setNewAddress("127.0.0.1").build())).build()).get();
        assertEquals("invalid input: new-address: 127.0.0.1 is a loopback address (127.0.0.0/8), not a VM's address",
            batch.getResult().nonnullResult().get(new ResultKey("db")).getReason());
        final var farBatch = rpcs.notifyMigrations(new NotifyMigrationsInputBuilder().setMigration(BindingMap.of(
            new MigrationBuilder().setVmId("db").setNewAddress("10.0.2.33").setNewAttachment(new org.opendaylight
                .yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.notice
                .NewAttachmentBuilder().setNodeId("openflow:99999999999999999999")
                .setPort(org.opendaylight.yangtools.yang.common.Uint32.ONE).build()).build())).build()).get();
        assertEquals("invalid input: new-attachment/node-id: the datapath id of an OpenFlow node id is 1 to "
            + "18446744073709551615 (64 bits)", farBatch.getResult().nonnullResult().get(new ResultKey("db"))
            .getReason());
        assertEquals(before, config());
    }
}
