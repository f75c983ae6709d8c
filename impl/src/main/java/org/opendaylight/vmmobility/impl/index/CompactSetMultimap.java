/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.index;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A key to a set of values, compact where most keys have one value (an address, a MAC, a VM's group: a million VMs
 * give a million keys of one value each). A key with one value holds the value itself; only a key with several holds
 * a set. A {@code HashSet} of one element costs about 180 bytes (set, map, table, node); here it costs nothing beyond
 * the map's entry.
 *
 * <p>Values must not themselves be sets. Not thread-safe. The sets it returns are read-only and must not be kept
 * across a change of the same key.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class CompactSetMultimap<K, V> {
    /** Per key: a value (one) or a {@code HashSet} of values (several, never fewer than two). */
    private final Map<K, Object> entries = new HashMap<>();

    /**
     * Adds a value to a key.
     *
     * @param key the key
     * @param value the value
     * @return true if the key did not have the value yet
     */
    public boolean put(final K key, final V value) {
        requireNonNull(value);
        final Object held = entries.get(requireNonNull(key));
        if (held == null) {
            entries.put(key, value);
            return true;
        }
        if (held instanceof Set<?> several) {
            return values(several).add(value);
        }
        if (held.equals(value)) {
            return false;
        }
        final Set<V> several = new HashSet<>(4);
        several.add(value(held));
        several.add(value);
        entries.put(key, several);
        return true;
    }

    /**
     * Removes a value from a key; a key left without values is gone.
     *
     * @param key the key
     * @param value the value
     * @return true if the key had the value
     */
    public boolean remove(final K key, final V value) {
        final Object held = entries.get(key);
        if (held == null) {
            return false;
        }
        if (held instanceof Set<?> several) {
            final Set<V> values = values(several);
            if (!values.remove(value)) {
                return false;
            }
            if (values.size() == 1) {
                entries.put(key, values.iterator().next());
            }
            return true;
        }
        if (held.equals(value)) {
            entries.remove(key);
            return true;
        }
        return false;
    }

    /**
     * Removes a key with all its values.
     *
     * @param key the key
     */
    public void removeAll(final K key) {
        entries.remove(key);
    }

    /**
     * The values of a key.
     *
     * @param key the key
     * @return its values, read-only; empty if it has none
     */
    public Set<V> get(final K key) {
        final Object held = entries.get(key);
        if (held == null) {
            return Set.of();
        }
        if (held instanceof Set<?> several) {
            return Collections.unmodifiableSet(values(several));
        }
        return Set.of(value(held));
    }

    /**
     * Keeps the values of a key that pass a test and removes the others.
     *
     * @param key the key
     * @param keep the test
     * @return the values kept
     */
    public List<V> retain(final K key, final Predicate<? super V> keep) {
        final Object held = entries.get(key);
        if (held == null) {
            return List.of();
        }
        if (!(held instanceof Set<?> several)) {
            final V value = value(held);
            if (keep.test(value)) {
                return List.of(value);
            }
            entries.remove(key);
            return List.of();
        }
        final Set<V> values = values(several);
        final List<V> kept = new ArrayList<>(values.size());
        values.removeIf(value -> {
            if (keep.test(value)) {
                kept.add(value);
                return false;
            }
            return true;
        });
        if (values.isEmpty()) {
            entries.remove(key);
        } else if (values.size() == 1) {
            entries.put(key, values.iterator().next());
        }
        return kept;
    }

    /**
     * The keys that have values.
     *
     * @return the keys, read-only
     */
    public Set<K> keySet() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /**
     * Tells whether no key has a value.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private V value(final Object held) {
        return (V) held;
    }

    @SuppressWarnings("unchecked")
    private Set<V> values(final Set<?> several) {
        return (Set<V>) several;
    }
}
