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
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;
import static org.opendaylight.vmmobility.impl.testing.Intents.vm;

import com.google.common.util.concurrent.Futures;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CutOverInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CutOverOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.VmKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.vm.StateBuilder;
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
        tx.put(LogicalDatastoreType.CONFIGURATION, Reconciler.ROOT, shop());
        tx.commit().get();
        // db's published state names its groups (the engine writes it)
        final var state = getDataBroker().newWriteOnlyTransaction();
        state.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, MigrationRpcs.vmPath("db"),
            new VmBuilder(shop().nonnullVm().get(new VmKey(new Name("db")))).setState(new StateBuilder()
                .setGroup(Set.of(new Name("shop"))).build()).build());
        state.commit().get();
        rpcs = new MigrationRpcs(getDataBroker(), (vmId, migration) -> Futures.immediateFuture(null), timer);
        cutOver = new CutOverRpc(getDataBroker(), (vmId, migration) -> Futures.immediateFuture(null), timer);
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
            return tx.read(LogicalDatastoreType.CONFIGURATION, Reconciler.ROOT).get().orElseThrow();
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
        tx.put(LogicalDatastoreType.CONFIGURATION, MigrationRpcs.migrationPath("db"), new MigrationBuilder(db())
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
    public void refusalsNameTheProblemAndStoreNothing() throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, MigrationRpcs.vmPath("mail"),
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
