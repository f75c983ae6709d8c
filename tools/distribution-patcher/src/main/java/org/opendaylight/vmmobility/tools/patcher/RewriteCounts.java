/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How many sites each {@link RewriteSite} has, in a text form of one line per site:
 * {@code <rewrite> <jar> <class entry> <count>}; blank lines and lines starting with {@code #} are ignored. The
 * expected counts ({@value #EXPECTED}) and the counts the patcher found are written in this form.
 */
final class RewriteCounts {
    /** The resource holding the counts measured on the pinned jars. */
    static final String EXPECTED = "expected-rewrites.txt";

    private final Map<RewriteSite, Integer> counts = new TreeMap<>();

    void add(final RewriteSite site, final int count) {
        counts.merge(site, count, Integer::sum);
    }

    void addAll(final RewriteCounts other) {
        other.counts.forEach(this::add);
    }

    int count(final RewriteSite site) {
        return counts.getOrDefault(site, 0);
    }

    Set<RewriteSite> sites() {
        return Collections.unmodifiableSet(counts.keySet());
    }

    /** The jars these counts name. */
    Set<String> jars() {
        return counts.keySet().stream().map(RewriteSite::jar).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The counts of one jar. */
    RewriteCounts ofJar(final String jar) {
        final var result = new RewriteCounts();
        counts.forEach((site, count) -> {
            if (site.jar().equals(jar)) {
                result.add(site, count);
            }
        });
        return result;
    }

    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /**
     * The counts in their text form.
     *
     * @return one line per site, sorted by jar, entry and rewrite
     */
    String format() {
        final var out = new StringBuilder();
        counts.forEach((site, count) -> out.append(site.rewrite().label()).append(' ').append(site.jar()).append(' ')
            .append(site.entry()).append(' ').append(count).append('\n'));
        return out.toString();
    }

    /**
     * Reads counts in their text form.
     *
     * @param text the text
     * @return the counts
     * @throws IllegalArgumentException if a line is not {@code <rewrite> <jar> <class entry> <count>}
     */
    static RewriteCounts parse(final String text) {
        final var result = new RewriteCounts();
        for (var line : text.split("\n", -1)) {
            final var trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            final var fields = trimmed.split("\\s+");
            if (fields.length != 4) {
                throw new IllegalArgumentException("not <rewrite> <jar> <class entry> <count>: " + line);
            }
            result.add(new RewriteSite(fields[1], fields[2], Rewrite.ofLabel(fields[0])), Integer.parseInt(fields[3]));
        }
        return result;
    }

    /**
     * The counts measured on the pinned jars, from this module's resource {@value #EXPECTED}.
     *
     * @return the expected counts
     * @throws IOException if the resource cannot be read
     */
    static RewriteCounts expected() throws IOException {
        try (InputStream in = RewriteCounts.class.getResourceAsStream(EXPECTED)) {
            if (in == null) {
                throw new IOException(EXPECTED + " is missing from the patcher");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
