/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
import java.util.Collection;

/**
 * One change of the intent, as the configuration listener sees it: an entry written (added or replaced) or removed.
 */
public sealed interface Change {
    /**
     * A switch reports a port and its name (openflowplugin's node-connector).
     *
     * @param nodeId the switch
     * @param port the OpenFlow port number
     * @param name the port's (interface's) name
     */
    record PutPort(String nodeId, long port, String name) implements Change {
        public PutPort {
            requireNonNull(nodeId);
            requireNonNull(name);
        }
    }

    /**
     * A port is gone from a switch.
     *
     * @param nodeId the switch
     * @param port the OpenFlow port number
     */
    record RemovePort(String nodeId, long port) implements Change {
        public RemovePort {
            requireNonNull(nodeId);
        }
    }

    /**
     * A subnet written.
     *
     * @param subnet the subnet
     */
    record PutSubnet(Subnet subnet) implements Change {
        public PutSubnet {
            requireNonNull(subnet);
        }
    }

    /**
     * A subnet removed.
     *
     * @param prefix its prefix
     */
    record RemoveSubnet(IpPrefix prefix) implements Change {
        public RemoveSubnet {
            requireNonNull(prefix);
        }
    }

    /**
     * A VM registered or changed.
     *
     * @param vm the VM
     */
    record PutVm(Member vm) implements Change {
        public PutVm {
            requireNonNull(vm);
        }
    }

    /**
     * A VM removed from the vm list.
     *
     * @param vmId the VM
     */
    record RemoveVm(String vmId) implements Change {
        public RemoveVm {
            requireNonNull(vmId);
        }
    }

    /**
     * A group written: its members are exactly these VM ids.
     *
     * @param name the group
     * @param vmIds its members
     */
    record PutGroup(String name, ImmutableSortedSet<String> vmIds) implements Change {
        public PutGroup {
            requireNonNull(name);
            vmIds = ImmutableSortedSet.copyOf(vmIds);
        }

        /**
         * Creates the change.
         *
         * @param name the group
         * @param vmIds its members
         * @return the change
         */
        public static PutGroup of(final String name, final Collection<String> vmIds) {
            return new PutGroup(name, ImmutableSortedSet.copyOf(vmIds));
        }
    }

    /**
     * A group removed.
     *
     * @param name the group
     */
    record RemoveGroup(String name) implements Change {
        public RemoveGroup {
            requireNonNull(name);
        }
    }

    /**
     * A migration written.
     *
     * @param migration the migration
     */
    record PutMigration(Migration migration) implements Change {
        public PutMigration {
            requireNonNull(migration);
        }
    }

    /**
     * A migration removed.
     *
     * @param vmId the VM
     */
    record RemoveMigration(String vmId) implements Change {
        public RemoveMigration {
            requireNonNull(vmId);
        }
    }

    /**
     * The set of connected switches changed.
     *
     * @param nodeIds the switches connected now
     */
    record SetConnected(ImmutableSet<String> nodeIds) implements Change {
        public SetConnected {
            nodeIds = ImmutableSet.copyOf(nodeIds);
        }
    }
}
