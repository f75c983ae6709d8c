/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.opendaylight.vmmobility.impl.oracle.OracleIntent;

/**
 * Random intents, change by change (VMs, groups, members, migrations with cut-overs, subnets, connected switches),
 * from small pools so that addresses collide, VMs return home, members are unattached or outside every subnet.
 * {@link Model} keeps what the engine was told so far.
 */
final class RandomIntents {
    static final List<String> VMS = List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7");
    static final List<String> GROUPS = List.of("g0", "g1", "g2", "g3");
    static final List<String> SWITCHES = List.of("openflow:1", "openflow:2", "openflow:3");
    static final List<Subnet> SUBNETS = List.of(
        new Subnet(Ipv4Prefix.parse("10.0.1.0/24"), Ipv4.parse("10.0.1.254"), Mac.parse("02:00:00:00:01:fe")),
        new Subnet(Ipv4Prefix.parse("10.0.2.0/24"), Ipv4.parse("10.0.2.254"), Mac.parse("02:00:00:00:02:fe")),
        new Subnet(Ipv4Prefix.parse("10.0.0.0/16"), Ipv4.parse("10.0.0.254"), Mac.parse("02:00:00:00:00:fe")));
    static final List<PipelineConfig> CONFIGS = List.of(PipelineConfig.DEFAULT,
        PipelineConfig.DEFAULT.withLayout(FlowLayout.SHARED),
        new PipelineConfig((short) 5, 1000, PipelineConfig.OUTPUT_NORMAL, true, FlowLayout.AUTO),
        new PipelineConfig((short) 0, 2000, 20, true, FlowLayout.PER_PAIR));

    private RandomIntents() {
        // factories
    }

    /** The intent as plain maps: what the engine was told so far. */
    static final class Model {
        private final Map<Ipv4Prefix, Subnet> subnets = new TreeMap<>();
        private final Map<String, Member> vms = new TreeMap<>();
        private final Map<String, List<String>> groups = new TreeMap<>();
        private final Map<String, Migration> migrations = new TreeMap<>();
        private ImmutableSet<String> connected = ImmutableSet.of();

        /**
         * The whole intent as changes, for a planner that starts from nothing.
         *
         * @return the changes
         */
        List<Change> asChanges() {
            final List<Change> changes = new ArrayList<>();
            subnets.values().forEach(subnet -> changes.add(new Change.PutSubnet(subnet)));
            vms.values().forEach(vm -> changes.add(new Change.PutVm(vm)));
            groups.forEach((name, members) -> changes.add(Change.PutGroup.of(name, members)));
            migrations.values().forEach(migration -> changes.add(new Change.PutMigration(migration)));
            changes.add(new Change.SetConnected(connected));
            return changes;
        }

        /**
         * Whether the intent is one the product accepts as far as addresses and ports go: every home and new
         * address held by one VM only, every port by one VM only (the random pools collide on purpose, and the
         * planner must survive that, but only a valid intent must plan without overlaps).
         *
         * @return true when no two VMs share an address or a port
         */
        boolean addressesAndPortsUnique() {
            final List<Object> held = new ArrayList<>();
            vms.values().forEach(vm -> {
                held.add(vm.home4().orElseThrow());
                vm.attachment().ifPresent(held::add);
            });
            migrations.values().forEach(migration -> {
                if (!migration.new4().orElseThrow().equals(vms.containsKey(migration.vmId())
                        ? vms.get(migration.vmId()).home4().orElseThrow() : null)) {
                    held.add(migration.new4().orElseThrow());
                }
                migration.newAttachment().ifPresent(attachment -> {
                    if (!vms.containsKey(migration.vmId())
                            || !vms.get(migration.vmId()).attachment().equals(Optional.of(attachment))) {
                        held.add(attachment);
                    }
                });
            });
            return held.size() == new java.util.HashSet<>(held).size();
        }

        /**
         * The intent as the oracle reads it.
         *
         * @param pipeline the pipeline configuration
         * @return the intent
         */
        OracleIntent asOracleIntent(final PipelineConfig pipeline) {
            return OracleIntent.of(subnets.values(), vms, groups, migrations, pipeline);
        }
    }

    /**
     * Draws one change and records it in the model.
     *
     * @param random the random source
     * @param model the intent so far
     * @return the change
     */
    static Change randomChange(final Random random, final Model model) {
        final int kind = random.nextInt(100);
        if (kind < 5) {
            final Subnet subnet = SUBNETS.get(random.nextInt(SUBNETS.size()));
            if (model.subnets.containsKey(subnet.prefix()) && random.nextBoolean()) {
                model.subnets.remove(subnet.prefix());
                return new Change.RemoveSubnet(subnet.prefix());
            }
            model.subnets.put((Ipv4Prefix) subnet.prefix(), subnet);
            return new Change.PutSubnet(subnet);
        } else if (kind < 30) {
            final String vmId = pick(random, VMS);
            if (random.nextInt(5) == 0) {
                model.vms.remove(vmId);
                return new Change.RemoveVm(vmId);
            }
            final Member vm = new Member(vmId, address(random), mac(random), attachment(random));
            model.vms.put(vmId, vm);
            return new Change.PutVm(vm);
        } else if (kind < 50) {
            final String group = pick(random, GROUPS);
            if (random.nextInt(5) == 0) {
                model.groups.remove(group);
                return new Change.RemoveGroup(group);
            }
            final TreeSet<String> members = new TreeSet<>();
            final int size = random.nextInt(5);
            for (int i = 0; i < size; i++) {
                members.add(pick(random, VMS));
            }
            model.groups.put(group, new ArrayList<>(members));
            return Change.PutGroup.of(group, members);
        } else if (kind < 90) {
            final String vmId = pick(random, VMS);
            if (random.nextInt(4) == 0) {
                model.migrations.remove(vmId);
                return new Change.RemoveMigration(vmId);
            }
            final TreeSet<String> cutOver = new TreeSet<>();
            if (random.nextInt(3) == 0) {
                // some peers (or VMs that are none, or the VM itself) cut over to the new address
                for (int i = random.nextInt(3); i >= 0; i--) {
                    cutOver.add(pick(random, VMS));
                }
            }
            final Migration migration = new Migration(vmId, address(random),
                random.nextBoolean() ? Optional.of(mac(random)) : Optional.empty(), attachment(random), cutOver);
            model.migrations.put(vmId, migration);
            return new Change.PutMigration(migration);
        }
        final TreeSet<String> connected = new TreeSet<>();
        SWITCHES.forEach(node -> {
            if (random.nextBoolean()) {
                connected.add(node);
            }
        });
        model.connected = ImmutableSet.copyOf(connected);
        return new Change.SetConnected(model.connected);
    }

    private static Ipv4 address(final Random random) {
        // a small pool, so that addresses collide (conflicts, returns home) and some lie outside every subnet
        final int net = random.nextInt(4);
        return Ipv4.parse("10.0." + (net == 3 ? 9 : net) + "." + (1 + random.nextInt(6)));
    }

    private static Mac mac(final Random random) {
        // mostly unicast; now and then a multicast MAC, which cannot be planned
        final int first = random.nextInt(20) == 0 ? 0x01 : 0x52;
        return Mac.parse(String.format("%02x:54:00:00:00:%02x", first, random.nextInt(8)));
    }

    private static Optional<Attachment> attachment(final Random random) {
        return random.nextInt(6) == 0 ? Optional.empty()
            : Optional.of(new Attachment(pick(random, SWITCHES), 1 + random.nextInt(4)));
    }

    private static <T> T pick(final Random random, final List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
