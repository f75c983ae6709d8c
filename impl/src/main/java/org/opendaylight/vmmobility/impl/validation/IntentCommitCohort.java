/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNodeContainer;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * Refuses, before commit, configuration that YANG cannot refuse ({@link IntentValidator}), with invalid-value
 * naming the entry (RESTCONF answers 400). Only the entries a transaction writes and the VMs it deletes are checked,
 * each against the configuration the transaction leaves, read by key: the cost follows the change, not the
 * configuration.
 * Never throws: anything unexpected becomes a refusal naming the problem.
 */
public final class IntentCommitCohort implements DOMDataTreeCommitCohort {
    /** Where the cohort is registered: the configuration root. */
    public static final YangInstanceIdentifier ROOT = YangInstanceIdentifier.of(VmMobility.QNAME);

    private static final QName STATE = QName.create(VmMobility.QNAME, "state");
    private static final QName VM_ID = QName.create(VmMobility.QNAME, "vm-id");
    private static final QName GROUP_NAME = QName.create(VmMobility.QNAME, "name");
    private static final NodeIdentifier VMS = NodeIdentifier.create(Vm.QNAME);
    private static final NodeIdentifier GROUPS = NodeIdentifier.create(ApplicationGroup.QNAME);
    private static final NodeIdentifier MIGRATIONS = NodeIdentifier.create(Migration.QNAME);
    private static final NodeIdentifier SUBNETS = NodeIdentifier.create(Subnet.QNAME);

    private final BindingNormalizedNodeSerializer codec;
    private IntentValidator validator = new IntentValidator();
    private boolean learned;
    /** The configuration before and after the last checked transaction (one of them is the next one's before). */
    private @Nullable NormalizedNode lastBefore;
    private @Nullable NormalizedNode lastAfter;

    /**
     * Creates the cohort.
     *
     * @param codec converts entries to binding objects
     */
    public IntentCommitCohort(final BindingNormalizedNodeSerializer codec) {
        this.codec = requireNonNull(codec);
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public synchronized FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        for (var candidate : candidates) {
            final var root = candidate.getRootNode();
            final var after = root.dataAfter();
            if (after == null) {
                continue;
            }
            List<Violation> violations;
            try {
                final var before = root.dataBefore();
                if (!learned || before != lastBefore && before != lastAfter) {
                    // the configuration that exists before the first checked transaction; and again whenever this
                    // cohort did not see how the configuration came to be (in a cluster the shard leader's cohort
                    // checks: leadership moved here from another node and back)
                    validator = new IntentValidator();
                    learnAll(before);
                    learned = true;
                }
                lastBefore = before;
                lastAfter = after;
                violations = check(root, (DistinctNodeContainer<?, ?>) after);
            } catch (RuntimeException e) {
                // a value the binding types refuse (the DOM layer let it through): never throw from canCommit
                violations = List.of(new Violation(IntentValidator.ROOT, "invalid value: " + e.getMessage()));
            }
            if (!violations.isEmpty()) {
                return reject(candidate.getRootPath().path(), violations.stream().map(Violation::toString)
                    .collect(Collectors.joining("; ")));
            }
        }
        return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
    }

    private List<Violation> check(final org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode root,
            final DistinctNodeContainer<?, ?> after) {
        final List<Violation> violations = new ArrayList<>();
        final List<Subnet> subnets = new ArrayList<>();
        final List<Vm> vms = new ArrayList<>();
        final List<ApplicationGroup> groups = new ArrayList<>();
        final List<Migration> migrations = new ArrayList<>();
        final List<String> deletedVms = new ArrayList<>();
        for (var list : root.childNodes()) {
            final QName name = list.name().getNodeType();
            if (VMS.equals(list.name())) {
                deletedVms.addAll(deletedVms(list));
            }
            for (var entry : list.childNodes()) {
                final var written = entry.dataAfter();
                if (written == null || entry.modificationType() == ModificationType.UNMODIFIED
                        || written.equals(entry.dataBefore())) {
                    continue;
                }
                if (containsState(written)) {
                    violations.add(new Violation(IntentValidator.ROOT + "/" + name.getLocalName() + "="
                        + keyText(entry.name()) + "/state", IntentValidator.STATE_NOT_CONFIGURABLE));
                    continue;
                }
                final var path = ROOT.node(list.name()).node(entry.name());
                final var binding = codec.fromNormalizedNode(path, written).getValue();
                switch (binding) {
                    case Subnet subnet -> subnets.add(subnet);
                    case Vm vm -> vms.add(vm);
                    case ApplicationGroup group -> groups.add(group);
                    case Migration migration -> migrations.add(migration);
                    default -> {
                        // nothing else is configurable
                    }
                }
            }
        }
        if (subnets.isEmpty() && vms.isEmpty() && groups.isEmpty() && migrations.isEmpty() && deletedVms.isEmpty()) {
            return violations;
        }
        violations.addAll(validator.validate(new IntentValidator.Written(subnets, vms, groups, migrations,
            deletedVms), new DomLookup(after)));
        return violations;
    }

    /** The VMs a transaction deletes: entries of the vm list before it that are gone after it. */
    private static List<String> deletedVms(final org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode
            list) {
        final List<String> deleted = new ArrayList<>();
        if (list.dataAfter() == null && list.dataBefore() instanceof DistinctNodeContainer<?, ?> before) {
            // the whole list is deleted: every entry it had
            before.body().forEach(entry -> deleted.add(vmIdOf(entry.name())));
            return deleted;
        }
        for (var entry : list.childNodes()) {
            if (entry.dataAfter() == null && entry.dataBefore() != null) {
                deleted.add(vmIdOf(entry.name()));
            }
        }
        return deleted;
    }

    private static String vmIdOf(final YangInstanceIdentifier.PathArgument entry) {
        return String.valueOf(((NodeIdentifierWithPredicates) entry).getValue(VM_ID));
    }

    private void learnAll(final @Nullable NormalizedNode before) {
        if (!(before instanceof DistinctNodeContainer<?, ?> root)) {
            return;
        }
        final List<Vm> vms = new ArrayList<>();
        final List<ApplicationGroup> groups = new ArrayList<>();
        final List<Migration> migrations = new ArrayList<>();
        entries(root, VMS).forEach(entry -> vms.add((Vm) codec.fromNormalizedNode(ROOT.node(VMS).node(entry.name()),
            entry).getValue()));
        entries(root, GROUPS).forEach(entry -> groups.add((ApplicationGroup) codec.fromNormalizedNode(
            ROOT.node(GROUPS).node(entry.name()), entry).getValue()));
        entries(root, MIGRATIONS).forEach(entry -> migrations.add((Migration) codec.fromNormalizedNode(
            ROOT.node(MIGRATIONS).node(entry.name()), entry).getValue()));
        validator.learn(vms, groups, migrations);
    }

    private static Collection<MapEntryNode> entries(final DistinctNodeContainer<?, ?> root,
            final NodeIdentifier list) {
        final NormalizedNode map = child(root, list);
        if (map instanceof DistinctNodeContainer<?, ?> container) {
            return container.body().stream().map(MapEntryNode.class::cast).toList();
        }
        return List.of();
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static @Nullable NormalizedNode child(final DistinctNodeContainer<?, ?> container,
            final YangInstanceIdentifier.PathArgument name) {
        return (NormalizedNode) ((DistinctNodeContainer) container).childByArg(name);
    }

    private static String keyText(final YangInstanceIdentifier.PathArgument arg) {
        return arg instanceof NodeIdentifierWithPredicates keyed ? keyed.values().stream().map(String::valueOf)
            .collect(Collectors.joining(",")) : arg.toString();
    }

    private static boolean containsState(final NormalizedNode node) {
        if (STATE.equals(node.name().getNodeType())) {
            return true;
        }
        return node instanceof NormalizedNodeContainer<?> container
            && container.body().stream().anyMatch(IntentCommitCohort::containsState);
    }

    private static FluentFuture<PostCanCommitStep> reject(final YangInstanceIdentifier path, final String message) {
        return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
            YangInstanceIdentifier.class, path, message, new NetconfDocumentedException(message,
                ErrorType.APPLICATION, ErrorTag.INVALID_VALUE, ErrorSeverity.ERROR)));
    }

    /** Reads the configuration a transaction leaves, by key (and all its subnets, once). */
    private final class DomLookup implements IntentValidator.Lookup {
        private final DistinctNodeContainer<?, ?> after;
        private @Nullable List<Subnet> subnets;

        DomLookup(final DistinctNodeContainer<?, ?> after) {
            this.after = after;
        }

        @Override
        public @Nullable Vm vm(final String vmId) {
            return (Vm) read(VMS, Vm.QNAME, VM_ID, vmId);
        }

        @Override
        public @Nullable Migration migration(final String vmId) {
            return (Migration) read(MIGRATIONS, Migration.QNAME, VM_ID, vmId);
        }

        @Override
        public @Nullable ApplicationGroup group(final String name) {
            return (ApplicationGroup) read(GROUPS, ApplicationGroup.QNAME, GROUP_NAME, name);
        }

        @Override
        public List<Subnet> subnets() {
            if (subnets == null) {
                subnets = entries(after, SUBNETS).stream().map(entry -> (Subnet) codec.fromNormalizedNode(
                    ROOT.node(SUBNETS).node(entry.name()), entry).getValue()).toList();
            }
            return subnets;
        }

        private @Nullable Object read(final NodeIdentifier list, final QName entryName, final QName keyName,
                final String key) {
            final NormalizedNode map = child(after, list);
            if (!(map instanceof DistinctNodeContainer<?, ?> container)) {
                return null;
            }
            final var entryKey = NodeIdentifierWithPredicates.of(entryName, keyName, key);
            final NormalizedNode entry = child(container, entryKey);
            return entry == null ? null : codec.fromNormalizedNode(ROOT.node(list).node(entryKey), entry).getValue();
        }
    }
}
