/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.index;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class CompactSetMultimapTest {
    @Test
    public void aKeyGoesFromOneValueToSeveralAndBack() {
        final var index = new CompactSetMultimap<String, String>();
        assertTrue(index.put("10.0.0.1", "vm1"));
        assertFalse(index.put("10.0.0.1", "vm1"));
        assertEquals(Set.of("vm1"), index.get("10.0.0.1"));
        assertTrue(index.put("10.0.0.1", "vm2"));
        assertEquals(Set.of("vm1", "vm2"), index.get("10.0.0.1"));
        assertFalse(index.remove("10.0.0.1", "vm3"));
        assertTrue(index.remove("10.0.0.1", "vm1"));
        assertEquals(Set.of("vm2"), index.get("10.0.0.1"));
        assertTrue(index.remove("10.0.0.1", "vm2"));
        assertEquals(Set.of(), index.get("10.0.0.1"));
        assertTrue(index.isEmpty());
    }

    @Test
    public void retainDropsWhatFailsTheTestAndForgetsAnEmptiedKey() {
        final var index = new CompactSetMultimap<String, String>();
        index.put("mac", "vm1");
        index.put("mac", "vm2");
        index.put("mac", "vm3");
        assertEquals(List.of("vm2"), index.retain("mac", "vm2"::equals));
        assertEquals(Set.of("vm2"), index.get("mac"));
        assertEquals(List.of(), index.retain("mac", value -> false));
        assertEquals(Set.of(), index.keySet());
        assertEquals(List.of(), index.retain("absent", value -> true));
    }

    @Test
    public void theSetsItReturnsAreReadOnly() {
        final var index = new CompactSetMultimap<String, String>();
        index.put("s1", "vm1");
        assertThrows(UnsupportedOperationException.class, () -> index.get("s1").add("vm2"));
        index.put("s1", "vm2");
        assertThrows(UnsupportedOperationException.class, () -> index.get("s1").remove("vm1"));
        assertThrows(UnsupportedOperationException.class, () -> index.keySet().remove("s1"));
    }

    /** Random puts, removes, retains and key removals on few keys, checked after each step against sets. */
    @Test
    public void behavesAsAMapOfSetsUnderRandomChanges() {
        for (long seed = 1; seed <= 50; seed++) {
            final Random random = new Random(seed);
            final var index = new CompactSetMultimap<Integer, Integer>();
            final Map<Integer, Set<Integer>> model = new HashMap<>();
            for (int step = 0; step < 400; step++) {
                final int key = random.nextInt(5);
                final int value = random.nextInt(4);
                switch (random.nextInt(4)) {
                    case 0, 1 -> assertEquals("seed " + seed + " step " + step,
                        model.computeIfAbsent(key, ignored -> new HashSet<>()).add(value), index.put(key, value));
                    case 2 -> {
                        final Set<Integer> values = model.getOrDefault(key, new HashSet<>());
                        assertEquals("seed " + seed + " step " + step, values.remove(value),
                            index.remove(key, value));
                    }
                    default -> {
                        final Set<Integer> values = model.getOrDefault(key, new HashSet<>());
                        values.removeIf(held -> held == value);
                        assertEquals("seed " + seed + " step " + step, values,
                            new HashSet<>(index.retain(key, held -> held != value)));
                    }
                }
                model.values().removeIf(Set::isEmpty);
                assertEquals("seed " + seed + " step " + step, model.keySet(), index.keySet());
                for (var entry : model.entrySet()) {
                    assertEquals("seed " + seed + " step " + step, entry.getValue(), index.get(entry.getKey()));
                }
            }
        }
    }
}
