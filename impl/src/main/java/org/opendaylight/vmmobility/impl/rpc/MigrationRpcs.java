/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.ExecutionSequencer;
import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Optional;
import java.util.function.BiFunction;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.OptimisticLockFailedException;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.CompleteMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.CompleteMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.CompleteMigrationOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.NotifyMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.NotifyMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.NotifyMigrationOutput.Outcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.NotifyMigrationOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.migration.target.NewAttachment;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.migration.target.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.Member;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.MemberBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.MemberKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.application.group.member.AttachmentBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The two RPCs. Both only change the config datastore (the single source of truth) in one read-write transaction
 * and return once it is committed; the reconciler does the rest. Errors the admin can fix come back as
 * invalid-value (RESTCONF 400) and change nothing.
 */
public final class MigrationRpcs {
    private static final int ATTEMPTS = 5;

    private final DataBroker broker;
    private final ExecutionSequencer sequencer = ExecutionSequencer.create();

    /**
     * Creates the RPCs.
     *
     * @param broker the data broker
     */
    public MigrationRpcs(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    /**
     * A VM moved: stores its migration intent, or removes it if the VM is back at its home address.
     *
     * @param input the RPC input
     * @return the outcome once stored
     */
    public ListenableFuture<RpcResult<NotifyMigrationOutput>> notifyMigration(final NotifyMigrationInput input) {
        final Name vmId;
        final Ipv4Host newAddress;
        final EthernetAddress newMac;
        final NewAttachment newAttachment;
        try {
            // the binding objects check patterns and ranges lazily, on first access: read everything up front
            vmId = input.getVmId();
            newAddress = input.getNewAddress() == null ? null : new Ipv4Host(input.getNewAddress().getValue());
            newMac = input.getNewMac() == null ? null : new EthernetAddress(input.getNewMac().getValue());
            final var attachment = input.getNewAttachment();
            newAttachment = attachment == null ? null : new NewAttachmentBuilder().setNodeId(attachment.getNodeId())
                .setPort(attachment.getPort()).build();
        } catch (IllegalArgumentException e) {
            return invalid("invalid input: " + e.getMessage());
        }
        if (vmId == null || newAddress == null) {
            return invalid("vm-id and new-address are mandatory");
        }
        return transact(ATTEMPTS, (tx, config) -> {
            final Optional<Member> member = members(config).filter(found -> found.requireVmId().equals(vmId))
                .findFirst();
            if (member.isEmpty()) {
                throw new InvalidInput("VM " + vmId.getValue() + " is not a member of any application group");
            }
            final var path = migrationPath(vmId.getValue());
            if (member.orElseThrow().requireHomeAddress().equals(newAddress)) {
                tx.delete(LogicalDatastoreType.CONFIGURATION, path);
                return new NotifyMigrationOutputBuilder().setOutcome(Outcome.ReturnedHome).build();
            }
            tx.put(LogicalDatastoreType.CONFIGURATION, path, new MigrationBuilder()
                .setVmId(vmId)
                .setNewAddress(newAddress)
                .setNewMac(newMac)
                .setNewAttachment(newAttachment)
                .build());
            return new NotifyMigrationOutputBuilder().setOutcome(Outcome.Migrated).build();
        });
    }

    /**
     * Every peer now uses a migrated VM's new address: the VM's new address, MAC and attachment become its home ones
     * in every group, and its migration is removed.
     *
     * @param input the RPC input
     * @return once stored
     */
    public ListenableFuture<RpcResult<CompleteMigrationOutput>> completeMigration(final CompleteMigrationInput input) {
        final Name vmId;
        try {
            vmId = input.getVmId();
        } catch (IllegalArgumentException e) {
            return invalid("invalid input: " + e.getMessage());
        }
        if (vmId == null) {
            return invalid("vm-id is mandatory");
        }
        return transact(ATTEMPTS, (tx, config) -> {
            final Migration migration = config.nonnullMigration().get(new MigrationKey(vmId));
            if (migration == null) {
                throw new InvalidInput("VM " + vmId.getValue() + " has no migration to complete");
            }
            for (ApplicationGroup group : config.nonnullApplicationGroup().values()) {
                final Member member = group.nonnullMember().get(new MemberKey(vmId));
                if (member == null) {
                    continue;
                }
                final var updated = new MemberBuilder(member).setHomeAddress(migration.getNewAddress());
                if (migration.getNewMac() != null) {
                    updated.setMac(migration.getNewMac());
                }
                final var attachment = migration.getNewAttachment();
                if (attachment != null) {
                    updated.setAttachment(new AttachmentBuilder().setNodeId(attachment.getNodeId())
                        .setPort(attachment.getPort()).build());
                }
                tx.put(LogicalDatastoreType.CONFIGURATION, Reconciler.ROOT.toBuilder()
                    .child(ApplicationGroup.class, group.key()).child(Member.class, member.key()).build(),
                    updated.build());
            }
            tx.delete(LogicalDatastoreType.CONFIGURATION, migrationPath(vmId.getValue()));
            return new CompleteMigrationOutputBuilder().build();
        });
    }

    private static java.util.stream.Stream<Member> members(final VmMobility config) {
        return config.nonnullApplicationGroup().values().stream().flatMap(group -> group.nonnullMember().values()
            .stream());
    }

    private static DataObjectIdentifier<Migration> migrationPath(final String vmId) {
        return Reconciler.ROOT.toBuilder().child(Migration.class,
            new MigrationKey(new Name(vmId))).build();
    }

    private <O> ListenableFuture<RpcResult<O>> transact(final int attempts,
            final BiFunction<ReadWriteTransaction, VmMobility, O> body) {
        // one RPC transaction at a time: concurrent notifications (even for one VM) never conflict in the
        // datastore, and the last one accepted wins
        return sequencer.submitAsync(() -> attempt(attempts, body), MoreExecutors.directExecutor());
    }

    private <O> ListenableFuture<RpcResult<O>> attempt(final int attempts,
            final BiFunction<ReadWriteTransaction, VmMobility, O> body) {
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final FluentFuture<O> outcome = tx.read(LogicalDatastoreType.CONFIGURATION, Reconciler.ROOT)
            .transformAsync(config -> {
                final O output;
                try {
                    output = body.apply(tx, config.orElseThrow(() -> new InvalidInput(
                        "no application group is configured")));
                } catch (InvalidInput e) {
                    tx.cancel();
                    throw e;
                }
                return tx.commit().transform(info -> output, MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        return Futures.catchingAsync(outcome.transform(output -> RpcResultBuilder.success(output).build(),
            MoreExecutors.directExecutor()), Exception.class, failure -> {
                final Throwable root = Throwables.getRootCause(failure);
                if (failure instanceof InvalidInput || root instanceof InvalidInput) {
                    return invalid(root.getMessage());
                }
                final var validation = Throwables.getCausalChain(failure).stream()
                    .filter(DataValidationFailedException.class::isInstance).findFirst();
                if (validation.isPresent()) {
                    return invalid(validation.orElseThrow().getMessage());
                }
                if (attempts > 1 && Throwables.getCausalChain(failure).stream()
                        .anyMatch(OptimisticLockFailedException.class::isInstance)) {
                    return attempt(attempts - 1, body);
                }
                return Futures.immediateFuture(RpcResultBuilder.<O>failed()
                    .withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                        "storing the intent failed: " + root.getMessage(), null, null, failure)
                    .build());
            }, MoreExecutors.directExecutor());
    }

    private static <O> ListenableFuture<RpcResult<O>> invalid(final String message) {
        return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.INVALID_VALUE, message)
            .buildFuture();
    }

    /** Input the admin can fix. */
    private static final class InvalidInput extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidInput(final String message) {
            super(message);
        }
    }
}
