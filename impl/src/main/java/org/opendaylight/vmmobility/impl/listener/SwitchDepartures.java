/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.listener;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a switch's departure from openflowplugin's operational inventory for a grace period before the engine
 * learns of it. In a cluster, openflowplugin removes a switch from the inventory when its master dies and no
 * survivor owns it yet (after its device-datastore-removal-delay), and writes it back once a survivor masters it.
 * For the engine that would be a switch that left and came back, and a switch that leaves loses its
 * default-forwarding flows and its ports (which locate VMs registered by interface name): its traffic would be
 * dropped until it came back. A switch back within the grace never left as far as the engine knows; one still
 * absent after it has left, with its ports, exactly as before.
 *
 * <p>The same holds at the engine's start: the switches that hold our flows in the config inventory
 * ({@link #holdAtStart}) count as present for the grace, so that an engine taking over while the inventory is
 * being rewritten does not delete their flows.
 */
public final class SwitchDepartures {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchDepartures.class);

    private final Consumer<Set<String>> sink;
    private final Consumer<List<Change>> ports;
    private final ScheduledExecutorService timer;
    private final long graceMs;
    /** What the inventory reports now. */
    private final Set<String> present = new TreeSet<>();
    /** Switches gone from the inventory, still shown as present until their grace ends. */
    private final Map<String, Departure> departing = new HashMap<>();
    private @Nullable Set<String> shown;
    private long holds;

    private record Departure(long id, ScheduledFuture<?> due, List<Change.RemovePort> removals) {
    }

    /**
     * Creates the filter.
     *
     * @param sink receives the switches the engine should consider connected, after every change of that set
     * @param ports receives port changes (removals of a departing switch only once its grace has ended)
     * @param timer runs the end of each grace
     * @param graceMs how long a switch may be absent from the inventory before it has left
     */
    public SwitchDepartures(final Consumer<Set<String>> sink, final Consumer<List<Change>> ports,
            final ScheduledExecutorService timer, final long graceMs) {
        this.sink = requireNonNull(sink);
        this.ports = requireNonNull(ports);
        this.timer = requireNonNull(timer);
        this.graceMs = graceMs;
    }

    /**
     * The inventory changed.
     *
     * @param connected the switches in the inventory now
     * @param portChanges the port changes of this notification
     */
    public synchronized void report(final Set<String> connected, final List<Change> portChanges) {
        final Set<String> left = new TreeSet<>(present);
        left.removeAll(connected);
        final Set<String> arrived = new TreeSet<>(connected);
        arrived.removeAll(present);
        present.clear();
        present.addAll(connected);

        final List<Change> forward = new ArrayList<>();
        final Map<String, List<Change.RemovePort>> held = new HashMap<>();
        final Set<String> putBack = new HashSet<>();
        for (Change change : portChanges) {
            if (change instanceof Change.RemovePort remove && left.contains(remove.nodeId())) {
                held.computeIfAbsent(remove.nodeId(), node -> new ArrayList<>()).add(remove);
                continue;
            }
            if (change instanceof Change.PutPort put) {
                putBack.add(put.nodeId() + ':' + put.port());
            }
            forward.add(change);
        }
        for (String node : arrived) {
            final Departure back = departing.remove(node);
            if (back != null) {
                back.due.cancel(false);
                LOG.info("Switch {} is back in the inventory within the {} ms grace: it never left", node, graceMs);
                // a port that did not come back with the switch is gone
                back.removals.stream().filter(remove -> !putBack.contains(remove.nodeId() + ':' + remove.port()))
                    .forEach(forward::add);
            }
        }
        for (String node : left) {
            if (graceMs <= 0) {
                forward.addAll(held.getOrDefault(node, List.of()));
                continue;
            }
            LOG.info("Switch {} left the inventory: holding its departure for {} ms", node, graceMs);
            hold(node, held.getOrDefault(node, List.of()));
        }
        if (!forward.isEmpty()) {
            ports.accept(forward);
        }
        showIfChanged();
    }

    /**
     * The engine started and found flows of these switches in the config inventory: those the inventory does not
     * report count as present for the grace.
     *
     * @param switches the switches holding our flows
     */
    public synchronized void holdAtStart(final Set<String> switches) {
        for (String node : switches) {
            if (!present.contains(node) && !departing.containsKey(node) && graceMs > 0) {
                LOG.info("Switch {} holds our flows but is not in the inventory: waiting {} ms for it", node,
                    graceMs);
                hold(node, List.of());
            }
        }
        if (shown != null) {
            // before the inventory's first report nothing is shown: the engine waits for that report (it carries
            // the ports too), which then shows these as well
            showIfChanged();
        }
    }

    private void hold(final String node, final List<Change.RemovePort> removals) {
        final Departure before = departing.remove(node);
        final List<Change.RemovePort> all = new ArrayList<>(removals);
        if (before != null) {
            before.due.cancel(false);
            all.addAll(before.removals);
        }
        final long id = ++holds;
        departing.put(node, new Departure(id, timer.schedule(() -> graceEnded(node, id), graceMs,
            TimeUnit.MILLISECONDS), List.copyOf(all)));
    }

    private synchronized void graceEnded(final String node, final long id) {
        final Departure gone = departing.get(node);
        if (gone == null || gone.id != id) {
            // back meanwhile, or held anew
            return;
        }
        departing.remove(node);
        LOG.info("Switch {} has been out of the inventory for {} ms: it left", node, graceMs);
        if (!gone.removals.isEmpty()) {
            ports.accept(List.copyOf(gone.removals));
        }
        if (shown != null) {
            showIfChanged();
        }
    }

    private void showIfChanged() {
        final Set<String> now = new TreeSet<>(present);
        now.addAll(departing.keySet());
        if (!now.equals(shown)) {
            shown = Set.copyOf(now);
            sink.accept(shown);
        }
    }

    /**
     * The switches absent from the inventory that are still shown, within their grace.
     *
     * @return the switches held
     */
    public synchronized Set<String> held() {
        return Set.copyOf(departing.keySet());
    }

    /**
     * Forgets what the inventory reported (the departures held and what is shown stay): the next report, a new
     * listener's first, is taken as the whole inventory. A switch it lacks that was present disappears from what is
     * shown at once, without a grace: the engine found it gone already.
     */
    public synchronized void forgetInventory() {
        present.clear();
    }

    /**
     * The switches the engine considers connected now.
     *
     * @return present or within their grace
     */
    public synchronized Set<String> shown() {
        return shown == null ? Set.of() : shown;
    }
}
