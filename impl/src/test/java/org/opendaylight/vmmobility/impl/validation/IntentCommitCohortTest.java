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
import static org.opendaylight.vmmobility.impl.testing.Intents.group;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;
import static org.opendaylight.vmmobility.impl.testing.Intents.subnet;
import static org.opendaylight.vmmobility.impl.testing.Intents.vm;

import com.google.common.base.Throwables;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobilityBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.StateBuilder;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.spi.DataTreeCandidateNodes;

public class IntentCommitCohortTest extends AbstractConcurrentDataBrokerTest {
    private NormalizedNode dom(final VmMobility config) {
        final var codec = getDataBrokerTestCustomizer().getAdapterContext().currentSerializer();
        return ((BindingNormalizedNodeSerializer.NodeResult) codec.toNormalizedNode(ConfigPaths.ROOT, config)).node();
    }

    private DOMDataTreeCandidate candidate(final @Nullable VmMobility before, final VmMobility after) {
        final var afterNode = dom(after);
        final DataTreeCandidateNode root;
        if (before == null) {
            root = DataTreeCandidateNodes.written(afterNode);
        } else {
            final var beforeNode = dom(before);
            root = mock(DataTreeCandidateNode.class);
            doReturn(afterNode).when(root).dataAfter();
            doReturn(beforeNode).when(root).dataBefore();
            doReturn(DataTreeCandidateNodes.containerDelta((DistinctNodeContainer<?, ?>) beforeNode,
                (DistinctNodeContainer<?, ?>) afterNode)).when(root).childNodes();
        }
        final var candidate = mock(DOMDataTreeCandidate.class);
        doReturn(root).when(candidate).getRootNode();
        doReturn(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, IntentCommitCohort.ROOT))
            .when(candidate).getRootPath();
        return candidate;
    }

    private IntentCommitCohort cohort() {
        return new IntentCommitCohort(getDataBrokerTestCustomizer().getAdapterContext().currentSerializer());
    }

    private static NetconfDocumentedException refusal(final ExecutionException failure) {
        assertTrue(failure.getCause() instanceof DataValidationFailedException);
        return Throwables.getCausalChain(failure).stream().filter(NetconfDocumentedException.class::isInstance)
            .map(NetconfDocumentedException.class::cast).findFirst().orElseThrow();
    }

    @Test
    public void acceptsAValidConfiguration() throws Exception {
        assertEquals(PostCanCommitStep.NOOP, cohort().canCommit("tx", null,
            List.of(candidate(null, shop(migration("db", "10.0.2.33", "openflow:2", 1))))).get());
    }

    @Test
    public void rejectsWithInvalidValueNamingTheNode() {
        final var failure = assertThrows(ExecutionException.class, () -> cohort().canCommit("tx", null,
            List.of(candidate(shop(), shop(migration("ghost", "10.0.2.33", "openflow:2", 1))))).get());
        final var documented = refusal(failure);
        assertEquals(ErrorTag.INVALID_VALUE, documented.getErrorTag());
        assertEquals("/vm-mobility:vm-mobility/migration=ghost: VM ghost is not registered: add it to the vm list "
            + "first", documented.getMessage());
    }

    @Test
    public void checksOnlyTheEntriesATransactionWrites() throws Exception {
        // a migration accepted earlier whose VM was deleted since stays; a later transaction that only adds a
        // subnet is not refused because of it
        final var withOrphan = new VmMobilityBuilder(shop(migration("gone", "10.0.2.50", "openflow:2", 1))).build();
        final var subnets = new java.util.ArrayList<>(withOrphan.nonnullSubnet().values());
        subnets.add(subnet("10.0.3.0/24", "10.0.3.254", "02:00:00:00:03:fe"));
        final var more = new VmMobilityBuilder(withOrphan).setSubnet(BindingMap.of(subnets)).build();
        assertEquals(PostCanCommitStep.NOOP, cohort().canCommit("tx", null, List.of(candidate(withOrphan, more)))
            .get());
    }

    @Test
    public void rejectsConfigFalseStateInTheConfiguration() {
        final var withState = new VmMobilityBuilder(shop(migration("db", "10.0.2.33", "openflow:2", 1)))
            .setMigration(BindingMap.of(new MigrationBuilder(migration("db", "10.0.2.33", "openflow:2", 1))
                .setState(new StateBuilder().setReason("forged").build()).build()))
            .build();
        final var failure = assertThrows(ExecutionException.class, () -> cohort().canCommit("tx", null,
            List.of(candidate(shop(), withState))).get());
        assertTrue(failure.getCause().getMessage(), failure.getCause().getMessage().contains("state is operational"));
    }

    @Test
    public void relearnsWhatItDidNotSeeCommitted() throws Exception {
        // in a cluster only the shard leader's cohort checks: here a VM was added while another node led, so this
        // cohort never saw it; a later VM with the same home address must still be refused
        final var cohort = cohort();
        assertEquals(PostCanCommitStep.NOOP, cohort.canCommit("tx1", null, List.of(candidate(shop(), shop()))).get());
        final var withExtra = withVm(shop(), vm("extra", "10.0.1.9", "02:00:00:00:00:09", "openflow:1", 9));
        final var withDuplicate = withVm(withExtra, vm("dup", "10.0.1.9", "02:00:00:00:00:10", "openflow:1", 10));
        final var failure = assertThrows(ExecutionException.class, () -> cohort.canCommit("tx3", null,
            List.of(candidate(withExtra, withDuplicate))).get());
        assertTrue(refusal(failure).getMessage(), refusal(failure).getMessage().contains(
            "home address 10.0.1.9 already belongs to VM extra"));
    }

    private String refusedMessage(final VmMobility before, final VmMobility after) {
        final var failure = assertThrows(ExecutionException.class, () -> cohort().canCommit("tx", null,
            List.of(candidate(before, after))).get());
        final var documented = refusal(failure);
        assertEquals(ErrorTag.INVALID_VALUE, documented.getErrorTag());
        return documented.getMessage();
    }

    private static VmMobility withoutVm(final VmMobility config, final String vmId) {
        return new VmMobilityBuilder(config).setVm(BindingMap.of(config.nonnullVm().values().stream()
            .filter(vm -> !vm.requireVmId().getValue().equals(vmId)).toList())).build();
    }

    @Test
    public void refusesDeletingAVmThatAGroupAndAMigrationStillName() {
        final var before = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        assertEquals("/vm-mobility:vm-mobility/vm=db: VM db is still named by group shop and migration db: delete "
            + "or change them first, or in the same transaction", refusedMessage(before, withoutVm(before, "db")));
    }

    @Test
    public void refusesDeletingTheWholeVmListWhileGroupsNameItsVms() {
        final var before = shop();
        final String message = refusedMessage(before, new VmMobilityBuilder(before).setVm(null).build());
        for (var vmId : List.of("web", "app", "db")) {
            assertTrue(message, message.contains("vm=" + vmId + ": VM " + vmId + " is still named by group shop"));
        }
    }

    @Test
    public void acceptsDeletingAVmWithEverythingThatNamesItOrTheWholeConfiguration() throws Exception {
        final var before = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        final var after = new VmMobilityBuilder(withoutVm(before, "db")).setMigration(null)
            .setApplicationGroup(BindingMap.of(group("shop", "web", "app"))).build();
        assertEquals(PostCanCommitStep.NOOP, cohort().canCommit("tx", null, List.of(candidate(before, after))).get());
        // DELETE of the vm-mobility root: nothing is left to name anything
        final DataTreeCandidateNode gone = mock(DataTreeCandidateNode.class);
        doReturn(dom(before)).when(gone).dataBefore();
        doReturn(null).when(gone).dataAfter();
        final var candidate = mock(DOMDataTreeCandidate.class);
        doReturn(gone).when(candidate).getRootNode();
        doReturn(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, IntentCommitCohort.ROOT))
            .when(candidate).getRootPath();
        assertEquals(PostCanCommitStep.NOOP, cohort().canCommit("tx", null, List.of(candidate)).get());
    }

    @Test
    public void refusesOverlappingSubnetsAndAddressesOfAGateway() {
        final var before = shop();
        final var subnets = new java.util.ArrayList<>(before.nonnullSubnet().values());
        subnets.add(subnet("10.0.0.0/16", "10.0.255.254", "02:00:00:00:00:fe"));
        assertTrue(refusedMessage(before, new VmMobilityBuilder(before).setSubnet(BindingMap.of(subnets)).build())
            .contains("subnet=10.0.0.0/16: subnet 10.0.0.0/16 overlaps subnet 10.0.1.0/24 and subnet 10.0.2.0/24"));
        assertEquals("/vm-mobility:vm-mobility/migration=db/new-address: new address 10.0.2.254 is the gateway of "
            + "subnet 10.0.2.0/24", refusedMessage(before, shop(migration("db", "10.0.2.254", "openflow:2", 1))));
    }

    private static VmMobility withVm(final VmMobility config, final Vm vm) {
        final var vms = new java.util.ArrayList<>(config.nonnullVm().values());
        vms.add(vm);
        return new VmMobilityBuilder(config).setVm(BindingMap.of(vms)).build();
    }
}
