/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Says, per switch, how one set of flows (by switch and flow id) differs from another: the writer's audit of what it
 * wrote and the engine's audit of its plan.
 */
public final class SwitchFlowDifferences {
    private SwitchFlowDifferences() {
        // static only
    }

    /**
     * The differences, per switch: ids missing from {@code have}, ids in it but not in {@code want} (named by
     * {@code extraLabel}), and flows under the same id that differ; the first two ids of each list.
     *
     * @param want the flows that should be there
     * @param have the flows that are there
     * @param extraLabel how the ids only in {@code have} are called, e.g. "extra"
     * @return one text per switch that differs, in switch order
     */
    public static List<String> describe(final Map<String, ? extends Map<String, ?>> want,
            final Map<String, ? extends Map<String, ?>> have, final String extraLabel) {
        final List<String> parts = new ArrayList<>();
        final Set<String> nodes = new TreeSet<>(want.keySet());
        nodes.addAll(have.keySet());
        for (String node : nodes) {
            final Map<String, ?> wanted = want.containsKey(node) ? want.get(node) : Map.of();
            final Map<String, ?> had = have.containsKey(node) ? have.get(node) : Map.of();
            if (wanted.equals(had)) {
                continue;
            }
            final List<String> missing = wanted.keySet().stream().filter(id -> !had.containsKey(id)).sorted().toList();
            final List<String> extra = had.keySet().stream().filter(id -> !wanted.containsKey(id)).sorted().toList();
            final long changed = wanted.entrySet().stream().filter(entry -> had.containsKey(entry.getKey())
                && !entry.getValue().equals(had.get(entry.getKey()))).count();
            parts.add(node + ": " + missing.size() + " missing " + missing.stream().limit(2).toList() + ", "
                + extra.size() + " " + extraLabel + " " + extra.stream().limit(2).toList() + ", " + changed
                + " changed");
        }
        return parts;
    }

    /**
     * The differences as one text, or empty.
     *
     * @param parts the texts of {@link #describe}, and any others
     * @return them joined, or empty if there are none
     */
    public static Optional<String> joined(final List<String> parts) {
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }
}
