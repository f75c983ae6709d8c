/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static org.junit.Assert.assertEquals;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.SW1;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.intent;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.member;
import static org.opendaylight.vmmobility.impl.planner.Fixtures.migration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flows per switch grow with the local members plus migrations x classes, not with the square of a group's size.
 */
public class PlanSizeTest {
    private static final Logger LOG = LoggerFactory.getLogger(PlanSizeTest.class);
    private static final int MEMBERS = 10;

    /**
     * A 10-member group, all in subnet A on one switch; k of them move to subnet B and stay on the switch.
     * Per stay-at-home member: classify IPv4 + ARP, classify destination, ARP finish (4). Per migrated member that
     * is a peer of another migrated one (k >= 2): classify IPv4 and destination, no ARP (homes are not in B) (2).
     * Class A (if it has members): 3 per migration; class B (k >= 2): 2 per migration (no ARP). Plus 4 miss flows.
     */
    @Test
    public void flowsGrowLinearly() {
        assertFlows(1, 43, 36, 3, 0, 4);
        assertFlows(3, 53, 28 + 6, 9, 6, 4);
        assertFlows(10, 44, 20, 0, 20, 4);
    }

    private static void assertFlows(final int migrated, final int total, final int perMember, final int classA,
            final int classB, final int miss) {
        final List<Member> members = new ArrayList<>();
        final List<Migration> migrations = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(member("vm" + i, "10.0.1." + (10 + i), String.format("52:54:00:00:00:%02x", 10 + i), SW1,
                1 + i));
            if (i < migrated) {
                migrations.add(migration("vm" + i, "10.0.2." + (10 + i)));
            }
        }
        final Plan plan = TranslationPlanner.plan(intent(List.of(Fixtures.group("big", members.toArray(Member[]::new))),
            migrations));
        final Map<FlowKind, Integer> byKind = new EnumMap<>(FlowKind.class);
        plan.flows(SW1).values().forEach(flow -> byKind.merge(flow.kind(), 1, Integer::sum));
        LOG.info("size: {} members on one switch, {} migrated: {} flows {}", MEMBERS, migrated,
            plan.flows(SW1).size(), byKind);

        assertEquals(total, plan.flowCount());
        assertEquals(total, plan.flows(SW1).size());
        assertEquals(perMember, count(byKind, FlowKind.CLASSIFY_IP, FlowKind.CLASSIFY_ARP,
            FlowKind.CLASSIFY_DESTINATION, FlowKind.ARP_FINISH));
        assertEquals(classA + classB, count(byKind, FlowKind.TRANSLATE_TO_CURRENT, FlowKind.TRANSLATE_FROM_CURRENT,
            FlowKind.ARP_RESPOND));
        assertEquals(classA / 3, count(byKind, FlowKind.ARP_RESPOND));
        assertEquals(miss, count(byKind, FlowKind.TABLE_MISS));
        TranslationPlannerTest.assertInvariants(plan);
    }

    private static int count(final Map<FlowKind, Integer> byKind, final FlowKind... kinds) {
        int sum = 0;
        for (FlowKind kind : kinds) {
            sum += byKind.getOrDefault(kind, 0);
        }
        return sum;
    }
}
