/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import static org.junit.Assert.assertEquals;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;

/**
 * A flow that replaces another (same table, priority and match, another id: its content changed) reaches the config
 * inventory in a transaction that commits before the one that removes the old flow. openflowplugin handles the
 * changes of one transaction in no set order, and the switch must never hold neither: the new flow's add replaces
 * the old one on the switch, and the old one's strict delete (with its own cookie) then finds nothing.
 */
public class FlowReplacementOrderTest extends AbstractConcurrentDataBrokerTest {
    private static final String SWITCH = "openflow:1";
    private static final String OTHER = "openflow:4";

    public FlowReplacementOrderTest() {
        super(true);
    }

    private static PlannedFlow miss(final String id, final FlowAction action, final long cookie) {
        return new PlannedFlow(id, id, (short) 0, 0, cookie, FlowKind.TABLE_MISS, FlowMatch.ANY,
            ImmutableList.of(action));
    }

    @Test
    public void theReplacementCommitsBeforeTheRemoval() throws Exception {
        final DataBroker real = getDataBroker();
        final List<String> events = new CopyOnWriteArrayList<>();
        final DataBroker broker = RecordingTransactions.recording(real, events);
        final FlowWriter writer = new FlowWriter(broker, new WriteGate(), FlowConverter::toFlow);
        writer.setBaseline(writer.readBaseline().get(5, TimeUnit.SECONDS));

        writer.apply(Map.of(SWITCH, Map.of("vmm-miss-old", miss("vmm-miss-old", new FlowAction.GotoTable((short) 2),
            1))), 0).get(5, TimeUnit.SECONDS);
        events.clear();
        writer.apply(Map.of(SWITCH, Map.of("vmm-miss-new", miss("vmm-miss-new", new FlowAction.OutputNormal(), 2))),
            0).get(5, TimeUnit.SECONDS);

        assertEquals(List.of("put vmm-miss-new", "commit", "delete vmm-miss-old", "commit"), events);
        assertEquals(Set.of("vmm-miss-new"), ConfigFlows.read(real, Set.of(SWITCH)).get(SWITCH).keySet());
    }

    /**
     * A migration changes the flows of several peers' switches at once: all their new flows commit in one
     * transaction, then all the removals in the next (two chained commits, not two per switch), the order per switch
     * kept.
     */
    @Test
    public void theSwitchesOfOneWriteShareItsTransactions() throws Exception {
        final DataBroker real = getDataBroker();
        final List<String> events = new CopyOnWriteArrayList<>();
        final DataBroker broker = RecordingTransactions.recording(real, events);
        final FlowWriter writer = new FlowWriter(broker, new WriteGate(), FlowConverter::toFlow);
        writer.setBaseline(writer.readBaseline().get(5, TimeUnit.SECONDS));
        writer.apply(Map.of(
            SWITCH, Map.of("vmm-a-old", miss("vmm-a-old", new FlowAction.GotoTable((short) 2), 1)),
            OTHER, Map.of("vmm-b-old", miss("vmm-b-old", new FlowAction.GotoTable((short) 2), 3))), 0)
            .get(5, TimeUnit.SECONDS);
        events.clear();

        writer.apply(Map.of(
            SWITCH, Map.of("vmm-a-new", miss("vmm-a-new", new FlowAction.OutputNormal(), 2)),
            OTHER, Map.of("vmm-b-new", miss("vmm-b-new", new FlowAction.OutputNormal(), 4))), 0)
            .get(5, TimeUnit.SECONDS);

        assertEquals(List.of("put vmm-a-new", "put vmm-b-new", "commit", "delete vmm-a-old", "delete vmm-b-old",
            "commit"), events);
        assertEquals(Set.of("vmm-a-new"), ConfigFlows.read(real, Set.of(SWITCH)).get(SWITCH).keySet());
        assertEquals(Set.of("vmm-b-new"), ConfigFlows.read(real, Set.of(OTHER)).get(OTHER).keySet());
    }
}
