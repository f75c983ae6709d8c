/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;

/**
 * The switches' port reports (openflowplugin's operational node-connectors) as changes: a port that appeared or
 * was renamed, or a port that is gone. Only these reports move a VM registered by interface name.
 */
public final class PortReader {
    private PortReader() {
        // static only
    }

    /**
     * Reads what changed in the ports of the modified switches.
     *
     * @param modifications the operational inventory's node modifications
     * @return one change per port that appeared, was renamed or went away
     */
    public static List<Change> read(final List<DataTreeModification<Node>> modifications) {
        final List<Change> changes = new ArrayList<>();
        for (var modification : modifications) {
            final String nodeId = modification.path().getFirstKeyOf(Node.class).getId().getValue();
            final Map<Long, String> before = ports(modification.getRootNode().dataBefore());
            final Map<Long, String> after = ports(modification.getRootNode().dataAfter());
            after.forEach((port, name) -> {
                if (!Objects.equals(before.get(port), name)) {
                    changes.add(new Change.PutPort(nodeId, port, name));
                }
            });
            before.keySet().stream().filter(port -> !after.containsKey(port))
                .forEach(port -> changes.add(new Change.RemovePort(nodeId, port)));
        }
        return changes;
    }

    /**
     * Reads the ports a switch reports now, as changes that put them (a full resync starts from these).
     *
     * @param node the operational inventory's node
     * @return one change per named port
     */
    public static List<Change> all(final Node node) {
        final String nodeId = node.requireId().getValue();
        final List<Change> changes = new ArrayList<>();
        ports(node).forEach((port, name) -> changes.add(new Change.PutPort(nodeId, port, name)));
        return changes;
    }

    private static Map<Long, String> ports(final @Nullable Node node) {
        final Map<Long, String> ports = new TreeMap<>();
        if (node == null) {
            return ports;
        }
        for (var connector : node.nonnullNodeConnector().values()) {
            final var capable = connector.augmentation(FlowCapableNodeConnector.class);
            final String id = connector.requireId().getValue();
            final String number = id.substring(id.lastIndexOf(':') + 1);
            if (capable == null || capable.getName() == null || !number.chars().allMatch(Character::isDigit)) {
                // the LOCAL port, or a port without a name
                continue;
            }
            ports.put(Long.parseLong(number), capable.getName());
        }
        return ports;
    }
}
