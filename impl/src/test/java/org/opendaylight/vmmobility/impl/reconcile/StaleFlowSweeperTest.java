/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static org.junit.Assert.assertEquals;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.state.MigrationTracker.ProbeResult;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe.FlowCounters;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowOutputBuilder;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

public class StaleFlowSweeperTest {
    private static final String S1 = "openflow:1";
    private static final Set<String> CONNECTED = Set.of("openflow:1", "openflow:2");
    /** A cookie of ours (the application's prefix) that no planned flow carries. */
    private static final long STALE = (long) 0x564D << 48 | 0x0123_4567_89ABL;

    private final List<RemoveFlowInput> removals = new ArrayList<>();
    private final RpcService switches = new RpcService() {
        @Override
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
            if (type == AddFlow.class) {
                // the retrier pushes a planned flow a switch lacks
                final AddFlow add = input -> RpcResultBuilder.success(new AddFlowOutputBuilder().build()).buildFuture();
                return type.cast(add);
            }
            final RemoveFlow remove = input -> {
                removals.add(input);
                return RpcResultBuilder.success(new RemoveFlowOutputBuilder().build()).buildFuture();
            };
            return type.cast(remove);
        }
    };
    private final StaleFlowSweeper sweeper = new StaleFlowSweeper(new FlowPusher(switches), new VmmMetrics("test"));
    private final IncrementalPlanner planner = new IncrementalPlanner(PipelineConfig.DEFAULT);
    private final FlowRetrier retrier = new FlowRetrier(new FlowPusher(switches), new VmmMetrics("test"));

    public StaleFlowSweeperTest() {
        final var changes = new ArrayList<>(ChangeReader.readAll(shop(migration("db", "10.0.2.33", "openflow:2",
            1))));
        changes.add(new Change.SetConnected(ImmutableSet.copyOf(CONNECTED)));
        changes.forEach(planner::apply);
        planner.replan();
    }

    private Map<String, ProbeResult> s1Holds(final long... extra) {
        final var flows = new HashMap<Long, FlowCounters>();
        planner.flows(S1).values().forEach(flow -> flows.put(flow.cookie(), FlowCounters.ZERO));
        for (long cookie : extra) {
            flows.put(cookie, FlowCounters.ZERO);
        }
        return Map.of(S1, ProbeResult.answered(flows));
    }

    /** As the reconciler does: the retrier counts what each switch holds of its plan, then the sweeper looks. */
    private void probed(final Map<String, ProbeResult> results, final Set<String> connected, final long now) {
        sweeper.probed(planner::flows, results, retrier.probed(planner::flows, results, now), connected, now);
    }

    private static long at(final long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    public void aFlowThePlanDroppedIsRemovedByItsCookieOnlyAfterTheGrace() {
        probed(s1Holds(STALE), CONNECTED, at(0));
        probed(s1Holds(STALE), CONNECTED, at(StaleFlowSweeper.GRACE_MS - 1));
        assertEquals("removed before its grace ended", List.of(), removals);
        assertEquals(Map.of(S1, Set.of(STALE)), sweeper.followed());

        probed(s1Holds(STALE), CONNECTED, at(StaleFlowSweeper.GRACE_MS));
        assertEquals(1, removals.size());
        final RemoveFlowInput removal = removals.get(0);
        assertEquals(STALE, removal.getCookie().getValue().longValue());
        assertEquals(-1L, removal.getCookieMask().getValue().longValue());
        assertEquals(Boolean.FALSE, removal.getStrict());
        // every table: OFPTT_ALL
        assertEquals(0xFF, removal.getTableId().intValue());

        // still there: removed again only after a doubled backoff
        probed(s1Holds(STALE), CONNECTED, at(StaleFlowSweeper.GRACE_MS * 2));
        assertEquals(1, removals.size());
        probed(s1Holds(STALE), CONNECTED, at(StaleFlowSweeper.GRACE_MS * 3));
        assertEquals(2, removals.size());
    }

    @Test
    public void aFlowGoneOrPlannedAgainWithinTheGraceIsLeftAlone() {
        probed(s1Holds(STALE), CONNECTED, at(0));
        // FRM deleted it meanwhile
        probed(s1Holds(), CONNECTED, at(5_000));
        assertEquals(Map.of(), sweeper.followed());
        // back (a different deletion lost): its grace starts again
        probed(s1Holds(STALE), CONNECTED, at(6_000));
        probed(s1Holds(STALE), CONNECTED, at(6_000 + StaleFlowSweeper.GRACE_MS - 1));
        assertEquals(List.of(), removals);

        // planned flows are never touched, however long they stay
        probed(s1Holds(), CONNECTED, at(0));
        probed(s1Holds(), CONNECTED, at(StaleFlowSweeper.GRACE_MS * 10));
        assertEquals(List.of(), removals);
    }

    @Test
    public void aSwitchThatLeftOrDidNotAnswerKeepsNoRemovalDue() {
        probed(s1Holds(STALE), CONNECTED, at(0));
        // not answering: the record stays
        probed(Map.of(S1, ProbeResult.failed("timeout")), CONNECTED, at(1_000));
        assertEquals(Map.of(S1, Set.of(STALE)), sweeper.followed());
        // gone: forgotten, and a reconnected switch starts a new grace
        probed(Map.of(), Set.of("openflow:2"), at(2_000));
        assertEquals(Map.of(), sweeper.followed());
        probed(s1Holds(STALE), CONNECTED, at(StaleFlowSweeper.GRACE_MS + 1));
        assertEquals(List.of(), removals);
    }

    @Test
    public void aFlowThePlanDroppedIsFoundBesideAPlannedFlowTheSwitchStillLacks() {
        // as many flows as planned, but one planned flow is missing and a dropped one is there instead
        final Map<Long, FlowCounters> flows = new HashMap<>(s1Holds(STALE).get(S1).flows().orElseThrow());
        flows.remove(planner.flows(S1).values().iterator().next().cookie());
        final var results = Map.of(S1, ProbeResult.answered(flows));
        probed(results, CONNECTED, at(0));
        assertEquals(Map.of(S1, Set.of(STALE)), sweeper.followed());
        probed(results, CONNECTED, at(StaleFlowSweeper.GRACE_MS));
        assertEquals(1, removals.size());
        assertEquals(STALE, removals.get(0).getCookie().getValue().longValue());
    }
}
