/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.announce;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.nd.NdResponder;
import org.opendaylight.vmmobility.impl.nd.UnsolicitedAdvertisement;
import org.opendaylight.vmmobility.impl.planner.Family;
import org.opendaylight.vmmobility.impl.planner.FlowKind;
import org.opendaylight.vmmobility.impl.planner.IpAddress;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.output.Result;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a VM's migration when the VM announces its new address itself (docs/DESIGN.md, "Activation by
 * announcement"). On every node: a switch's packet-ins reach only the node that owns the switch.
 *
 * <p>The switch sends only packets from an announcing VM's port, with its MAC, whose sender (source) address lies
 * in another registered subnet ({@link FlowKind#ANNOUNCE_PUNT}, through the punt meter). Here a packet counts only
 * if it is a gratuitous ARP (sender = target, sender MAC = frame source) or a valid unsolicited Neighbor
 * Advertisement (from the address it announces), its MAC belongs to a VM whose announcements count, and the VM's
 * entry (read now) still has that MAC and names, as its interface, the port the packet came in on (as the switch
 * reports it now). A VM is heard at most once per {@value #MIN_INTERVAL_MS} ms per address family; an address it
 * already uses changes nothing. Then the migration is stored exactly as notify-migration would store it (the
 * same per-VM order, commit checks and retries), marked activated by announcement; an announcement of its home
 * address brings that family home. Every packet's outcome is counted (vmm_announcements_total) and logged.
 */
public final class AnnouncementListener implements NotificationService.Listener<PacketReceived> {
    /** A VM is heard at most once in this time. */
    public static final long MIN_INTERVAL_MS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementListener.class);
    private static final long ANNOUNCE_COOKIE = (long) PlannedFlow.COOKIE_PREFIX << 4 | FlowKind.ANNOUNCE_PUNT.code();

    /** Stores a migration started by an announcement (MigrationRpcs#announced). */
    @FunctionalInterface
    public interface Announcer {
        /**
         * Stores the migration of a VM to an address it announced.
         *
         * @param vmId the VM
         * @param address the address
         * @return the outcome once stored
         */
        ListenableFuture<Result> announced(String vmId, IpAddress address);
    }

    private final DataBroker broker;
    private final AnnouncerIndex index;
    private final Announcer announcer;
    private final VmmMetrics metrics;
    private final boolean announceByDefault;
    private final LongSupplier nanoClock;
    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();

    /**
     * Creates the listener.
     *
     * @param broker reads the VM's entry and the switch's port
     * @param index finds the VM by MAC
     * @param announcer stores the migration
     * @param metrics counts the outcomes
     * @param announceByDefault the configuration's activation (announce: true)
     * @param nanoClock a monotonic clock in nanoseconds
     */
    public AnnouncementListener(final DataBroker broker, final AnnouncerIndex index, final Announcer announcer,
            final VmmMetrics metrics, final boolean announceByDefault, final LongSupplier nanoClock) {
        this.broker = requireNonNull(broker);
        this.index = requireNonNull(index);
        this.announcer = requireNonNull(announcer);
        this.metrics = requireNonNull(metrics);
        this.announceByDefault = announceByDefault;
        this.nanoClock = requireNonNull(nanoClock);
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void onNotification(final PacketReceived packet) {
        final var cookie = packet.getFlowCookie();
        if (cookie == null || cookie.getValue().longValue() >>> 44 != ANNOUNCE_COOKIE) {
            // another flow's packet-in (ours or another application's)
            return;
        }
        try {
            handle(packet);
        } catch (RuntimeException e) {
            // the notification router would log it as a listener's failure; say what it means here
            metrics.announcement("failed");
            LOG.error("An announcement could not be handled; the VM's next announcement (or notify-migration) "
                + "tries again: {}", packet, e);
        }
    }

    private void handle(final PacketReceived packet) {
        final Optional<Heard> parsed = Optional.ofNullable(packet.getPayload()).flatMap(Heard::parse);
        final Optional<NdResponder.Port> port = NdResponder.Port.of(packet.getIngress());
        if (parsed.isEmpty() || port.isEmpty()) {
            // the VM's other ARP or advertisements from an address outside its subnet (before its move is known)
            metrics.announcement("ignored");
            LOG.debug("Ignoring a packet of an announcement flow that is no announcement: {}", packet);
            return;
        }
        final Heard heard = parsed.orElseThrow();
        final NdResponder.Port at = port.orElseThrow();
        final Optional<String> vmId = index.vmWithMac(heard.mac());
        if (vmId.isEmpty()) {
            metrics.announcement("untrusted");
            LOG.warn("Ignoring an announcement of {} from {} on {}: no VM whose announcements count has that MAC",
                heard.address(), heard.mac(), at);
            return;
        }
        final long now = nanoClock.getAsLong();
        // per VM and family: a dual-stack VM announces both families at once
        final String key = vmId.orElseThrow() + " " + heard.address().family();
        final Long before = lastHeard.get(key);
        if (before != null && now - before < TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS)) {
            metrics.announcement("rate-limited");
            LOG.debug("Ignoring an announcement of VM {} within {} ms of its last one of {}", vmId.orElseThrow(),
                MIN_INTERVAL_MS, heard.address().family());
            return;
        }
        lastHeard.put(key, now);
        check(vmId.orElseThrow(), heard, at, key);
    }

    /** Reads the VM, its migration and the port, then stores the migration if everything matches. */
    private void check(final String vmId, final Heard heard, final NdResponder.Port at, final String heardKey) {
        final ListenableFuture<Optional<Vm>> vmRead;
        final ListenableFuture<Optional<Migration>> migrationRead;
        final ListenableFuture<Optional<NodeConnector>> portRead;
        // a read-only transaction reads one datastore
        try (var config = broker.newReadOnlyTransaction(); var inventory = broker.newReadOnlyTransaction()) {
            vmRead = config.read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.vm(vmId));
            migrationRead = config.read(LogicalDatastoreType.CONFIGURATION, ConfigPaths.migration(vmId));
            portRead = inventory.read(LogicalDatastoreType.OPERATIONAL, at.connector());
        }
        final var checked = Futures.transformAsync(Futures.allAsList(vmRead, migrationRead, portRead), ignored -> {
            final Optional<Vm> vm = Futures.getDone(vmRead);
            final Optional<String> portName = Futures.getDone(portRead)
                .map(connector -> connector.augmentation(FlowCapableNodeConnector.class))
                .map(FlowCapableNodeConnector::getName);
            final String untrusted = untrusted(vm, heard.mac(), portName);
            if (untrusted != null) {
                metrics.announcement("untrusted");
                LOG.warn("Ignoring an announcement of {} by {} on {} ({}): {}", heard.address(), heard.mac(), at,
                    portName.orElse("no name"), untrusted);
                return Futures.immediateFuture(null);
            }
            final Vm entry = vm.orElseThrow();
            final Optional<Migration> migration = Futures.getDone(migrationRead);
            // the address of that family it uses now: its migration's new one, else its home one
            if (heard.address().equals(current(entry, migration, heard.address().family()).orElse(null))) {
                metrics.announcement("unchanged");
                LOG.debug("VM {} announced {}, the address it already uses", vmId, heard.address());
                return Futures.immediateFuture(null);
            }
            LOG.info("VM {} announced {} on {} ({}): storing its migration", vmId, heard.address(), at,
                portName.orElseThrow());
            return announcer.announced(vmId, heard.address());
        }, MoreExecutors.directExecutor());
        Futures.addCallback(checked, new FutureCallback<Result>() {
            @Override
            public void onSuccess(final Result result) {
                if (result == null) {
                    return;
                }
                switch (result.getOutcome()) {
                    case Migrated -> {
                        metrics.announcement("migrated");
                        LOG.info("VM {} migrated to {}: activated by announcement", vmId, heard.address());
                    }
                    case ReturnedHome -> {
                        metrics.announcement("returned-home");
                        LOG.info("VM {} announced its home address {}: back home", vmId, heard.address());
                    }
                    default -> {
                        metrics.announcement("refused");
                        LOG.warn("VM {} announced {}, refused as notify-migration would be: {}", vmId,
                            heard.address(), result.getReason());
                    }
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                metrics.announcement("failed");
                LOG.error("VM {} announced {} but its migration could not be stored; the next announcement (or "
                    + "notify-migration) tries again", vmId, heard.address(), cause);
                // heard again at once: the VM's next announcement is not rate-limited
                lastHeard.remove(heardKey);
            }
        }, MoreExecutors.directExecutor());
    }

    private static Optional<IpAddress> current(final Vm vm, final Optional<Migration> migration,
            final Family family) {
        if (family == Family.IPV4) {
            return Optional.ofNullable(migration.map(Migration::getNewAddress).orElse(null))
                .or(() -> Optional.ofNullable(vm.getHomeAddress())).map(host -> IpAddress.parse(host.getValue()));
        }
        return Optional.ofNullable(migration.map(Migration::getNewAddress6).orElse(null))
            .or(() -> Optional.ofNullable(vm.getHomeAddress6())).map(host -> IpAddress.parse(host.getValue()));
    }

    /**
     * An announcement as the switch sent it: a gratuitous ARP or an unsolicited Neighbor Advertisement.
     *
     * @param mac the announcing MAC
     * @param address the announced address
     */
    record Heard(Mac mac, IpAddress address) {
        static Optional<Heard> parse(final byte[] frame) {
            return GratuitousArp.parse(frame).map(arp -> new Heard(arp.mac(), arp.address()))
                .or(() -> UnsolicitedAdvertisement.parse(frame).map(na -> new Heard(na.mac(), na.address())));
        }
    }

    /**
     * Why an announcement is not trusted, or null if it is.
     *
     * @param vm the VM's entry now
     * @param mac the announcing MAC
     * @param portName the name of the port the packet came in on, as the switch reports it now
     */
    private @Nullable String untrusted(final Optional<Vm> vm, final Mac mac, final Optional<String> portName) {
        if (vm.isEmpty()) {
            return "the VM is no longer registered";
        }
        final Vm entry = vm.orElseThrow();
        if (!AnnouncerIndex.announces(entry, announceByDefault)) {
            return "VM " + entry.requireVmId().getValue() + "'s announcements do not count (activation rpc, or no "
                + "interface-name)";
        }
        if (!Mac.parse(entry.requireMac().getValue()).equals(mac)) {
            return "VM " + entry.requireVmId().getValue() + " has MAC " + entry.requireMac().getValue();
        }
        if (portName.isEmpty() || !portName.orElseThrow().equals(entry.getInterfaceName())) {
            return "VM " + entry.requireVmId().getValue() + "'s interface is " + entry.getInterfaceName()
                + ", not this port";
        }
        return null;
    }
}
