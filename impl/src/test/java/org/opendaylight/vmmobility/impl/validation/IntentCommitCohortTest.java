/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import com.google.common.base.Throwables;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.vmmobility.impl.reconcile.Reconciler;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;

/**
 * The cohort with the real binding codec: what it accepts, and that a rejection carries invalid-value (which
 * RESTCONF answers with 400) and every violation.
 */
public class IntentCommitCohortTest extends AbstractConcurrentDataBrokerTest {
    private DOMDataTreeCandidate candidate(final VmMobility after) {
        final var codec = getDataBrokerTestCustomizer().getAdapterContext().currentSerializer();
        final var node = ((BindingNormalizedNodeSerializer.NodeResult) codec.toNormalizedNode(Reconciler.ROOT, after))
            .node();
        final var root = mock(DataTreeCandidateNode.class);
        doReturn(node).when(root).dataAfter();
        final var candidate = mock(DOMDataTreeCandidate.class);
        doReturn(root).when(candidate).getRootNode();
        doReturn(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, IntentCommitCohort.ROOT))
            .when(candidate).getRootPath();
        return candidate;
    }

    private IntentCommitCohort cohort() {
        return new IntentCommitCohort(getDataBrokerTestCustomizer().getAdapterContext().currentSerializer());
    }

    @Test
    public void acceptsAValidConfiguration() throws Exception {
        assertEquals(PostCanCommitStep.NOOP, cohort().canCommit("tx", null,
            List.of(candidate(shop(migration("db", "10.0.2.33", "openflow:2", 1))))).get());
    }

    @Test
    public void rejectsWithInvalidValueNamingTheNode() {
        final var failure = assertThrows(ExecutionException.class, () -> cohort().canCommit("tx", null,
            List.of(candidate(shop(migration("ghost", "10.0.2.33", "openflow:2", 1))))).get());
        assertTrue(failure.getCause() instanceof DataValidationFailedException);
        final var documented = Throwables.getCausalChain(failure).stream()
            .filter(NetconfDocumentedException.class::isInstance).map(NetconfDocumentedException.class::cast)
            .findFirst().orElseThrow();
        assertEquals(ErrorTag.INVALID_VALUE, documented.getErrorTag());
        assertEquals("/vm-mobility:vm-mobility/migration=ghost: VM ghost is not a member of any application group",
            documented.getMessage());
    }

    @Test
    public void rejectsConfigFalseStateInTheConfiguration() {
        final var withState = new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
            .rev261125.VmMobilityBuilder(shop(migration("db", "10.0.2.33", "openflow:2", 1)))
            .setMigration(org.opendaylight.yangtools.binding.util.BindingMap.of(
                new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm
                    .mobility.MigrationBuilder(migration("db", "10.0.2.33", "openflow:2", 1))
                    .setState(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
                        .rev261125.vm.mobility.migration.StateBuilder().setReason("forged").build())
                    .build()))
            .build();
        final var failure = assertThrows(ExecutionException.class, () -> cohort().canCommit("tx", null,
            List.of(candidate(withState))).get());
        assertTrue(failure.getCause().getMessage(), failure.getCause().getMessage().contains("state is operational"));
    }
}
