/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.Test;

/**
 * Parsing and validation of the planner's value types, and the stable hashes.
 */
public class ValueTypesTest {
    @Test
    public void ipv4() {
        assertEquals("10.0.1.5", Ipv4.parse("10.0.1.5").toString());
        assertEquals("255.255.255.255", Ipv4.parse("255.255.255.255").toString());
        assertEquals(0x0A000105, Ipv4.parse("10.0.1.5").bits());
        assertTrue(Ipv4.parse("200.0.0.1").compareTo(Ipv4.parse("10.0.0.1")) > 0);
        for (String bad : List.of("10.0.1", "10.0.1.256", "10.0.1.5.6", "a.b.c.d", "10..1.5", "", "1.2.3.-4")) {
            assertThrows(bad, IllegalArgumentException.class, () -> Ipv4.parse(bad));
        }
    }

    @Test
    public void ipv4Prefix() {
        final Ipv4Prefix prefix = Ipv4Prefix.parse("10.0.1.77/24");
        assertEquals("10.0.1.0/24", prefix.toString());
        assertTrue(prefix.contains(Ipv4.parse("10.0.1.255")));
        assertFalse(prefix.contains(Ipv4.parse("10.0.2.1")));
        assertTrue(Ipv4Prefix.parse("0.0.0.0/0").contains(Ipv4.parse("192.168.1.1")));
        assertTrue(Ipv4Prefix.parse("10.0.1.5/32").contains(Ipv4.parse("10.0.1.5")));
        assertFalse(Ipv4Prefix.parse("10.0.1.5/32").contains(Ipv4.parse("10.0.1.6")));
        assertEquals(Ipv4Prefix.parse("10.0.1.0/24"), prefix);
        assertThrows(IllegalArgumentException.class, () -> Ipv4Prefix.parse("10.0.1.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Prefix.parse("10.0.1.0"));
    }

    @Test
    public void mac() {
        assertEquals("52:54:00:ab:cd:ef", Mac.parse("52:54:00:AB:CD:EF").toString());
        assertEquals(0x525400ABCDEFL, Mac.parse("52:54:00:ab:cd:ef").bits());
        assertEquals(Mac.parse("52:54:00:ab:cd:ef"), Mac.parse("52:54:00:AB:CD:EF"));
        for (String bad : List.of("52:54:00:ab:cd", "52:54:00:ab:cd:eg", "525400abcdef", "52:54:00:ab:cd:e")) {
            assertThrows(bad, IllegalArgumentException.class, () -> Mac.parse(bad));
        }
    }

    @Test
    public void pipelineConfig() {
        assertEquals(22, new PipelineConfig((short) 20, 1000, -1, false).table(2));
        assertThrows(IllegalArgumentException.class, () -> new PipelineConfig((short) 250, 1000, -1, false));
        assertThrows(IllegalArgumentException.class, () -> new PipelineConfig((short) 10, 1000, 14, false));
        assertThrows(IllegalArgumentException.class, () -> new PipelineConfig((short) 10, 0, -1, false));
        assertEquals(15, new PipelineConfig((short) 10, 1000, 15, false).nextTable());
    }

    @Test
    public void intentRejectsDuplicateKeys() {
        final Member web = Fixtures.member("web", "10.0.1.10", "52:54:00:00:00:10", Fixtures.SW1, 1);
        assertThrows(IllegalArgumentException.class, () -> Fixtures.group("shop", web, web));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.intent(
            List.of(Fixtures.group("shop", web), Fixtures.group("shop")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.intent(List.of(),
            List.of(Fixtures.migration("web", "10.0.2.1"), Fixtures.migration("web", "10.0.2.2"))));
    }

    @Test
    public void plannedFlowRejectsBadIdsAndActionOrder() {
        final List<FlowAction> ok = List.of(new FlowAction.SetIpv4Dst(Ipv4.parse("10.0.0.1")),
            new FlowAction.WriteMetadata(1, 1), new FlowAction.GotoTable((short) 3));
        new PlannedFlow("vmm-x-1", "x", (short) 1, 1, 0, FlowKind.TABLE_MISS, FlowMatch.ANY,
            ImmutableList.copyOf(ok));
        assertThrows(IllegalArgumentException.class, () -> new PlannedFlow("vmm x", "x", (short) 1, 1, 0,
            FlowKind.TABLE_MISS, FlowMatch.ANY, ImmutableList.copyOf(ok)));
        assertThrows(IllegalArgumentException.class, () -> new PlannedFlow("vmm-x", "x", (short) 1, 1, 0,
            FlowKind.TABLE_MISS, FlowMatch.ANY, ImmutableList.of(
                new FlowAction.GotoTable((short) 3), new FlowAction.OutputNormal())));
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.builder().ipv4Dst(Ipv4.parse("10.0.0.1"))
            .build());
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.builder().ipv4().arpOp(1).build());
        assertFalse(FlowMatch.ANY.inPort().isPresent());
    }

    @Test
    public void idCollisionsAreResolvedInSortOrder() {
        // find two keys with the same 24-bit id (birthday bound: a few 1000 keys)
        final Map<Integer, String> seen = new HashMap<>();
        String first = null;
        String second = null;
        for (int i = 0; first == null; i++) {
            final String key = "vm" + i;
            final String previous = seen.putIfAbsent(StableHash.idOf(key), key);
            if (previous != null) {
                first = previous;
                second = key;
            }
        }
        final TreeSet<String> keys = new TreeSet<>(List.of(first, second, "other"));
        final Map<String, Integer> ids = StableHash.assignIds(keys);
        final String low = keys.first().equals("other") ? keys.higher("other") : keys.first();
        final String high = low.equals(first) ? second : first;
        assertEquals(StableHash.idOf(low), (int) ids.get(low));
        assertEquals(StableHash.idOf(low) + 1, (int) ids.get(high));
        assertNotEquals(ids.get(first), ids.get(second));
        assertEquals(ids, StableHash.assignIds(new TreeSet<>(keys)));
        // a key that collides with nothing moves no other key's id
        final TreeSet<String> more = new TreeSet<>(keys);
        String unrelated = "a";
        while (ids.containsValue(StableHash.idOf(unrelated)) || ids.containsValue(StableHash.idOf(unrelated) - 1)) {
            unrelated = unrelated + "a";
        }
        more.add(unrelated);
        final Map<String, Integer> after = StableHash.assignIds(more);
        keys.forEach(key -> assertEquals(ids.get(key), after.get(key)));
    }
}
