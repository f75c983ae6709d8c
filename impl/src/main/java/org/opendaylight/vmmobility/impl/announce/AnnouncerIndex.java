/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.announce;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Activation;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;

/**
 * On every node: which VM a MAC belongs to, for the VMs whose announcements start their migration (registered by
 * interface-name, activation announce on the VM or in the configuration). MACs are unique among VMs. Only these VMs
 * are held, so a node carries nothing for the VMs that opted out. A hint only: the {@link AnnouncementListener}
 * checks the VM's entry before it acts.
 */
public final class AnnouncerIndex implements DataTreeChangeListener<Vm> {
    private final boolean announceByDefault;
    private final Map<Long, String> vmByMac = new ConcurrentHashMap<>();

    /**
     * Creates an empty index.
     *
     * @param announceByDefault whether a VM without an activation leaf announces (activation=announce)
     */
    public AnnouncerIndex(final boolean announceByDefault) {
        this.announceByDefault = announceByDefault;
    }

    /**
     * Whether a VM entry's announcements start its migration.
     *
     * @param vm the entry
     * @param announceByDefault the configuration's default
     * @return true if it is registered by interface-name and its activation (or the default) is announce
     */
    public static boolean announces(final Vm vm, final boolean announceByDefault) {
        final Activation activation = vm.getActivation();
        return vm.getInterfaceName() != null && vm.getMac() != null
            && (activation == Activation.Announce || activation == null && announceByDefault);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Vm>> changes) {
        for (var change : changes) {
            final @Nullable Vm before = change.getRootNode().dataBefore();
            final @Nullable Vm after = change.getRootNode().dataAfter();
            if (before != null && before.getMac() != null) {
                vmByMac.remove(Mac.parse(before.getMac().getValue()).bits(), before.requireVmId().getValue());
            }
            if (after != null && announces(after, announceByDefault)) {
                vmByMac.put(Mac.parse(after.requireMac().getValue()).bits(), after.requireVmId().getValue());
            }
        }
    }

    /**
     * The announcing VM with a MAC.
     *
     * @param mac the MAC
     * @return its id, or empty if no announcing VM has it
     */
    public Optional<String> vmWithMac(final Mac mac) {
        return Optional.ofNullable(vmByMac.get(mac.bits()));
    }

    /**
     * How many VMs announce.
     *
     * @return the count
     */
    public int size() {
        return vmByMac.size();
    }
}
