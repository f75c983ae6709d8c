/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.state.MigrationTracker;
import org.opendaylight.vmmobility.impl.state.VmStates;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationActivatedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationRemovedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the YANG notifications migration-activated and migration-removed (RESTCONF notification streams carry
 * them to orchestrators). Never blocks: a notification the broker cannot take now is logged and dropped.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Up to this many notifications at once are logged one by one at INFO. */
    private static final int DETAILED_AT_MOST = 10;

    private final NotificationPublishService publisher;

    /**
     * Creates a notifier.
     *
     * @param publisher the notification service
     */
    public Notifier(final NotificationPublishService publisher) {
        this.publisher = requireNonNull(publisher);
    }

    /**
     * Publishes events.
     *
     * @param events the events
     * @param vms the VMs as the engine sees them now (for the addresses)
     */
    public void publish(final List<MigrationTracker.Event> events,
            final Function<String, Optional<IncrementalPlanner.VmView>> vms) {
        // a few are logged one by one; a burst in one line
        final boolean detailed = events.size() <= DETAILED_AT_MOST;
        int dropped = 0;
        for (var event : events) {
            final var vmId = new Name(event.vmId());
            final Optional<IncrementalPlanner.VmView> vm = vms.apply(event.vmId());
            final Ipv4Host home = vm.flatMap(view -> view.vm().home4()).map(VmStates::host4).orElse(null);
            final Ipv6Host home6 = vm.flatMap(view -> view.vm().home6()).map(VmStates::host6).orElse(null);
            final var notification = switch (event) {
                case MigrationTracker.Activated activated -> new MigrationActivatedBuilder()
                    .setVmId(vmId)
                    .setHomeAddress(home)
                    .setCurrentAddress(vm.flatMap(IncrementalPlanner.VmView::address4).map(VmStates::host4)
                        .orElse(null))
                    .setHomeAddress6(home6)
                    .setCurrentAddress6(vm.flatMap(IncrementalPlanner.VmView::address6).map(VmStates::host6)
                        .orElse(null))
                    .setSwitch(activated.switches().stream().map(OpenflowNodeId::new).collect(Collectors.toSet()))
                    .build();
                case MigrationTracker.Removed removed -> new MigrationRemovedBuilder()
                    .setVmId(vmId)
                    .setHomeAddress(home)
                    .setHomeAddress6(home6)
                    .build();
            };
            if (publisher.offerNotification(notification) == NotificationPublishService.REJECTED) {
                dropped++;
                LOG.warn("Notification dropped, the broker is busy: {}", notification);
            } else if (detailed) {
                LOG.info("Published {}", notification);
            } else {
                LOG.debug("Published {}", notification);
            }
        }
        if (!detailed) {
            // an evacuation confirms thousands at once: one line, not one per VM on the engine's thread
            LOG.info("Published {} notifications (migration-activated or migration-removed), {} dropped; the first "
                + "for {}", events.size() - dropped, dropped, events.getFirst().vmId());
        }
    }
}
