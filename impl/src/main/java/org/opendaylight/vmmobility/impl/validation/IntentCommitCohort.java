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
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNodeContainer;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * Rejects, before commit, a configuration that breaks a rule YANG cannot state (see {@link IntentValidator}). The
 * rejection reaches a RESTCONF client as 400 invalid-value with every violation and its path in the message, and
 * nothing is stored.
 */
public final class IntentCommitCohort implements DOMDataTreeCommitCohort {
    /** Where the cohort is registered: the configuration root. */
    public static final YangInstanceIdentifier ROOT = YangInstanceIdentifier.of(VmMobility.QNAME);

    /** The config-false containers of the model, which no configuration may carry. */
    private static final QName STATE = QName.create(VmMobility.QNAME, "state");

    private final BindingNormalizedNodeSerializer codec;

    /**
     * Creates the cohort.
     *
     * @param codec converts the candidate to binding objects
     */
    public IntentCommitCohort(final BindingNormalizedNodeSerializer codec) {
        this.codec = requireNonNull(codec);
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        for (var candidate : candidates) {
            final var after = candidate.getRootNode().dataAfter();
            if (after == null) {
                continue;
            }
            final var path = candidate.getRootPath().path();
            if (containsState(after)) {
                return reject(path, IntentValidator.ROOT + ": " + IntentValidator.STATE_NOT_CONFIGURABLE);
            }
            List<Violation> violations;
            try {
                final var before = candidate.getRootNode().dataBefore();
                violations = IntentValidator.validate(
                    before == null ? null : (VmMobility) codec.fromNormalizedNode(path, before).getValue(),
                    (VmMobility) codec.fromNormalizedNode(path, after).getValue());
            } catch (RuntimeException e) {
                // a value the binding types refuse (the DOM layer let it through): never throw from canCommit
                violations = List.of(new Violation(IntentValidator.ROOT, "invalid value: " + e.getMessage()));
            }
            if (!violations.isEmpty()) {
                return reject(path, violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
            }
        }
        return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
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
}
