/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault the {@link FaultyBroker} injected.
 *
 * @param seed the run's seed
 * @param number its number in the run (1, 2, ...)
 * @param kind what was done
 * @param site the datastore call it was done to
 * @param caller the application's frames that made the call (innermost first), to say where an untraced fault went
 */
public record InjectedFault(long seed, int number, FaultKind kind, String site, String caller) {
    /** Finds the tags of injected faults in a text (a log event, an RPC error). */
    public static final Pattern TAG = Pattern.compile("\\[fault run=(-?\\d+) #(\\d+) ");

    public InjectedFault {
        requireNonNull(kind);
        requireNonNull(site);
        requireNonNull(caller);
    }

    /**
     * The text every exception of this fault carries.
     *
     * @return the tag
     */
    public String tag() {
        return "[fault run=" + seed + " #" + number + " " + kind + " at " + site + "]";
    }

    /**
     * Calls back for each fault tag in a text.
     *
     * @param text the text
     * @param found receives (seed, number)
     */
    public static void findTags(final CharSequence text, final TagConsumer found) {
        final Matcher matcher = TAG.matcher(text);
        while (matcher.find()) {
            found.accept(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        }
    }

    /** Receives a tag found in a text. */
    @FunctionalInterface
    public interface TagConsumer {
        /**
         * A tag.
         *
         * @param seed the run's seed
         * @param number the fault's number
         */
        void accept(long seed, int number);
    }
}
