/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.rpc.RpcAttempt.Outcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CutOverOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.application.group.MemberKey;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The cut-over RPC: one member of a migrated VM's groups now uses the VM's new address. The peer is added to the
 * migration's cut-over list (the engine then stops translating between them); when the migration asks for it and
 * every member sharing a group with the VM has cut over, the migration is completed in the same transaction.
 *
 * <p>It decides from the configuration as its own transaction reads it: the migration, the VM, the peer and the
 * groups naming the VM (never from the published state, which can lag behind or be empty after a takeover). The
 * configuration has no index from a VM to its groups, so it reads the configuration's root, once per cut-over. It
 * runs through the {@link VmTransactionRunner}, in the VM's order with its notifications.
 */
public final class CutOverRpc {
    private final VmTransactionRunner runner;

    /**
     * Creates the RPC.
     *
     * @param runner the transaction runner all the RPCs share (the per-VM order spans them)
     */
    public CutOverRpc(final VmTransactionRunner runner) {
        this.runner = requireNonNull(runner);
    }

    /**
     * A member now uses the migrated VM's new address.
     *
     * @param input the RPC input
     * @return once stored (and its state published, at most {@value VmTransactionRunner#PUBLISH_WAIT_MS} ms later)
     */
    public ListenableFuture<RpcResult<CutOverOutput>> cutOver(final CutOverInput input) {
        final String vmId;
        final String peer;
        try {
            vmId = InputFields.name("vm-id", input.getVmId()).getValue();
            peer = InputFields.name("peer", input.getPeer()).getValue();
        } catch (IllegalArgumentException e) {
            return Futures.immediateFuture(RpcAnswers.invalid("invalid input: " + e.getMessage()));
        }
        if (vmId.equals(peer)) {
            return Futures.immediateFuture(RpcAnswers.invalid("peer " + peer + " is the migrated VM itself"));
        }
        final RpcAttempt<RpcResult<CutOverOutput>> attempt = tx -> Futures.transform(tx.read(ConfigPaths.ROOT),
            config -> decide(tx, vmId, peer, config.orElse(null)), MoreExecutors.directExecutor());
        return Futures.catching(runner.run(List.of(vmId), attempt), Exception.class, RpcAnswers::failure,
            MoreExecutors.directExecutor());
    }

    private static Outcome<RpcResult<CutOverOutput>> decide(final RpcTransaction tx, final String vmId,
            final String peer, final VmMobility config) {
        final Vm vm = config == null ? null : config.nonnullVm().get(new VmKey(new Name(vmId)));
        final Migration migration = config == null ? null : config.nonnullMigration().get(
            new MigrationKey(new Name(vmId)));
        if (vm == null) {
            return Outcome.nothingToWrite(RpcAnswers.invalid("VM " + vmId + " is not registered"));
        }
        if (migration == null) {
            return Outcome.nothingToWrite(RpcAnswers.invalid("VM " + vmId
                + " has no migration: there is nothing to cut over from"));
        }
        if (!config.nonnullVm().containsKey(new VmKey(new Name(peer)))) {
            return Outcome.nothingToWrite(RpcAnswers.invalid("peer " + peer
                + " is not registered: add it to the vm list first"));
        }
        final Set<String> members = members(config, vmId);
        if (!members.contains(peer)) {
            return Outcome.nothingToWrite(RpcAnswers.invalid("peer " + peer + " shares no group with VM " + vmId));
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
        final RpcResult<CutOverOutput> answer = RpcResultBuilder.success(new CutOverOutputBuilder()
            .setCompleted(complete).build()).build();
        if (complete) {
            MigrationRpcs.complete(tx, vm, migration);
            return Outcome.commit(answer, Map.of(vmId, Optional.empty()));
        }
        final Migration updated = new MigrationBuilder(migration).setCutOver(Set.copyOf(cutOver)).build();
        tx.put(ConfigPaths.migration(vmId), updated);
        return Outcome.commit(answer, Map.of(vmId, Optional.of(ChangeReader.migration(updated))));
    }

    /** Every member of every group the VM is a member of, in the configuration. */
    private static Set<String> members(final VmMobility config, final String vmId) {
        final MemberKey member = new MemberKey(new Name(vmId));
        final Set<String> members = new TreeSet<>();
        config.nonnullApplicationGroup().values().stream().filter(group -> group.nonnullMember().containsKey(member))
            .forEach(group -> group.nonnullMember().keySet().forEach(key -> members.add(key.getVmId().getValue())));
        return members;
    }
}
