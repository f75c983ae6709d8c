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
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.testing.Intents.group;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;
import static org.opendaylight.vmmobility.impl.testing.Intents.vm;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.rpc.ScriptedBroker.Fault;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.StateBuilder;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * cut-over: peers move to a migrated VM's new address one at a time; the last one completes the migration when it
 * asks for that; refusals name the problem and store nothing.
 */
public class CutOverRpcTest extends AbstractConcurrentDataBrokerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private MigrationRpcs rpcs;
    private CutOverRpc cutOver;

    @After
    public void stopTimer() {
        timer.shutdownNow();
    }

    @Before
    public void migrateDb() throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT, shop());
        tx.commit().get();
        // db's published state names its groups (the engine writes it)
        final var state = getDataBroker().newWriteOnlyTransaction();
        state.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, ConfigPaths.vm("db"),
            new VmBuilder(shop().nonnullVm().get(new VmKey(new Name("db")))).setState(new StateBuilder()
                .setGroup(Set.of(new Name("shop"))).build()).build());
        state.commit().get();
        final var runner = new VmTransactionRunner(getDataBroker(), (vmId, migration) -> Futures.immediateFuture(null),
            timer);
        rpcs = new MigrationRpcs(runner);
        cutOver = new CutOverRpc(runner);
        notify("10.0.2.33");
    }

    private void notify(final String address) throws Exception {
        assertTrue(rpcs.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress(address).build()).get().isSuccessful());
    }

    private RpcResult<CutOverOutput> cutOver(final String vmId, final String peer) throws Exception {
        return cutOver.cutOver(new CutOverInputBuilder().setVmId(vmId).setPeer(peer).build())
            .get();
    }

    private VmMobility config() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT).get().orElseThrow();
        }
    }

    private Migration db() throws Exception {
        return config().nonnullMigration().get(new MigrationKey(new Name("db")));
    }

    @Test
    public void peersCutOverOneAtATimeAndTheLastCompletesWhenAsked() throws Exception {
        final var first = cutOver("db", "web");
        assertTrue(first.getErrors().toString(), first.isSuccessful());
        assertFalse(first.getResult().getCompleted());
        assertEquals(Set.of(new Name("web")), db().getCutOver());

        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.migration("db"), new MigrationBuilder(db())
            .setCompleteWhenAllCutOver(true).build());
        tx.commit().get();
        final var last = cutOver("db", "app");
        assertTrue(last.getResult().getCompleted());
        assertNull(db());
        assertEquals("10.0.2.33", config().nonnullVm().get(new VmKey(new Name("db"))).getHomeAddress().getValue());
    }

    @Test
    public void aNewMoveKeepsTheCutOvers() throws Exception {
        cutOver("db", "web");
        notify("10.0.2.44");
        assertEquals("10.0.2.44", db().getNewAddress().getValue());
        assertEquals(Set.of(new Name("web")), db().getCutOver());
        notify("10.0.1.3");
        assertNull(db());
    }

    @Test
    public void oneVmsRpcsRunInArrivalOrderWhateverTheRpcAndOtherVmsInParallel() throws Exception {
        // a new move of db waits at its commit; a cut-over and a completion of db arrive behind it, then a move of web
        final var scripted = new ScriptedBroker(getDataBroker(), Fault.COMMIT_GATED);
        final var runner = new VmTransactionRunner(scripted.broker, (vmId, migration) -> Futures.immediateFuture(null),
            timer, Duration.ofSeconds(30), 5);
        final var ordered = new MigrationRpcs(runner);
        final var move = ordered.notifyMigration(new NotifyMigrationInputBuilder().setVmId("db")
            .setNewAddress("10.0.2.44").build());
        assertTrue(scripted.atGate.await(10, TimeUnit.SECONDS));
        final var cut = new CutOverRpc(runner).cutOver(new CutOverInputBuilder().setVmId("db").setPeer("web").build());
        final var complete = ordered.completeMigration(new CompleteMigrationInputBuilder().setVmId("db").build());
        final var other = ordered.notifyMigration(new NotifyMigrationInputBuilder().setVmId("web")
            .setNewAddress("10.0.2.50").build());

        assertTrue(other.get(10, TimeUnit.SECONDS).isSuccessful());
        assertFalse(move.isDone());
        assertFalse(cut.isDone());
        assertFalse(complete.isDone());
        // db's later RPCs have not even opened a transaction; web's ran beside them
        assertEquals(2, scripted.transactions.size());

        scripted.gate.set(null);
        assertTrue(move.get(10, TimeUnit.SECONDS).isSuccessful());
        final var cutResult = cut.get(10, TimeUnit.SECONDS);
        assertTrue(cutResult.getErrors().toString(), cutResult.isSuccessful());
        assertFalse(cutResult.getResult().getCompleted());
        final var completed = complete.get(10, TimeUnit.SECONDS);
        assertTrue(completed.getErrors().toString(), completed.isSuccessful());
        // the move, then the cut-over of that move, then its completion
        assertNull(db());
        assertEquals("10.0.2.44", config().nonnullVm().get(new VmKey(new Name("db"))).getHomeAddress().getValue());
        assertEquals(0, runner.busyVms());
    }

    @Test
    public void aPeerIsAcceptedWithoutAnyPublishedState() throws Exception {
        // after a takeover the operational state is empty: the VM's groups come from the configuration
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT);
        tx.commit().get();
        final var result = cutOver("db", "web");
        assertTrue(result.getErrors().toString(), result.isSuccessful());
        assertEquals(Set.of(new Name("web")), db().getCutOver());
    }

    @Test
    public void theLastCutOverCountsEveryGroupOfTheConfiguration() throws Exception {
        // db is also in group backup with mail, which its published state does not name
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.vm("mail"),
            vm("mail", "10.0.1.9", "02:00:00:00:00:09", "openflow:1", 9));
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.group("backup"), group("backup", "db", "mail"));
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.migration("db"), new MigrationBuilder(db())
            .setCompleteWhenAllCutOver(true).build());
        tx.commit().get();
        assertFalse(cutOver("db", "web").getResult().getCompleted());
        assertFalse(cutOver("db", "app").getResult().getCompleted());
        final var last = cutOver("db", "mail");
        assertTrue(last.getErrors().toString(), last.isSuccessful());
        assertTrue(last.getResult().getCompleted());
        assertNull(db());
    }

    @Test
    public void refusalsNameTheProblemAndStoreNothing() throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.vm("mail"),
            vm("mail", "10.0.1.9", "02:00:00:00:00:09", "openflow:1", 9));
        tx.commit().get();
        final var before = config();
        assertRefused("db", "ghost", "peer ghost is not registered: add it to the vm list first");
        assertRefused("db", "db", "peer db is the migrated VM itself");
        assertRefused("web", "app", "VM web has no migration: there is nothing to cut over from");
        assertRefused("db", "mail", "peer mail shares no group with VM db");
        assertEquals(before, config());
    }

    private void assertRefused(final String vmId, final String peer, final String message) throws Exception {
        final var result = cutOver(vmId, peer);
        assertFalse(result.isSuccessful());
        assertEquals(message, result.getErrors().iterator().next().getMessage());
    }
}
