/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.planner.PuntMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.band.type.band.type.Drop;

/**
 * The punt meter (OpenFlow 1.3: a flow whose meter instruction names a meter the switch lacks is refused) is written
 * in a transaction that commits before the first flow passing through it, and removed in one after the last such flow's
 * removal; the baseline reads it back, and a switch with only the meter left is one the engine writes.
 */
public class PuntMeterWriteTest extends AbstractConcurrentDataBrokerTest {
    private static final String SWITCH = "openflow:1";

    public PuntMeterWriteTest() {
        super(true);
    }

    private static PlannedFlow punt(final String id) {
        return new PlannedFlow(id, id, (short) 0, 1001, 0x564d_d000_0000_0001L, FlowKind.ND_PUNT,
            FlowMatch.builder().inPort(1).neighborSolicitation(Ipv6.parse("2001:db8:1::3"))
                .ipv6Src(Ipv6.parse("2001:db8:1::1")).build(),
            ImmutableList.of(new FlowAction.Meter(PuntMeter.ID),
                new FlowAction.SetEthSrc(Mac.parse("02:00:00:00:01:fe")),
                new FlowAction.SetEthDst(Mac.parse("02:00:00:00:00:01")), new FlowAction.OutputController()));
    }

    private static PlannedFlow miss(final String id) {
        return new PlannedFlow(id, id, (short) 0, 0, 0x564d_1000_0000_0001L, FlowKind.TABLE_MISS, FlowMatch.ANY,
            ImmutableList.of(new FlowAction.OutputNormal()));
    }

    @Test
    public void theMeterCommitsBeforeItsFlowsAndGoesAfterThem() throws Exception {
        final DataBroker real = getDataBroker();
        final List<String> events = new CopyOnWriteArrayList<>();
        final DataBroker broker = RecordingTransactions.recording(real, events);
        final FlowWriter writer = new FlowWriter(broker, new WriteGate(), FlowConverter::toFlow);
        writer.setBaseline(writer.readBaseline().get(5, TimeUnit.SECONDS));

        writer.apply(Map.of(SWITCH, Map.of("vmm-miss", miss("vmm-miss"), "vmm-nd-punt", punt("vmm-nd-punt"))), 0)
            .get(5, TimeUnit.SECONDS);
        assertEquals(List.of("put meter 22093", "commit", "put vmm-miss", "put vmm-nd-punt", "commit"),
            sorted(events));
        final Meter meter = meter(real).orElseThrow();
        assertTrue("packets per second", meter.getFlags().getMeterPktps());
        assertTrue("with a burst", meter.getFlags().getMeterBurst());
        assertFalse("not kilobits", meter.getFlags().getMeterKbps());
        final var band = meter.getMeterBandHeaders().nonnullMeterBandHeader().values().iterator().next();
        assertEquals(PuntMeter.RATE_PPS, band.getBandRate().longValue());
        assertTrue("a drop band", band.getMeterBandTypes().getFlags().getOfpmbtDrop()
            && band.getBandType() instanceof Drop);

        // an engine starting now reads the meter back: nothing to write again
        final FlowWriter next = new FlowWriter(broker, new WriteGate(), FlowConverter::toFlow);
        final var baseline = next.readBaseline().get(5, TimeUnit.SECONDS);
        assertEquals(java.util.Set.of(SWITCH), baseline.metered());
        next.setBaseline(baseline);
        events.clear();
        next.apply(Map.of(SWITCH, Map.of("vmm-miss", miss("vmm-miss"), "vmm-nd-punt", punt("vmm-nd-punt"))), 0)
            .get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), events);

        next.apply(Map.of(SWITCH, Map.of("vmm-miss", miss("vmm-miss"))), 0).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("delete vmm-nd-punt", "commit", "delete meter", "commit"), events);
        assertEquals(Optional.empty(), meter(real));
        assertEquals(java.util.Set.of(), next.readBaseline().get(5, TimeUnit.SECONDS).metered());
    }

    /** The events with each transaction's operations in id order (a transaction's own order is not the point). */
    private static List<String> sorted(final List<String> events) {
        final List<String> result = new java.util.ArrayList<>();
        final List<String> pending = new java.util.ArrayList<>();
        for (String event : events) {
            if ("commit".equals(event)) {
                pending.sort(null);
                result.addAll(pending);
                result.add(event);
                pending.clear();
            } else {
                pending.add(event);
            }
        }
        result.addAll(pending);
        return result;
    }

    private static Optional<Meter> meter(final DataBroker broker) throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.meter(SWITCH, PuntMeter.ID))
                .get(5, TimeUnit.SECONDS);
        }
    }
}
