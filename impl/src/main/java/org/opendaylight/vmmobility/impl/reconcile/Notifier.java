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
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.vmmobility.impl.state.MigrationTracker;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.MigrationActivatedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.MigrationRemovedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.MigrationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the YANG notifications migration-activated and migration-removed (RESTCONF notification streams carry
 * them to orchestrators). Never blocks: a notification the broker cannot take now is logged and dropped.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

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
     * @param config the configuration they happened in (for the addresses)
     */
    public void publish(final List<MigrationTracker.Event> events, final @Nullable VmMobility config) {
        for (var event : events) {
            final var vmId = new Name(event.vmId());
            final Ipv4Host home = config == null ? null : config.nonnullApplicationGroup().values().stream()
                .flatMap(group -> group.nonnullMember().values().stream())
                .filter(member -> member.requireVmId().equals(vmId))
                .map(member -> member.getHomeAddress())
                .findFirst().orElse(null);
            final var notification = switch (event) {
                case MigrationTracker.Activated activated -> new MigrationActivatedBuilder()
                    .setVmId(vmId)
                    .setHomeAddress(home)
                    .setCurrentAddress(currentAddress(config, vmId))
                    .setSwitch(activated.switches().stream().map(OpenflowNodeId::new).collect(Collectors.toSet()))
                    .build();
                case MigrationTracker.Removed removed -> new MigrationRemovedBuilder()
                    .setVmId(vmId)
                    .setHomeAddress(home)
                    .build();
            };
            if (publisher.offerNotification(notification) == NotificationPublishService.REJECTED) {
                LOG.warn("Notification dropped, the broker is busy: {}", notification);
            } else {
                LOG.info("Published {}", notification);
            }
        }
    }

    private static @Nullable Ipv4Host currentAddress(final @Nullable VmMobility config, final Name vmId) {
        final var migration = config == null ? null : config.nonnullMigration().get(new MigrationKey(vmId));
        return migration == null ? null : migration.getNewAddress();
    }
}
