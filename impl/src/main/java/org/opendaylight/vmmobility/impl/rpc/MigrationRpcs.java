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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.IpAddress;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.rpc.RpcAttempt.Outcome;
import org.opendaylight.vmmobility.impl.validation.IntentValidator;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.ActivationOrigin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.CompleteMigrationOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationNotice;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyOutcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.target.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.output.Result;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.output.ResultBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.AttachmentBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The RPCs notify-migration, notify-migrations (a batch in one transaction) and complete-migration. Each reads only
 * the entries it names, by key, and writes them; the commit cohort checks the rest. They go through the
 * {@link VmTransactionRunner}: one VM's RPCs (cut-over too) run one at a time in arrival order, other VMs' in
 * parallel; every read and commit is bounded and retried in a new transaction; a commit that got no answer cannot
 * land over a newer intent. Each answers once the intent is stored and its migration's state (pending at least) is
 * published, so a GET right after the answer finds it (waiting at most
 * {@value VmTransactionRunner#PUBLISH_WAIT_MS} ms for the state).
 */
public final class MigrationRpcs {
    private static final Pattern REFUSED_MIGRATION = Pattern.compile("/migration=([^/:]+)[^:]*: ([^;]*)");

    private final VmTransactionRunner runner;

    /**
     * Creates the RPCs.
     *
     * @param runner the transaction runner all the RPCs share (the per-VM order spans them)
     */
    public MigrationRpcs(final VmTransactionRunner runner) {
        this.runner = requireNonNull(runner);
    }

    /** One VM's notice, read and checked. */
    private record Notice(String vmId, @Nullable Ipv4Host newAddress, @Nullable Ipv6Host newAddress6,
            @Nullable EthernetAddress newMac,
            org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.target
                .@Nullable NewAttachment newAttachment, boolean byAnnouncement) {
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

        /**
         * Whether the VM is back home: every new address given is its home address of that family. A family whose
         * new address is its home address is kept as it is.
         */
        boolean returnsHome(final Vm vm) {
            return moved4(vm) == null && moved6(vm) == null;
        }

        /** The new IPv4 address, or null when none is given or it is the VM's home address (kept as it is). */
        @Nullable Ipv4Host moved4(final Vm vm) {
            return newAddress == null || newAddress.equals(vm.getHomeAddress()) ? null : newAddress;
        }

        /** The new IPv6 address, or null when none is given or it is the VM's home address in any spelling. */
        @Nullable Ipv6Host moved6(final Vm vm) {
            return newAddress6 == null || vm.getHomeAddress6() != null && newAddress6.getValue().equals(
                IntentValidator.canonical(vm.getHomeAddress6().getValue())) ? null : newAddress6;
        }

        /**
         * An announcement names one family: the other family's new address of the stored migration stays. An RPC's
         * notice says the whole move and is taken as it is.
         */
        Notice keepingTheOtherFamily(final @Nullable Migration previous) {
            if (!byAnnouncement || previous == null) {
                return this;
            }
            return new Notice(vmId, newAddress != null ? newAddress : previous.getNewAddress(),
                newAddress6 != null ? newAddress6 : previous.getNewAddress6(), newMac, newAttachment, true);
        }

        Migration toMigration(final Vm vm, final @Nullable Migration previous) {
            final var builder = new MigrationBuilder().setVmId(new Name(vmId)).setNewAddress(moved4(vm))
                .setNewAddress6(moved6(vm)).setNewMac(newMac).setNewAttachment(newAttachment)
                .setActivatedBy(byAnnouncement ? ActivationOrigin.Announcement : null);
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
            return Futures.immediateFuture(RpcAnswers.invalid("invalid input: " + e.getMessage()));
        }
        final ListenableFuture<RpcResult<NotifyMigrationOutput>> answer = Futures.transform(
            runner.run(List.of(notice.vmId), new NoticesAttempt(List.of(notice))), results -> {
                final Result result = results.get(0);
                if (result.getOutcome() == NotifyOutcome.Refused) {
                    return RpcAnswers.<NotifyMigrationOutput>invalid(result.getReason());
                }
                return RpcResultBuilder.success(new NotifyMigrationOutputBuilder().setOutcome(result.getOutcome())
                    .build()).build();
            }, MoreExecutors.directExecutor());
        return Futures.catching(answer, Exception.class, RpcAnswers::failure, MoreExecutors.directExecutor());
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
            return Futures.immediateFuture(RpcAnswers.invalid("migration: at least one entry is needed"));
        }
        for (var entry : entries.values()) {
            final String vmId = entry.key().getVmId();
            try {
                notices.add(notice(InputFields.name("migration/vm-id", vmId).getValue(), entry));
            } catch (IllegalArgumentException e) {
                refused.put(vmId, refusal(vmId, "invalid input: " + e.getMessage()));
            }
        }
        final NoticesAttempt attempt = new NoticesAttempt(notices);
        final ListenableFuture<List<Result>> stored = notices.isEmpty() ? Futures.immediateFuture(List.of())
            : runner.run(notices.stream().map(Notice::vmId).toList(), attempt);
        final ListenableFuture<RpcResult<NotifyMigrationsOutput>> answer = Futures.transform(stored, results -> {
            final Map<String, Result> all = new TreeMap<>(refused);
            results.forEach(result -> all.put(result.getVmId(), result));
            return RpcResultBuilder.success(new NotifyMigrationsOutputBuilder()
                .setResult(BindingMap.ordered(all.values())).build()).build();
        }, MoreExecutors.directExecutor());
        return Futures.catching(answer, Exception.class, failure -> {
            final String validation = VmTransactionRunner.validationMessage(failure);
            if (validation == null) {
                return RpcAnswers.failed(failure);
            }
            // the cohort refused: each VM with the reason that names it, or the whole refusal
            final Map<String, String> named = refusedMigrations(validation);
            final Map<String, Result> all = new TreeMap<>(refused);
            for (Notice notice : notices) {
                final Result earlier = attempt.refused.get(notice.vmId);
                all.put(notice.vmId, earlier != null ? earlier
                    : refusal(notice.vmId, named.getOrDefault(notice.vmId, validation)));
            }
            return RpcResultBuilder.success(new NotifyMigrationsOutputBuilder()
                .setResult(BindingMap.ordered(all.values())).build()).build();
        }, MoreExecutors.directExecutor());
    }

    /**
     * A VM announced an address itself (a gratuitous ARP or an unsolicited Neighbor Advertisement, checked by the
     * caller): stores its migration exactly as notify-migration with that new address would, marked activated by
     * announcement, through the same per-VM order, checks and retries. The other family's new address of a
     * migration already stored is kept (a dual-stack VM announces each family on its own); the migration is removed
     * when both families are back at their home addresses.
     *
     * @param vmId the VM
     * @param address the address it announced
     * @return the outcome once stored: migrated, returned-home, or refused with the reason
     */
    public ListenableFuture<Result> announced(final String vmId, final IpAddress address) {
        final Notice notice = address instanceof Ipv4 ? new Notice(vmId, new Ipv4Host(address.toString()), null, null,
            null, true) : new Notice(vmId, null, new Ipv6Host(address.toString()), null, null, true);
        final NoticesAttempt attempt = new NoticesAttempt(List.of(notice));
        return Futures.catching(Futures.transform(runner.run(List.of(vmId), attempt), results -> results.get(0),
            MoreExecutors.directExecutor()), Exception.class, failure -> {
                final String validation = VmTransactionRunner.validationMessage(failure);
                if (validation == null) {
                    throw new IllegalStateException("the migration of " + vmId + " was not stored", failure);
                }
                return refusal(vmId, refusedMigrations(validation).getOrDefault(vmId, validation));
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
        final String vmId;
        try {
            vmId = InputFields.name("vm-id", input.getVmId()).getValue();
        } catch (IllegalArgumentException e) {
            return Futures.immediateFuture(RpcAnswers.invalid("invalid input: " + e.getMessage()));
        }
        final RpcAttempt<RpcResult<CompleteMigrationOutput>> attempt = tx -> {
            final var migrationRead = tx.read(ConfigPaths.migration(vmId));
            final var vmRead = tx.read(ConfigPaths.vm(vmId));
            return Futures.transform(Futures.allAsList(migrationRead, vmRead), ignored -> {
                final Optional<Migration> migration = Futures.getUnchecked(migrationRead);
                final Optional<Vm> vm = Futures.getUnchecked(vmRead);
                if (migration.isEmpty() || vm.isEmpty()) {
                    return Outcome.nothingToWrite(RpcAnswers.invalid("VM " + vmId + " has no migration to complete"));
                }
                complete(tx, vm.orElseThrow(), migration.orElseThrow());
                return Outcome.commit(RpcResultBuilder.success(new CompleteMigrationOutputBuilder().build()).build(),
                    Map.of(vmId, Optional.empty()));
            }, MoreExecutors.directExecutor());
        };
        return Futures.catching(runner.run(List.of(vmId), attempt), Exception.class, RpcAnswers::failure,
            MoreExecutors.directExecutor());
    }

    /**
     * Completes a migration in a transaction: the VM's new address, MAC and attachment become its home ones, and the
     * migration (with its cut-overs) is removed.
     *
     * @param tx the transaction
     * @param vm the VM
     * @param done its migration
     */
    static void complete(final RpcTransaction tx, final Vm vm, final Migration done) {
        final var updated = new VmBuilder(vm);
        if (done.getNewAddress() != null) {
            updated.setHomeAddress(done.getNewAddress());
        }
        if (done.getNewAddress6() != null) {
            updated.setHomeAddress6(done.getNewAddress6());
        }
        if (done.getNewMac() != null) {
            updated.setMac(done.getNewMac());
        }
        final var attachment = done.getNewAttachment();
        if (attachment != null) {
            updated.setAttachment(new AttachmentBuilder().setNodeId(attachment.getNodeId())
                .setPort(attachment.getPort()).build());
        }
        final String vmId = vm.requireVmId().getValue();
        tx.put(ConfigPaths.vm(vmId), updated.build());
        tx.delete(ConfigPaths.migration(vmId));
    }

    /**
     * Stores the acceptable notices in one transaction: reads each VM by key, refuses unknown VMs, deletes the
     * migration of a VM back home, puts the others. A refusal of the cohort naming some of the migrations refuses
     * those and runs again with the rest.
     */
    private static final class NoticesAttempt implements RpcAttempt<List<Result>> {
        /** The notices still to store (a cohort's refusal removes the ones it names). */
        private List<Notice> pending;
        /** The notices the cohort refused, with the reason that names them. */
        private final Map<String, Result> refused = new TreeMap<>();

        NoticesAttempt(final List<Notice> notices) {
            pending = List.copyOf(notices);
        }

        @Override
        public ListenableFuture<Outcome<List<Result>>> run(final RpcTransaction tx) {
            final List<Notice> notices = pending;
            final Map<String, ListenableFuture<Optional<Vm>>> vms = new HashMap<>();
            final Map<String, ListenableFuture<Optional<Migration>>> before = new HashMap<>();
            for (Notice notice : notices) {
                vms.put(notice.vmId, tx.read(ConfigPaths.vm(notice.vmId)));
                before.put(notice.vmId, tx.read(ConfigPaths.migration(notice.vmId)));
            }
            final List<ListenableFuture<?>> reads = new ArrayList<>(vms.values());
            reads.addAll(before.values());
            return Futures.transform(Futures.allAsList(reads), ignored -> {
                final List<Result> results = new ArrayList<>(refused.values());
                final Map<String, Optional<org.opendaylight.vmmobility.impl.planner.Migration>> published =
                    new HashMap<>();
                for (Notice given : notices) {
                    final Notice notice = given.keepingTheOtherFamily(Futures.getUnchecked(before.get(given.vmId))
                        .orElse(null));
                    final Optional<Vm> vm = Futures.getUnchecked(vms.get(notice.vmId));
                    if (vm.isEmpty()) {
                        results.add(refusal(notice.vmId, "VM " + notice.vmId
                            + " is not registered: add it to the vm list first"));
                    } else if (notice.returnsHome(vm.orElseThrow())) {
                        tx.delete(ConfigPaths.migration(notice.vmId));
                        // back home, possibly on another port (another hypervisor) or with another MAC: that is
                        // where it is now, and where its peers' translations must find it
                        final Vm atHome = notice.atHome(vm.orElseThrow());
                        if (!atHome.equals(vm.orElseThrow())) {
                            tx.put(ConfigPaths.vm(notice.vmId), atHome);
                        }
                        results.add(result(notice.vmId, NotifyOutcome.ReturnedHome));
                        published.put(notice.vmId, Optional.empty());
                    } else {
                        // a new move keeps who cut over (and whether the last cut-over completes it)
                        final Migration migration = notice.toMigration(vm.orElseThrow(),
                            Futures.getUnchecked(before.get(notice.vmId)).orElse(null));
                        tx.put(ConfigPaths.migration(notice.vmId), migration);
                        results.add(result(notice.vmId, NotifyOutcome.Migrated));
                        published.put(notice.vmId, Optional.of(ChangeReader.migration(migration)));
                    }
                }
                return published.isEmpty() ? Outcome.nothingToWrite(results) : Outcome.commit(results, published);
            }, MoreExecutors.directExecutor());
        }

        @Override
        public boolean retryWithout(final String refusal) {
            final Map<String, String> named = refusedMigrations(refusal);
            final List<Notice> rest = pending.stream().filter(notice -> !named.containsKey(notice.vmId)).toList();
            if (rest.isEmpty() || rest.size() == pending.size()) {
                // the refusal names all of them, or none of them: it is the answer
                return false;
            }
            pending.stream().filter(notice -> named.containsKey(notice.vmId)).forEach(notice -> refused.put(
                notice.vmId, refusal(notice.vmId, named.get(notice.vmId))));
            pending = rest;
            return true;
        }
    }

    /** The migrations a cohort's refusal names, each with its reasons. */
    private static Map<String, String> refusedMigrations(final String refusal) {
        final Map<String, String> named = new HashMap<>();
        final var matcher = REFUSED_MIGRATION.matcher(refusal);
        while (matcher.find()) {
            named.merge(matcher.group(1), matcher.group(2).trim(), (first, second) -> first + "; " + second);
        }
        return named;
    }

    private static Notice notice(final String vmId, final MigrationNotice input) {
        if (input.getNewAddress() == null && input.getNewAddress6() == null) {
            throw new InputFields.InvalidField("new-address", "is mandatory (new-address for IPv4, new-address6 for "
                + "IPv6, or both)");
        }
        final Ipv4Host address = input.getNewAddress() == null ? null
            : InputFields.address("new-address", input.getNewAddress());
        final Ipv6Host address6 = InputFields.address6("new-address6", input.getNewAddress6());
        final EthernetAddress mac = InputFields.mac("new-mac", input.getNewMac());
        final var attachment = input.getNewAttachment();
        return new Notice(vmId, address, address6, mac, attachment == null ? null : new NewAttachmentBuilder()
            .setNodeId(InputFields.nodeId("new-attachment/node-id", attachment.getNodeId()))
            .setPort(InputFields.port("new-attachment/port", attachment.getPort())).build(), false);
    }

    private static Result result(final String vmId, final NotifyOutcome outcome) {
        return new ResultBuilder().setVmId(vmId).setOutcome(outcome).build();
    }

    private static Result refusal(final String vmId, final String reason) {
        return new ResultBuilder().setVmId(vmId).setOutcome(NotifyOutcome.Refused).setReason(reason)
            .build();
    }
}
