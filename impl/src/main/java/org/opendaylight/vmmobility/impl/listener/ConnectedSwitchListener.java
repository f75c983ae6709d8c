/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.listener;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.vmmobility.impl.intent.PortReader;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;

/**
 * Follows which switches are connected (present in openflowplugin's operational inventory) and hands the set on,
 * with the ports the switches report (their names locate VMs registered by interface name). Thin: it never blocks
 * and does no work beyond reading the change.
 */
public final class ConnectedSwitchListener implements DataTreeChangeListener<Node> {
    private final Set<String> connected = new TreeSet<>();
    private final SwitchDepartures sink;

    /**
     * Creates the listener.
     *
     * @param sink receives the whole set and the ports that appeared, were renamed or went away, after every
     *     notification, and holds departures for their grace
     */
    public ConnectedSwitchListener(final SwitchDepartures sink) {
        this.sink = requireNonNull(sink);
    }

    @Override
    public synchronized void onDataTreeChanged(final List<DataTreeModification<Node>> changes) {
        for (var change : changes) {
            final String nodeId = change.path().getFirstKeyOf(Node.class).getId().getValue();
            switch (change.getRootNode().modificationType()) {
                case DELETE -> connected.remove(nodeId);
                case WRITE, SUBTREE_MODIFIED -> connected.add(nodeId);
                default -> throw new IllegalStateException("unknown modification " + change);
            }
        }
        sink.report(Set.copyOf(connected), PortReader.read(changes));
    }
}
