/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * Stable hashes of domain keys: the same key gives the same value in every JVM and release.
 */
final class StableHash {
    private static final long LOW_44_BITS = (1L << 44) - 1;

    private StableHash() {
        // utility class
    }

    /**
     * Hashes a key to 32 bits (murmur3, fixed variant).
     *
     * @param key the key
     * @return the hash
     */
    static int hash32(final String key) {
        return Hashing.murmur3_32_fixed().hashString(key, StandardCharsets.UTF_8).asInt();
    }

    /**
     * Hashes a key to a short hex digest (the first 32 bits of its 128-bit murmur3), for flow ids.
     *
     * @param key the key
     * @return 8 lower-case hex digits
     */
    static String digest(final String key) {
        final HashCode hash = Hashing.murmur3_128().hashString(key, StandardCharsets.UTF_8);
        return HashCode.fromBytes(Arrays.copyOf(hash.asBytes(), 4)).toString();
    }

    /**
     * Builds a cookie: the application prefix, the kind's code and 44 bits of the 128-bit murmur3 of the content.
     *
     * @param kind the flow's kind
     * @param domainKey the flow's domain key
     * @return the cookie
     */
    static long cookie(final FlowKind kind, final String domainKey) {
        final long hash = Hashing.murmur3_128().hashString(domainKey, StandardCharsets.UTF_8).asLong();
        return (long) PlannedFlow.COOKIE_PREFIX << 48 | (long) kind.code() << 44 | hash & LOW_44_BITS;
    }

    /**
     * Assigns distinct non-zero 32-bit ids to keys: each key gets its hash; on a collision (or zero) the key later
     * in sort order probes upwards by one.
     *
     * @param keys the keys, sorted
     * @return the id of every key
     */
    static Map<String, Integer> assignIds(final SortedSet<String> keys) {
        final int limit = 1 << Metadata.ID_BITS;
        final Map<String, Integer> ids = new HashMap<>();
        final Set<Integer> taken = new HashSet<>();
        for (String key : keys) {
            int id = idOf(key);
            while (!taken.add(id)) {
                id = id + 1 == limit ? 1 : id + 1;
            }
            ids.put(key, id);
        }
        return ids;
    }

    /**
     * The id a key takes when nothing on its switch collides with it: its hash in {@link Metadata#ID_BITS} bits,
     * never 0.
     *
     * @param key the key
     * @return the id, 1 to 2^24-1
     */
    static int idOf(final String key) {
        final int id = hash32(key) >>> (Integer.SIZE - Metadata.ID_BITS);
        return id == 0 ? 1 : id;
    }
}
