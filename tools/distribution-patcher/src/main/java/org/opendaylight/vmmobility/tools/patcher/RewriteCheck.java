/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the rewrites the patcher applied with the expected ones: every expected site must have been rewritten
 * exactly as many times as expected, and nothing else may have been rewritten.
 */
final class RewriteCheck {
    private RewriteCheck() {
        // utility class
    }

    /**
     * The differences between expected and found rewrites, one message per difference.
     *
     * @param expected the expected counts
     * @param found the counts the patcher found
     * @param jarEntries the entries of every expected jar that exists (a jar missing here is missing)
     * @return the messages, each naming the jar, the class, the rewrite, the expected and the found count; empty if
     *     the counts agree
     */
    static List<String> mismatches(final RewriteCounts expected, final RewriteCounts found,
            final Map<String, Set<String>> jarEntries) {
        final var result = new ArrayList<String>();
        final var missingJars = new TreeSet<String>();
        final var sites = new TreeSet<RewriteSite>(expected.sites());
        sites.addAll(found.sites());
        for (var site : sites) {
            final int want = expected.count(site);
            final int have = found.count(site);
            final Set<String> entries = jarEntries.get(site.jar());
            if (want > 0 && entries == null) {
                if (missingJars.add(site.jar())) {
                    result.add(site.jar() + ": jar missing from the assembly (expected "
                        + expected.ofJar(site.jar()).total() + " rewrites in it)");
                }
            } else if (want > 0 && site.rewrite() != Rewrite.ADDED_CLASS && !entries.contains(site.entry())) {
                result.add(site + ": class missing from the jar (expected " + want + " rewrites, found " + have
                    + ")");
            } else if (want != have) {
                result.add(site + ": expected " + want + " rewrites, found " + have);
            }
        }
        return result;
    }
}
