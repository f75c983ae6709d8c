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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.OptimisticLockFailedException;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CompleteMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CompleteMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.CompleteMigrationOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.MigrationNotice;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyMigrationOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyMigrationsInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyMigrationsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyMigrationsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.NotifyOutcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.migration.target.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.notify.migrations.output.Result;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.notify.migrations.output.ResultBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.VmKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.vm.AttachmentBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The RPCs: notify-migration, notify-migrations (a batch in one transaction) and complete-migration. Each reads only
 * the entries it names, by key, and writes them; the commit cohort checks the rest. Concurrent calls for different
 * VMs do not conflict; a conflict on one VM is retried. Each answers once the intent is stored and its migration's
 * state (pending at least) is published, so a GET right after the answer finds it (waiting at most
 * {@value #PUBLISH_WAIT_MS} ms for the state).
 */
public final class MigrationRpcs {
    private static final int ATTEMPTS = 5;
    static final long PUBLISH_WAIT_MS = 2_000;
    /**
     * How long a read or commit of an RPC may take before the RPC tries again in a new transaction: a datastore
     * answer lost across a cluster leader change (controller 11.0.2) must not hold a VM's notifications for ever.
     */
    static final long DATASTORE_TIMEOUT_S = 8;
    private static final int STRIPES = 64;
    private static final Pattern REFUSED_MIGRATION = Pattern.compile("/migration=([^/:]+)[^:]*: ([^;]*)");

    private final DataBroker broker;
    private final BiFunction<String, Optional<org.opendaylight.vmmobility.impl.planner.Migration>,
        ListenableFuture<Void>> published;
    private final ScheduledExecutorService timer;
    private final ExecutionSequencer[] stripes = new ExecutionSequencer[STRIPES];

    /**
     * Creates the RPCs.
     *
     * @param broker the data broker
     * @param published completes once a migration's state for an intent is published
     * @param timer bounds the wait for publication
     */
    public MigrationRpcs(final DataBroker broker, final BiFunction<String,
            Optional<org.opendaylight.vmmobility.impl.planner.Migration>, ListenableFuture<Void>> published,
            final ScheduledExecutorService timer) {
        this.broker = requireNonNull(broker);
        this.published = requireNonNull(published);
        this.timer = requireNonNull(timer);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = ExecutionSequencer.create();
        }
    }

    /** One VM's notice, read and checked. */
    private record Notice(String vmId, Ipv4Host newAddress, @Nullable EthernetAddress newMac,
            org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.migration.target
                .@Nullable NewAttachment newAttachment) {
        Vm atHome(final Vm vm) {
            final var builder = new VmBuilder(vm);
            if (newMac != null) {
                builder.setMac(newMac);
            }
            if (newAttachment != null) {
                builder.setAttachment(new AttachmentBuilder().setNodeId(newAttachment.getNodeId())
                    .setPort(newAttachment.getPort()).build());
            }
            return builder.build();
        }

        Migration toMigration(final @Nullable Migration previous) {
            final var builder = new MigrationBuilder().setVmId(new Name(vmId)).setNewAddress(newAddress)
                .setNewMac(newMac).setNewAttachment(newAttachment);
            if (previous != null) {
                // only what was set: a replayed notice stores exactly the same entry
                final var cutOver = previous.getCutOver();
                if (cutOver != null && !cutOver.isEmpty()) {
                    builder.setCutOver(cutOver);
                }
                if (Boolean.TRUE.equals(previous.getCompleteWhenAllCutOver())) {
                    builder.setCompleteWhenAllCutOver(true);
                }
            }
            return builder.build();
        }
    }

    /**
     * A VM moved: stores its migration intent, or removes it if the VM is back at its home address.
     *
     * @param input the RPC input
     * @return the outcome once stored
     */
    public ListenableFuture<RpcResult<NotifyMigrationOutput>> notifyMigration(final NotifyMigrationInput input) {
        final Notice notice;
        try {
            notice = notice(InputFields.name("vm-id", input.getVmId()).getValue(), input);
        } catch (IllegalArgumentException e) {
            return invalid("invalid input: " + e.getMessage());
        }
        // notifications for one VM run one at a time, in the order they arrived (the last one wins); other VMs' run
        // in parallel
        final ExecutionSequencer stripe = stripes[Math.floorMod(notice.vmId.hashCode(), STRIPES)];
        final ListenableFuture<List<Result>> stored = stripe.submitAsync(() -> batch(List.of(notice), ATTEMPTS),
            MoreExecutors.directExecutor());
        final ListenableFuture<RpcResult<NotifyMigrationOutput>> answer = Futures.transformAsync(stored, results -> {
            final Result result = results.get(0);
            if (result.getOutcome() == NotifyOutcome.Refused) {
                return invalid(result.getReason());
            }
            return RpcResultBuilder.success(new NotifyMigrationOutputBuilder().setOutcome(result.getOutcome())
                .build()).buildFuture();
        }, MoreExecutors.directExecutor());
        return Futures.catchingAsync(answer, Exception.class, MigrationRpcs::failed, MoreExecutors.directExecutor());
    }

    /**
     * Many VMs moved: stores every acceptable migration in one transaction and says per VM what happened.
     *
     * @param input the RPC input
     * @return the outcome per VM once stored
     */
    public ListenableFuture<RpcResult<NotifyMigrationsOutput>> notifyMigrations(final NotifyMigrationsInput input) {
        final Map<String, Result> refused = new TreeMap<>();
        final List<Notice> notices = new ArrayList<>();
        final var entries = input.getMigration();
        if (entries == null || entries.isEmpty()) {
            return invalid("migration: at least one entry is needed");
        }
        for (var entry : entries.values()) {
            final String vmId = entry.key().getVmId();
            try {
                notices.add(notice(InputFields.name("migration/vm-id", vmId).getValue(), entry));
            } catch (IllegalArgumentException e) {
                refused.put(vmId, refusal(vmId, "invalid input: " + e.getMessage()));
            }
        }
        final ListenableFuture<List<Result>> stored = notices.isEmpty() ? Futures.immediateFuture(List.of())
            : batch(notices, ATTEMPTS);
        return Futures.transform(stored, results -> {
            final Map<String, Result> all = new TreeMap<>(refused);
            results.forEach(result -> all.put(result.getVmId(), result));
            return RpcResultBuilder.success(new NotifyMigrationsOutputBuilder()
                .setResult(BindingMap.ordered(all.values())).build()).build();
        }, MoreExecutors.directExecutor());
    }

    /**
     * Every peer now uses a migrated VM's new address: the VM's new address, MAC and attachment become its home ones,
     * and its migration is removed.
     *
     * @param input the RPC input
     * @return once stored
     */
    public ListenableFuture<RpcResult<CompleteMigrationOutput>> completeMigration(final CompleteMigrationInput input) {
        final Name vmId;
        try {
            vmId = InputFields.name("vm-id", input.getVmId());
        } catch (IllegalArgumentException e) {
            return invalid("invalid input: " + e.getMessage());
        }
        return complete(vmId, ATTEMPTS);
    }

    private ListenableFuture<RpcResult<CompleteMigrationOutput>> complete(final Name vmId, final int attempts) {
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final var migrationRead = tx.read(LogicalDatastoreType.CONFIGURATION, migrationPath(vmId.getValue()));
        final var vmRead = tx.read(LogicalDatastoreType.CONFIGURATION, vmPath(vmId.getValue()));
        final ListenableFuture<RpcResult<CompleteMigrationOutput>> outcome = Futures.transformAsync(
            Futures.allAsList(migrationRead, vmRead), ignored -> {
                final Optional<Migration> migration = Futures.getDone(migrationRead);
                final Optional<Vm> vm = Futures.getDone(vmRead);
                if (migration.isEmpty() || vm.isEmpty()) {
                    tx.cancel();
                    return invalid("VM " + vmId.getValue() + " has no migration to complete");
                }
                complete(tx, vm.orElseThrow(), migration.orElseThrow());
                return Futures.transformAsync(tx.commit(), info -> awaitPublished(vmId.getValue(), Optional.empty(),
                    RpcResultBuilder.success(new CompleteMigrationOutputBuilder().build()).build()),
                    MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        return Futures.catchingAsync(outcome, Exception.class, failure -> {
            final var validation = validationMessage(failure);
            if (validation != null) {
                return invalid(validation);
            }
            if (attempts > 1 && isConflict(failure)) {
                return complete(vmId, attempts - 1);
            }
            return failed(failure);
        }, MoreExecutors.directExecutor());
    }

    /**
     * Completes a migration in a transaction: the VM's new address, MAC and attachment become its home ones, and the
     * migration (with its cut-overs) is removed.
     *
     * @param tx the transaction
     * @param vm the VM
     * @param done its migration
     */
    static void complete(final ReadWriteTransaction tx, final Vm vm, final Migration done) {
        final var updated = new VmBuilder(vm).setHomeAddress(done.getNewAddress());
        if (done.getNewMac() != null) {
            updated.setMac(done.getNewMac());
        }
        final var attachment = done.getNewAttachment();
        if (attachment != null) {
            updated.setAttachment(new AttachmentBuilder().setNodeId(attachment.getNodeId())
                .setPort(attachment.getPort()).build());
        }
        final String vmId = vm.requireVmId().getValue();
        tx.put(LogicalDatastoreType.CONFIGURATION, vmPath(vmId), updated.build());
        tx.delete(LogicalDatastoreType.CONFIGURATION, migrationPath(vmId));
    }

    /**
     * Stores the acceptable notices in one transaction: reads each VM by key, refuses unknown VMs, deletes the
     * migration of a VM back home, puts the others. A refusal of the cohort naming some migrations refuses those and
     * retries with the rest.
     */
    private ListenableFuture<List<Result>> batch(final List<Notice> notices, final int attempts) {
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final Map<String, FluentFuture<Optional<Vm>>> reads = new HashMap<>();
        final Map<String, FluentFuture<Optional<Migration>>> before = new HashMap<>();
        for (Notice notice : notices) {
            reads.put(notice.vmId, tx.read(LogicalDatastoreType.CONFIGURATION, vmPath(notice.vmId)));
            before.put(notice.vmId, tx.read(LogicalDatastoreType.CONFIGURATION, migrationPath(notice.vmId)));
        }
        final List<ListenableFuture<?>> allReads = new ArrayList<>(reads.values());
        allReads.addAll(before.values());
        final ListenableFuture<List<Result>> outcome = Futures.transformAsync(bounded(Futures.allAsList(allReads),
            tx), ignored -> {
                final List<Result> results = new ArrayList<>();
                final Map<String, Optional<org.opendaylight.vmmobility.impl.planner.Migration>> expected =
                    new HashMap<>();
                for (Notice notice : notices) {
                    final Optional<Vm> vm = Futures.getDone(reads.get(notice.vmId));
                    if (vm.isEmpty()) {
                        results.add(refusal(notice.vmId, "VM " + notice.vmId
                            + " is not registered: add it to the vm list first"));
                    } else if (vm.orElseThrow().requireHomeAddress().equals(notice.newAddress)) {
                        tx.delete(LogicalDatastoreType.CONFIGURATION, migrationPath(notice.vmId));
                        // back home, possibly on another port (another hypervisor) or with another MAC: that is
                        // where it is now, and where its peers' translations must find it
                        final Vm atHome = notice.atHome(vm.orElseThrow());
                        if (!atHome.equals(vm.orElseThrow())) {
                            tx.put(LogicalDatastoreType.CONFIGURATION, vmPath(notice.vmId), atHome);
                        }
                        results.add(result(notice.vmId, NotifyOutcome.ReturnedHome));
                        expected.put(notice.vmId, Optional.empty());
                    } else {
                        // a new move keeps who cut over (and whether the last cut-over completes it)
                        final Migration migration = notice.toMigration(Futures.getDone(before.get(notice.vmId))
                            .orElse(null));
                        tx.put(LogicalDatastoreType.CONFIGURATION, migrationPath(notice.vmId), migration);
                        results.add(result(notice.vmId, NotifyOutcome.Migrated));
                        expected.put(notice.vmId, Optional.of(ChangeReader.migration(migration)));
                    }
                }
                if (expected.isEmpty()) {
                    tx.cancel();
                    return Futures.immediateFuture(results);
                }
                return Futures.transformAsync(bounded(tx.commit(), null), info -> {
                    final List<ListenableFuture<Void>> waits = new ArrayList<>();
                    expected.forEach((vmId, migration) -> waits.add(published.apply(vmId, migration)));
                    return Futures.transform(Futures.withTimeout(Futures.successfulAsList(waits), PUBLISH_WAIT_MS,
                        TimeUnit.MILLISECONDS, timer), done -> results, MoreExecutors.directExecutor());
                }, MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        return Futures.catchingAsync(outcome, Exception.class, failure -> {
            final Throwable root = Throwables.getRootCause(failure);
            if (root instanceof DatastoreTimeout) {
                // the read or commit got no answer: try again in a new transaction (storing the same intent twice
                // changes nothing), or give up with the reason
                return attempts > 1 ? batch(notices, attempts - 1) : Futures.immediateFailedFuture(failure);
            }
            if (root instanceof java.util.concurrent.TimeoutException) {
                // stored, but the state was not published in time: the answer stands
                return Futures.immediateFuture(storedWithoutState(notices));
            }
            final String validation = validationMessage(failure);
            if (validation != null) {
                final Map<String, String> named = new HashMap<>();
                final var matcher = REFUSED_MIGRATION.matcher(validation);
                while (matcher.find()) {
                    named.merge(matcher.group(1), matcher.group(2).trim(), (first, second) -> first + "; " + second);
                }
                final List<Notice> rest = notices.stream().filter(notice -> !named.containsKey(notice.vmId))
                    .toList();
                if (named.isEmpty() || rest.size() == notices.size() || attempts <= 1) {
                    // the refusal names no single VM of the batch: refuse them all with it
                    return Futures.immediateFuture(notices.stream().map(notice -> refusal(notice.vmId,
                        named.getOrDefault(notice.vmId, validation))).toList());
                }
                final List<Result> refused = new ArrayList<>();
                named.forEach((vmId, reason) -> refused.add(refusal(vmId, reason)));
                if (rest.isEmpty()) {
                    return Futures.immediateFuture(refused);
                }
                return Futures.transform(batch(rest, attempts - 1), stored -> {
                    final List<Result> all = new ArrayList<>(refused);
                    all.addAll(stored);
                    return all;
                }, MoreExecutors.directExecutor());
            }
            if (attempts > 1 && isConflict(failure)) {
                return batch(notices, attempts - 1);
            }
            return Futures.immediateFailedFuture(failure);
        }, MoreExecutors.directExecutor());
    }

    /** A datastore read or commit that got no answer in time. */
    static final class DatastoreTimeout extends Exception {
        private static final long serialVersionUID = 1L;

        DatastoreTimeout() {
            super("the datastore did not answer within " + DATASTORE_TIMEOUT_S + " s");
        }
    }

    /**
     * Bounds a datastore operation; on timeout the transaction (if given) is cancelled and the future fails with
     * {@link DatastoreTimeout}.
     */
    <T> ListenableFuture<T> bounded(final ListenableFuture<T> operation,
            final org.opendaylight.mdsal.binding.api.@Nullable Transaction tx) {
        return Futures.catchingAsync(Futures.withTimeout(operation, DATASTORE_TIMEOUT_S, TimeUnit.SECONDS, timer),
            java.util.concurrent.TimeoutException.class, timeout -> {
                if (tx instanceof ReadWriteTransaction readWrite) {
                    readWrite.cancel();
                }
                return Futures.immediateFailedFuture(new DatastoreTimeout());
            }, MoreExecutors.directExecutor());
    }

    private <O> ListenableFuture<RpcResult<O>> awaitPublished(final String vmId,
            final Optional<org.opendaylight.vmmobility.impl.planner.Migration> expected, final RpcResult<O> answer) {
        return awaitPublished(published, timer, vmId, expected, answer);
    }

    /**
     * The answer, once the VM's migration state shows the stored intent, or after {@value #PUBLISH_WAIT_MS} ms
     * (stored, the state follows).
     */
    static <O> ListenableFuture<RpcResult<O>> awaitPublished(final BiFunction<String,
            Optional<org.opendaylight.vmmobility.impl.planner.Migration>, ListenableFuture<Void>> published,
            final ScheduledExecutorService timer, final String vmId,
            final Optional<org.opendaylight.vmmobility.impl.planner.Migration> expected, final RpcResult<O> answer) {
        return Futures.catching(Futures.transform(Futures.withTimeout(published.apply(vmId, expected),
            PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS, timer), ignored -> answer, MoreExecutors.directExecutor()),
            Exception.class, ignored -> answer, MoreExecutors.directExecutor());
    }

    private static List<Result> storedWithoutState(final List<Notice> notices) {
        // only reached when the commit succeeded; the outcomes were computed before it
        return notices.stream().map(notice -> result(notice.vmId, NotifyOutcome.Migrated)).toList();
    }

    private static Notice notice(final String vmId, final MigrationNotice input) {
        final Ipv4Host address = InputFields.address("new-address", input.getNewAddress());
        final EthernetAddress mac = InputFields.mac("new-mac", input.getNewMac());
        final var attachment = input.getNewAttachment();
        return new Notice(vmId, address, mac, attachment == null ? null : new NewAttachmentBuilder()
            .setNodeId(InputFields.nodeId("new-attachment/node-id", attachment.getNodeId()))
            .setPort(InputFields.port("new-attachment/port", attachment.getPort())).build());
    }

    private static Result result(final String vmId, final NotifyOutcome outcome) {
        return new ResultBuilder().setVmId(vmId).setOutcome(outcome).build();
    }

    private static Result refusal(final String vmId, final String reason) {
        return new ResultBuilder().setVmId(vmId).setOutcome(NotifyOutcome.Refused).setReason(reason)
            .build();
    }

    static @Nullable String validationMessage(final Throwable failure) {
        return Throwables.getCausalChain(failure).stream().filter(DataValidationFailedException.class::isInstance)
            .findFirst().map(Throwable::getMessage).orElse(null);
    }

    static boolean isConflict(final Throwable failure) {
        return Throwables.getCausalChain(failure).stream().anyMatch(OptimisticLockFailedException.class::isInstance);
    }

    static DataObjectIdentifier<Migration> migrationPath(final String vmId) {
        return Reconciler.ROOT.toBuilder().child(Migration.class, new MigrationKey(new Name(vmId))).build();
    }

    static DataObjectIdentifier<Vm> vmPath(final String vmId) {
        return Reconciler.ROOT.toBuilder().child(Vm.class, new VmKey(new Name(vmId))).build();
    }

    static <O> ListenableFuture<RpcResult<O>> invalid(final String message) {
        return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.INVALID_VALUE, message)
            .buildFuture();
    }

    static <O> ListenableFuture<RpcResult<O>> failed(final Throwable failure) {
        return Futures.immediateFuture(RpcResultBuilder.<O>failed()
            .withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                "storing the intent failed: " + Throwables.getRootCause(failure).getMessage(), null, null, failure)
            .build());
    }
}
