/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

/**
 * Where a VM attaches to the network: its edge switch and port.
 *
 * @param nodeId the switch, as openflowplugin names it ({@code openflow:<dpid>})
 * @param port the OpenFlow port number
 */
public record Attachment(String nodeId, long port) {
    /**
     * Creates an attachment.
     *
     * @param nodeId the switch
     * @param port the port, 1 to 0xffffff00
     */
    public Attachment {
        requireNonNull(nodeId);
        if (port < 1 || port > 0xFFFF_FF00L) {
            throw new IllegalArgumentException("OpenFlow port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return nodeId + ":" + port;
    }
}
