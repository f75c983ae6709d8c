/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.intent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.vmmobility.impl.planner.Attachment;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.IpAddress;
import org.opendaylight.vmmobility.impl.planner.IpPrefix;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv6;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.Member;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.planner.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.ActivationOrigin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.AttachmentPoint;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yangtools.binding.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what changed in the configuration, as a tree-change listener sees it, into the planner's changes: one per
 * subnet, VM, group or migration entry written or removed. Nothing else of the configuration is read.
 */
public final class ChangeReader {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);

    private ChangeReader() {
        // utility class
    }

    /**
     * Reads the changes of the configuration root.
     *
     * @param modifications what the listener got
     * @return the planner's changes, in order
     */
    public static List<Change> read(final List<DataTreeModification<VmMobility>> modifications) {
        final List<Change> changes = new ArrayList<>();
        for (var modification : modifications) {
            final DataObjectModification<VmMobility> root = modification.getRootNode();
            if (root.modificationType() == DataObjectModification.ModificationType.DELETE) {
                removeAll(root.dataBefore(), changes);
                continue;
            }
            entries(root.getModifiedChildren(org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm
                .mobility.rev261205.vm.mobility.Subnet.class),
                before -> new Change.RemoveSubnet(IpPrefix.parse(before.requirePrefix().stringValue())),
                after -> after.requirePrefix().stringValue(), after -> new Change.PutSubnet(subnet(after)), changes);
            entries(root.getModifiedChildren(Vm.class), before -> new Change.RemoveVm(before.requireVmId().getValue()),
                after -> "vm " + after.requireVmId().getValue(), after -> new Change.PutVm(vm(after)), changes);
            entries(root.getModifiedChildren(ApplicationGroup.class),
                before -> new Change.RemoveGroup(before.requireName().getValue()),
                after -> "group " + after.requireName().getValue(), ChangeReader::group, changes);
            entries(root.getModifiedChildren(org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm
                .mobility.rev261205.vm.mobility.Migration.class),
                before -> new Change.RemoveMigration(before.requireVmId().getValue()),
                after -> "migration " + after.requireVmId().getValue(),
                after -> new Change.PutMigration(migration(after)), changes);
        }
        return changes;
    }

    /**
     * Reads a whole configuration as changes that build it from nothing.
     *
     * @param config the configuration
     * @return the changes
     */
    public static List<Change> readAll(final @Nullable VmMobility config) {
        final List<Change> changes = new ArrayList<>();
        forEach(config, changes::add);
        return changes;
    }

    /**
     * The changes that build a whole configuration from nothing, one at a time, each converted only when it is
     * handed over: the consumer ends the walk by answering false, and nothing after it is converted (an audit that a
     * change made moot stops converting a million VMs at once).
     *
     * @param config the configuration
     * @param consumer takes each change; false stops the walk
     * @return false if the consumer stopped the walk, true if it took every change
     */
    public static boolean forEach(final @Nullable VmMobility config, final Predicate<Change> consumer) {
        if (config == null) {
            return true;
        }
        for (var subnet : config.nonnullSubnet().values()) {
            if (!handOver(converted(subnet.requirePrefix().stringValue(), () -> new Change.PutSubnet(
                    subnet(subnet))), consumer)) {
                return false;
            }
        }
        for (var vm : config.nonnullVm().values()) {
            if (!handOver(converted("vm " + vm.requireVmId().getValue(), () -> new Change.PutVm(vm(vm))), consumer)) {
                return false;
            }
        }
        for (var group : config.nonnullApplicationGroup().values()) {
            if (!consumer.test(group(group))) {
                return false;
            }
        }
        for (var migration : config.nonnullMigration().values()) {
            if (!handOver(converted("migration " + migration.requireVmId().getValue(),
                    () -> new Change.PutMigration(migration(migration))), consumer)) {
                return false;
            }
        }
        return true;
    }

    /** An entry that could not be converted (null) is skipped, not handed over. */
    private static boolean handOver(final @Nullable Change change, final Predicate<Change> consumer) {
        return change == null || consumer.test(change);
    }

    /** One change per list entry written (put) or removed. */
    private static <T extends DataObject> void entries(final Collection<DataObjectModification<T>> modified,
            final Function<T, Change> removal, final Function<T, String> name, final Function<T, Change> put,
            final List<Change> changes) {
        for (var child : modified) {
            final T before = child.dataBefore();
            final T after = child.dataAfter();
            if (after == null) {
                if (before != null) {
                    changes.add(removal.apply(before));
                }
            } else {
                convert(name.apply(after), () -> put.apply(after), changes);
            }
        }
    }

    private static void removeAll(final @Nullable VmMobility before, final List<Change> changes) {
        if (before == null) {
            return;
        }
        before.nonnullMigration().keySet().forEach(key -> changes.add(new Change.RemoveMigration(
            key.getVmId().getValue())));
        before.nonnullApplicationGroup().keySet().forEach(key -> changes.add(new Change.RemoveGroup(
            key.getName().getValue())));
        before.nonnullVm().keySet().forEach(key -> changes.add(new Change.RemoveVm(key.getVmId().getValue())));
        before.nonnullSubnet().keySet().forEach(key -> changes.add(new Change.RemoveSubnet(IpPrefix.parse(
            key.getPrefix().stringValue()))));
    }

    private static void convert(final String what, final Supplier<Change> converter, final List<Change> changes) {
        final Change change = converted(what, converter);
        if (change != null) {
            changes.add(change);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static @Nullable Change converted(final String what, final Supplier<Change> converter) {
        try {
            return converter.get();
        } catch (RuntimeException e) {
            // validation refuses such values; an entry that slipped through is ignored, never the whole intent
            LOG.warn("Ignoring {}: {}", what, e.getMessage());
            return null;
        }
    }

    private static Subnet subnet(final org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
            .rev261205.vm.mobility.Subnet subnet) {
        return new Subnet(IpPrefix.parse(subnet.requirePrefix().stringValue()),
            IpAddress.parse(subnet.requireGatewayAddress().stringValue()),
            Mac.parse(subnet.requireGatewayMac().getValue()));
    }

    private static Member vm(final Vm vm) {
        return new Member(vm.requireVmId().getValue(),
            Optional.ofNullable(vm.getHomeAddress()).map(address -> Ipv4.parse(address.getValue())),
            Optional.ofNullable(vm.getHomeAddress6()).map(address -> Ipv6.parse(address.getValue())),
            Mac.parse(vm.requireMac().getValue()), attachment(vm.getAttachment()),
            Optional.ofNullable(vm.getInterfaceName()), activation(vm.getActivation()),
            // the configuration's own strings: the VM's operational entry shows them rather than copies
            vm.getHomeAddress() == null ? null : vm.getHomeAddress().getValue(), vm.requireMac().getValue());
    }

    private static org.opendaylight.vmmobility.impl.planner.Activation activation(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205
                .@Nullable Activation leaf) {
        if (leaf == null) {
            return org.opendaylight.vmmobility.impl.planner.Activation.DEFAULT;
        }
        return switch (leaf) {
            case Rpc -> org.opendaylight.vmmobility.impl.planner.Activation.RPC;
            case Announce -> org.opendaylight.vmmobility.impl.planner.Activation.ANNOUNCE;
        };
    }

    private static Change group(final ApplicationGroup group) {
        return Change.PutGroup.of(group.requireName().getValue(), group.nonnullMember().keySet().stream()
            .map(key -> key.getVmId().getValue()).toList());
    }

    /**
     * Converts a migration entry to the planner's form.
     *
     * @param migration the entry
     * @return the planner's migration
     */
    public static Migration migration(final org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm
            .mobility.rev261205.vm.mobility.Migration migration) {
        final var cutOver = migration.getCutOver();
        return new Migration(migration.requireVmId().getValue(),
            Optional.ofNullable(migration.getNewAddress()).map(address -> Ipv4.parse(address.getValue())),
            Optional.ofNullable(migration.getNewAddress6()).map(address -> Ipv6.parse(address.getValue())),
            Optional.ofNullable(migration.getNewMac()).map(mac -> Mac.parse(mac.getValue())),
            attachment(migration.getNewAttachment()), cutOver == null ? new TreeSet<>()
                : cutOver.stream().map(Name::getValue).collect(Collectors.toCollection(TreeSet::new)),
            migration.getActivatedBy() == ActivationOrigin.Announcement);
    }

    private static Optional<Attachment> attachment(final @Nullable AttachmentPoint point) {
        return point == null ? Optional.empty()
            : Optional.of(new Attachment(point.requireNodeId().getValue(), point.requirePort().getValue().toJava()));
    }
}
