/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.util.Comparator;

/**
 * Where a rewrite applies: a jar (its path relative to the assembly, with {@code /}), a class entry in it, and the
 * kind of rewrite.
 *
 * @param jar the jar's path relative to the assembly
 * @param entry the class entry in the jar
 * @param rewrite the kind of rewrite
 */
record RewriteSite(String jar, String entry, Rewrite rewrite) implements Comparable<RewriteSite> {
    private static final Comparator<RewriteSite> ORDER = Comparator.comparing(RewriteSite::jar)
        .thenComparing(RewriteSite::entry).thenComparing(RewriteSite::rewrite);

    @Override
    public int compareTo(final RewriteSite other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return jar + ": " + entry + ": " + rewrite.label();
    }
}
