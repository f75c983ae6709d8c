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

import com.google.common.collect.ImmutableList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.FlowWriteFenceBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * A burst (more flows of one kind than one transaction takes) is written on a transaction chain, several transactions
 * committing at once: everything lands, the fence moves once per transaction, the bookkeeping follows, and a fence
 * moved by anything else fails the write before it writes.
 */
public class ChainedFlowWriteTest extends AbstractConcurrentDataBrokerTest {
    private static final String SWITCH = "openflow:1";

    private FlowWriter writer;

    public ChainedFlowWriteTest() {
        super(true);
    }

    @Before
    public void createWriter() throws Exception {
        writer = new FlowWriter(getDataBroker(), new WriteGate(), FlowConverter::toFlow);
        rebase();
    }

    private void rebase() throws Exception {
        writer.setBaseline(writer.readBaseline().get(10, TimeUnit.SECONDS));
    }

    private static Map<String, PlannedFlow> flows(final String prefix, final int count) {
        final Map<String, PlannedFlow> flows = new HashMap<>();
        for (int i = 0; i < count; i++) {
            final String id = "vmm-" + prefix + "-" + i;
            flows.put(id, new PlannedFlow(id, id, (short) 0, 100 + i, 0, FlowKind.TABLE_MISS, FlowMatch.ANY,
                ImmutableList.of(new FlowAction.OutputNormal())));
        }
        return flows;
    }

    private Set<String> stored() throws Exception {
        return ConfigFlows.read(getDataBroker(), Set.of(SWITCH)).getOrDefault(SWITCH, Map.of()).keySet();
    }

    /** Runs the builder's tasks, with building set while one runs, until the write is done (30 s at most). */
    private static void runBuilder(final BlockingQueue<Runnable> builder, final Future<?> write,
            final AtomicBoolean building) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!write.isDone() && System.nanoTime() < deadline) {
            final Runnable task = builder.poll(100, TimeUnit.MILLISECONDS);
            if (task != null) {
                building.set(true);
                task.run();
                building.set(false);
            }
        }
    }

    private Optional<Uint64> fence() throws Exception {
        return writer.readBaseline().get(10, TimeUnit.SECONDS).fence();
    }

    @Test
    public void aBurstLandsWholeWithTheFenceMovedOncePerTransaction() throws Exception {
        final var first = flows("a", 1_000);
        final var changes = writer.apply(Map.of(SWITCH, first), 0).get(30, TimeUnit.SECONDS);
        assertEquals(first.keySet(), stored());
        assertEquals(1_000, changes.puts());
        // 1,000 new flows: three transactions of at most 400
        assertEquals(Optional.of(Uint64.valueOf(3)), fence());
        // replaced: 900 new flows (three transactions) before the 1,000 deletions (three more)
        final var second = flows("b", 900);
        final var replaced = writer.apply(Map.of(SWITCH, second), 0).get(30, TimeUnit.SECONDS);
        assertEquals(900, replaced.puts());
        assertEquals(1_000, replaced.deletes());
        assertEquals(second.keySet(), stored());
        assertEquals(Optional.of(Uint64.valueOf(9)), fence());
        // the bookkeeping followed: the same plan again writes nothing and the fence stays where it is
        final var again = writer.apply(Map.of(SWITCH, second), 0).get(30, TimeUnit.SECONDS);
        assertEquals(0, again.puts() + again.deletes());
        assertEquals(Optional.of(Uint64.valueOf(9)), fence());
    }

    @Test
    public void aFenceMovedBehindTheWritersBackFailsTheBurstBeforeItWrites() throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, FlowWriter.FENCE,
            new FlowWriteFenceBuilder().setGeneration(Uint64.valueOf(41)).build());
        tx.commit().get(10, TimeUnit.SECONDS);
        final var burst = writer.apply(Map.of(SWITCH, flows("a", 1_000)), 0);
        final var failure = assertThrows(ExecutionException.class, () -> burst.get(30, TimeUnit.SECONDS));
        assertTrue(failure.toString(), failure.getCause() instanceof FlowWriter.FenceMovedException);
        assertEquals(Set.of(), stored());
        assertEquals(Optional.of(Uint64.valueOf(41)), fence());
        // read again, the next burst lands
        rebase();
        writer.apply(Map.of(SWITCH, flows("a", 1_000)), 0).get(30, TimeUnit.SECONDS);
        assertEquals(1_000, stored().size());
        assertEquals(Optional.of(Uint64.valueOf(44)), fence());
    }

    @Test
    public void aBurstIsBuiltOnTheBuilderNotOnTheCallersThread() throws Exception {
        final BlockingQueue<Runnable> builder = new LinkedBlockingQueue<>();
        final AtomicBoolean building = new AtomicBoolean();
        final AtomicInteger converted = new AtomicInteger();
        final AtomicInteger elsewhere = new AtomicInteger();
        final FlowWriter built = new FlowWriter(getDataBroker(), new WriteGate(), (node, flow) -> {
            converted.incrementAndGet();
            if (!building.get()) {
                elsewhere.incrementAndGet();
            }
            return FlowConverter.toFlow(node, flow);
        }, FlowWriter.OPERATIONS_PER_TRANSACTION, builder::add);
        built.setBaseline(built.readBaseline().get(10, TimeUnit.SECONDS));

        final var burst = flows("a", 1_000);
        final var write = built.apply(Map.of(SWITCH, burst), 0);
        // the caller (the engine's thread) goes on at once: nothing of the burst was converted on it
        assertEquals(0, converted.get());
        runBuilder(builder, write, building);
        assertEquals(1_000, write.get(1, TimeUnit.SECONDS).puts());
        assertEquals(burst.keySet(), stored());
        assertEquals(1_000, converted.get());
        assertEquals("flows converted off the builder (on the caller's or the datastore's threads)", 0,
            elsewhere.get());
    }

    @Test
    public void buildsQueuedWhenTheEngineStopsFailTheBurstInsteadOfLeavingItOpen() throws Exception {
        final BlockingQueue<Runnable> builder = new LinkedBlockingQueue<>();
        final WriteGate gate = new WriteGate();
        final FlowWriter built = new FlowWriter(getDataBroker(), gate, FlowConverter::toFlow,
            FlowWriter.OPERATIONS_PER_TRANSACTION, builder::add);
        built.setBaseline(built.readBaseline().get(10, TimeUnit.SECONDS));
        final var write = built.apply(Map.of(SWITCH, flows("a", 1_000)), 0);
        // the first transaction is built, then the engine stops: the builds still queued run (the supervisor's
        // builder is shut down, not dropped) and meet the closed gate
        builder.poll(10, TimeUnit.SECONDS).run();
        gate.close();
        runBuilder(builder, write, new AtomicBoolean());
        final var failure = assertThrows(ExecutionException.class, () -> write.get(1, TimeUnit.SECONDS));
        assertTrue(failure.toString(), failure.getCause() instanceof CancellationException);
        // nothing after the first transaction landed
        assertTrue(stored().size() <= FlowWriter.OPERATIONS_PER_TRANSACTION);
    }
}
