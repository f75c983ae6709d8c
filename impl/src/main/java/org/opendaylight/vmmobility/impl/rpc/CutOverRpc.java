/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CutOverInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CutOverOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CutOverOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.ApplicationGroupKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.Vm;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The cut-over RPC: one member of a migrated VM's groups now uses the VM's new address. The peer is added to the
 * migration's cut-over list (the engine then stops translating between them); when the migration asks for it and
 * every member sharing a group with the VM has cut over, the migration is completed in the same transaction.
 *
 * <p>It reads by key: the migration, the VM and the peer, and the VM's groups, named by the VM's published state
 * and read in the configuration (so the cost grows with the VM's groups, not with the configuration).
 */
public final class CutOverRpc {
    private static final int ATTEMPTS = 5;

    private final DataBroker broker;
    private final BiFunction<String, Optional<org.opendaylight.vmmobility.impl.planner.Migration>,
        ListenableFuture<Void>> published;
    private final ScheduledExecutorService timer;

    /**
     * Creates the RPC.
     *
     * @param broker the data broker
     * @param published completes once a migration's state for an intent is published
     * @param timer bounds the wait for publication
     */
    public CutOverRpc(final DataBroker broker, final BiFunction<String,
            Optional<org.opendaylight.vmmobility.impl.planner.Migration>, ListenableFuture<Void>> published,
            final ScheduledExecutorService timer) {
        this.broker = requireNonNull(broker);
        this.published = requireNonNull(published);
        this.timer = requireNonNull(timer);
    }

    /**
     * A member now uses the migrated VM's new address.
     *
     * @param input the RPC input
     * @return once stored (and its state published, at most {@value MigrationRpcs#PUBLISH_WAIT_MS} ms later)
     */
    public ListenableFuture<RpcResult<CutOverOutput>> cutOver(final CutOverInput input) {
        final Name vmId;
        final Name peer;
        try {
            vmId = InputFields.name("vm-id", input.getVmId());
            peer = InputFields.name("peer", input.getPeer());
        } catch (IllegalArgumentException e) {
            return MigrationRpcs.invalid("invalid input: " + e.getMessage());
        }
        if (vmId.equals(peer)) {
            return MigrationRpcs.invalid("peer " + peer.getValue() + " is the migrated VM itself");
        }
        return cutOver(vmId.getValue(), peer.getValue(), ATTEMPTS);
    }

    private ListenableFuture<RpcResult<CutOverOutput>> cutOver(final String vmId, final String peer,
            final int attempts) {
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final var migrationRead = tx.read(LogicalDatastoreType.CONFIGURATION, MigrationRpcs.migrationPath(vmId));
        final var vmRead = tx.read(LogicalDatastoreType.CONFIGURATION, MigrationRpcs.vmPath(vmId));
        final var peerRead = tx.read(LogicalDatastoreType.CONFIGURATION, MigrationRpcs.vmPath(peer));
        final FluentFuture<Optional<Vm>> stateRead;
        try (var operational = broker.newReadOnlyTransaction()) {
            stateRead = operational.read(LogicalDatastoreType.OPERATIONAL, MigrationRpcs.vmPath(vmId));
        }
        final ListenableFuture<RpcResult<CutOverOutput>> outcome = Futures.transformAsync(
            Futures.allAsList(migrationRead, vmRead, peerRead, stateRead), ignored -> {
                final Optional<Migration> migration = Futures.getDone(migrationRead);
                final Optional<Vm> vm = Futures.getDone(vmRead);
                if (vm.isEmpty() || migration.isEmpty()) {
                    tx.cancel();
                    return MigrationRpcs.invalid(vm.isEmpty() ? "VM " + vmId + " is not registered"
                        : "VM " + vmId + " has no migration: there is nothing to cut over from");
                }
                if (Futures.getDone(peerRead).isEmpty()) {
                    tx.cancel();
                    return MigrationRpcs.invalid("peer " + peer + " is not registered: add it to the vm list first");
                }
                final var state = Futures.getDone(stateRead).map(Vm::getState);
                final Set<Name> groups = state.map(found -> found.getGroup()).orElse(null);
                final List<FluentFuture<Optional<ApplicationGroup>>> groupReads = new ArrayList<>();
                for (Name group : groups == null ? Set.<Name>of() : groups) {
                    groupReads.add(tx.read(LogicalDatastoreType.CONFIGURATION, groupPath(group)));
                }
                return Futures.transformAsync(Futures.allAsList(groupReads), found -> store(tx, vmId, peer,
                    vm.orElseThrow(), migration.orElseThrow(), members(found)), MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        return Futures.catchingAsync(outcome, Exception.class, failure -> {
            final var validation = MigrationRpcs.validationMessage(failure);
            if (validation != null) {
                return MigrationRpcs.invalid(validation);
            }
            if (attempts > 1 && MigrationRpcs.isConflict(failure)) {
                return cutOver(vmId, peer, attempts - 1);
            }
            return MigrationRpcs.failed(failure);
        }, MoreExecutors.directExecutor());
    }

    private static Set<String> members(final List<Optional<ApplicationGroup>> groups) {
        final Set<String> members = new HashSet<>();
        for (Optional<ApplicationGroup> group : groups) {
            group.ifPresent(found -> found.nonnullMember().keySet().forEach(key -> members.add(
                key.getVmId().getValue())));
        }
        return members;
    }

    private ListenableFuture<RpcResult<CutOverOutput>> store(final ReadWriteTransaction tx, final String vmId,
            final String peer, final Vm vm, final Migration migration, final Set<String> members) {
        if (!members.contains(peer)) {
            tx.cancel();
            return MigrationRpcs.invalid("peer " + peer + " shares no group with VM " + vmId);
        }
        final Set<Name> cutOver = new TreeSet<>((first, second) -> first.getValue().compareTo(second.getValue()));
        if (migration.getCutOver() != null) {
            cutOver.addAll(migration.getCutOver());
        }
        cutOver.add(new Name(peer));
        final Set<String> waiting = new TreeSet<>(members);
        waiting.remove(vmId);
        cutOver.forEach(name -> waiting.remove(name.getValue()));
        final boolean complete = Boolean.TRUE.equals(migration.getCompleteWhenAllCutOver()) && waiting.isEmpty();
        final Optional<org.opendaylight.vmmobility.impl.planner.Migration> expected;
        if (complete) {
            MigrationRpcs.complete(tx, vm, migration);
            expected = Optional.empty();
        } else {
            final Migration updated = new MigrationBuilder(migration).setCutOver(Set.copyOf(cutOver)).build();
            tx.put(LogicalDatastoreType.CONFIGURATION, MigrationRpcs.migrationPath(vmId), updated);
            expected = Optional.of(ChangeReader.migration(updated));
        }
        final RpcResult<CutOverOutput> answer = RpcResultBuilder.success(new CutOverOutputBuilder()
            .setCompleted(complete).build()).build();
        return Futures.transformAsync(tx.commit(), info -> MigrationRpcs.awaitPublished(published, timer, vmId,
            expected, answer), MoreExecutors.directExecutor());
    }

    private static DataObjectIdentifier<ApplicationGroup> groupPath(final Name group) {
        return Reconciler.ROOT.toBuilder().child(ApplicationGroup.class, new ApplicationGroupKey(group)).build();
    }
}
