/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;

/**
 * The flow-write fence (issue 16, item 1): a flow write whose commit was reported failed but lands later never
 * leaves flows the engine does not know of. Either it lands after the engine re-read its baseline, and the next
 * write sees the fence moved and fails (the engine resyncs), or it lands after a newer write, and the datastore
 * refuses it as a conflict.
 */
public class FlowWriteFenceTest extends AbstractConcurrentDataBrokerTest {
    private static final String SWITCH = "openflow:1";

    private final AtomicBoolean holdNext = new AtomicBoolean();
    private final SettableFuture<Runnable> release = SettableFuture.create();
    private final SettableFuture<CommitInfo> lateLanding = SettableFuture.create();
    private DataBroker broker;
    private FlowWriter writer;

    public FlowWriteFenceTest() {
        super(true);
    }

    @Before
    public void createWriter() {
        final DataBroker real = getDataBroker();
        broker = mock(DataBroker.class, delegatesTo(real));
        // when asked, the next read-write transaction's commit answers "failed" at once and lands when released
        doAnswer(invocation -> {
            final ReadWriteTransaction tx = real.newReadWriteTransaction();
            if (!holdNext.getAndSet(false)) {
                return tx;
            }
            final ReadWriteTransaction held = mock(ReadWriteTransaction.class, delegatesTo(tx));
            doAnswer(commit -> {
                release.set(() -> lateLanding.setFuture(tx.commit()));
                return FluentFuture.from(com.google.common.util.concurrent.Futures.immediateFailedFuture(
                    new IllegalStateException("reported failed, lands later")));
            }).when(held).commit();
            return held;
        }).when(broker).newReadWriteTransaction();
        writer = new FlowWriter(broker, new WriteGate(), FlowConverter::toFlow);
    }

    private static PlannedFlow flow(final String id) {
        return new PlannedFlow(id, id, (short) 0, 100, 0, FlowKind.TABLE_MISS, FlowMatch.ANY,
            ImmutableList.of(new FlowAction.OutputNormal()));
    }

    private Set<String> stored() throws Exception {
        return ConfigFlows.read(getDataBroker(), Set.of(SWITCH)).getOrDefault(SWITCH, Map.of()).keySet();
    }

    private void rebase() throws Exception {
        writer.setBaseline(writer.readBaseline().get(5, TimeUnit.SECONDS));
    }

    @Test
    public void aWriteThatLandsAfterTheBaselineWasReadMovesTheFence() throws Exception {
        rebase();
        holdNext.set(true);
        final var lost = writer.apply(Map.of(SWITCH, Map.of("vmm-late", flow("vmm-late"))), 0);
        assertThrows(ExecutionException.class, () -> lost.get(5, TimeUnit.SECONDS));
        // the engine gave up on it and reads its baseline again: the write has not landed yet
        rebase();
        // now it lands, behind the engine's back
        release.get(5, TimeUnit.SECONDS).run();
        lateLanding.get(5, TimeUnit.SECONDS);
        assertTrue(stored().contains("vmm-late"));
        // the next write sees the fence moved: it fails instead of planning against a wrong baseline
        final var next = writer.apply(Map.of(SWITCH, Map.of("vmm-next", flow("vmm-next"))), 0);
        final var failure = assertThrows(ExecutionException.class, () -> next.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof FlowWriter.FenceMovedException);
        assertEquals(Set.of("vmm-late"), stored());
        // read again, the baseline holds the late flow, and the next write removes it
        rebase();
        writer.apply(Map.of(SWITCH, Map.of("vmm-next", flow("vmm-next"))), 0).get(5, TimeUnit.SECONDS);
        assertEquals(Set.of("vmm-next"), stored());
    }

    @Test
    public void aWriteThatLandsAfterANewerWriteIsRefused() throws Exception {
        rebase();
        holdNext.set(true);
        final var lost = writer.apply(Map.of(SWITCH, Map.of("vmm-late", flow("vmm-late"))), 0);
        assertThrows(ExecutionException.class, () -> lost.get(5, TimeUnit.SECONDS));
        rebase();
        writer.apply(Map.of(SWITCH, Map.of("vmm-next", flow("vmm-next"))), 0).get(5, TimeUnit.SECONDS);
        assertEquals(Set.of("vmm-next"), stored());
        // the old write tries to land now: it conflicts with the newer write of the fence and does not land
        release.get(5, TimeUnit.SECONDS).run();
        assertThrows(ExecutionException.class, () -> lateLanding.get(5, TimeUnit.SECONDS));
        assertEquals(Set.of("vmm-next"), stored());
    }
}
