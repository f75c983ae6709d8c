/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.opendaylight.vmmobility.impl.testing.Intents.group;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.subnet;
import static org.opendaylight.vmmobility.impl.testing.Intents.vm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.IpHost;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.target.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.AttachmentBuilder;

public class IntentValidatorTest {
    private static final String ROOT = "/vm-mobility:vm-mobility";

    /** A configuration by key, counting the reads. */
    private static final class Config implements IntentValidator.Lookup {
        private final Map<String, Vm> vms = new HashMap<>();
        private final Map<String, Migration> migrations = new HashMap<>();
        private final Map<String, ApplicationGroup> groups = new HashMap<>();
        private final Map<String, Subnet> subnets = new HashMap<>();
        private final AtomicInteger reads = new AtomicInteger();

        Config withGroup(final ApplicationGroup group) {
            groups.put(group.requireName().getValue(), group);
            return this;
        }

        Config withSubnet(final Subnet subnet) {
            subnets.put(subnet.requirePrefix().stringValue(), subnet);
            return this;
        }

        Config withoutVm(final String vmId) {
            vms.remove(vmId);
            return this;
        }

        Config withVm(final Vm vm) {
            vms.put(vm.requireVmId().getValue(), vm);
            return this;
        }

        Config withMigration(final Migration migration) {
            migrations.put(migration.requireVmId().getValue(), migration);
            return this;
        }

        @Override
        public @Nullable Vm vm(final String vmId) {
            reads.incrementAndGet();
            return vms.get(vmId);
        }

        @Override
        public @Nullable Migration migration(final String vmId) {
            reads.incrementAndGet();
            return migrations.get(vmId);
        }

        @Override
        public @Nullable ApplicationGroup group(final String name) {
            reads.incrementAndGet();
            return groups.get(name);
        }

        @Override
        public Collection<Subnet> subnets() {
            reads.incrementAndGet();
            return List.copyOf(subnets.values());
        }
    }

    private static final Vm WEB = vm("web", "10.0.1.1", "02:00:00:00:00:01", "openflow:1", 1);
    private static final Vm DB = vm("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3);

    private static IntentValidator.Written vms(final Vm... vms) {
        return new IntentValidator.Written(List.of(), List.of(vms), List.of(), List.of());
    }

    private static IntentValidator.Written migrations(final Migration... migrations) {
        return new IntentValidator.Written(List.of(), List.of(), List.of(), List.of(migrations));
    }

    private static IntentValidator known(final Config config) {
        final IntentValidator validator = new IntentValidator();
        validator.learn(config.vms.values(), config.groups.values(), config.migrations.values());
        return validator;
    }

    private static IntentValidator.Written deleted(final String... vmIds) {
        return new IntentValidator.Written(List.of(), List.of(), List.of(), List.of(), List.of(vmIds));
    }

    private static final Subnet NET1 = subnet("10.0.1.0/24", "10.0.1.254", "02:00:00:00:01:fe");
    private static final Subnet NET2 = subnet("10.0.2.0/24", "10.0.2.254", "02:00:00:00:02:fe");

    /** web, app and db; groups shop (web, app, db) and backup (db); db migrated, web cut over to it. */
    private static Config shopWithDbMigrated() {
        final Vm app = vm("app", "10.0.1.2", "02:00:00:00:00:02", "openflow:1", 2);
        return new Config().withSubnet(NET1).withSubnet(NET2).withVm(WEB).withVm(app).withVm(DB)
            .withGroup(group("shop", "web", "app", "db")).withGroup(group("backup", "db"))
            .withMigration(new MigrationBuilder(migration("db", "10.0.2.33", "openflow:2", 1))
                .setCutOver(java.util.Set.of(new Name("web"))).build());
    }

    @Test
    public void refusesDeletingAVmThatGroupsOrAMigrationStillName() {
        final Config config = shopWithDbMigrated();
        final IntentValidator validator = known(config);
        assertEquals(List.of(new Violation(ROOT + "/vm=db", "VM db is still named by group backup, group shop and "
            + "migration db: delete or change them first, or in the same transaction")),
            validator.validate(deleted("db"), config.withoutVm("db")));
        // web is named by shop and by db's cut-over
        assertEquals(List.of(new Violation(ROOT + "/vm=web", "VM web is still named by group shop and the cut-over "
            + "of migration db: delete or change them first, or in the same transaction")),
            validator.validate(deleted("web"), shopWithDbMigrated().withoutVm("web")));
    }

    @Test
    public void acceptsDeletingAVmTogetherWithWhatNamesIt() {
        final Config config = shopWithDbMigrated();
        final IntentValidator validator = known(config);
        // the same transaction deletes backup, takes db out of shop and deletes db's migration
        final Config after = new Config().withSubnet(NET1).withSubnet(NET2).withVm(WEB)
            .withVm(vm("app", "10.0.1.2", "02:00:00:00:00:02", "openflow:1", 2))
            .withGroup(group("shop", "web", "app"));
        assertEquals(List.of(), validator.validate(new IntentValidator.Written(List.of(), List.of(),
            List.of(group("shop", "web", "app")), List.of(), List.of("db")), after));
        // app is named by shop only; a group deleted before is no referrer (its stale hint is dropped)
        assertEquals(List.of(), known(config).validate(deleted("app"),
            new Config().withVm(WEB).withVm(DB).withGroup(group("shop", "web", "db"))));
    }

    @Test
    public void refusesAddressesThatAreASubnetsGateway() {
        final Config config = new Config().withSubnet(NET1).withSubnet(NET2).withVm(WEB).withVm(DB);
        final IntentValidator validator = known(config);
        final Vm gatewayVm = vm("gw", "10.0.1.254", "02:00:00:00:00:09", "openflow:1", 9);
        assertEquals(List.of(new Violation(ROOT + "/vm=gw/home-address",
            "home address 10.0.1.254 is the gateway of subnet 10.0.1.0/24")),
            validator.validate(vms(gatewayVm), config.withVm(gatewayVm)));
        final Migration toGateway = migration("db", "10.0.2.254", "openflow:2", 1);
        assertEquals(List.of(new Violation(ROOT + "/migration=db/new-address",
            "new address 10.0.2.254 is the gateway of subnet 10.0.2.0/24")),
            validator.validate(migrations(toGateway), config.withoutVm("gw").withMigration(toGateway)));
    }

    @Test
    public void refusesASubnetWhoseGatewayIsAVmsAddress() {
        final Migration moved = migration("db", "10.0.3.33", "openflow:2", 1);
        final Config config = new Config().withVm(WEB).withVm(DB).withMigration(moved);
        final IntentValidator validator = known(config);
        final Subnet atWeb = subnet("10.0.1.0/24", "10.0.1.1", "02:00:00:00:01:fe");
        final Subnet atDb = subnet("10.0.3.0/24", "10.0.3.33", "02:00:00:00:03:fe");
        assertEquals(List.of(
            new Violation(ROOT + "/subnet=10.0.1.0/24/gateway-address", "gateway 10.0.1.1 is the home address of VM "
                + "web"),
            new Violation(ROOT + "/subnet=10.0.3.0/24/gateway-address", "gateway 10.0.3.33 is the new address of "
                + "migrated VM db")),
            validator.validate(new IntentValidator.Written(List.of(atWeb, atDb), List.of(), List.of(), List.of()),
                config.withSubnet(atWeb).withSubnet(atDb)));
    }

    @Test
    public void refusesOverlappingSubnets() {
        final Subnet wide = subnet("10.0.0.0/16", "10.0.255.254", "02:00:00:00:00:fe");
        final Config config = new Config().withSubnet(NET1).withSubnet(NET2).withSubnet(wide);
        assertEquals(List.of(new Violation(ROOT + "/subnet=10.0.0.0/16", "subnet 10.0.0.0/16 overlaps subnet "
            + "10.0.1.0/24 and subnet 10.0.2.0/24: subnets must not overlap (which one's gateway would an address in "
            + "both use?)")),
            new IntentValidator().validate(new IntentValidator.Written(List.of(wide), List.of(), List.of(),
                List.of()), config));
        // a narrower subnet inside an existing one, and two disjoint ones side by side
        final Subnet inside = subnet("10.0.1.128/25", "10.0.1.129", "02:00:00:00:01:fd");
        final var narrower = new IntentValidator().validate(new IntentValidator.Written(List.of(inside), List.of(),
            List.of(), List.of()), new Config().withSubnet(NET1).withSubnet(inside));
        assertEquals(1, narrower.size());
        assertTrue(narrower.toString(), narrower.get(0).message().contains("overlaps subnet 10.0.1.0/24"));
        assertEquals(List.of(), new IntentValidator().validate(new IntentValidator.Written(List.of(NET2),
            List.of(), List.of(), List.of()), new Config().withSubnet(NET1).withSubnet(NET2)));
    }

    @Test
    public void refusesAVmAttachedByPortAndByInterfaceNameAtOnce() {
        final Vm both = new VmBuilder(vm("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3))
            .setInterfaceName("tapdb0").build();
        assertEquals(List.of(new Violation(ROOT + "/vm=db/interface-name", "a VM attaches either by attachment "
            + "(switch and port) or by interface-name, not both: give only one of them")),
            new IntentValidator().validate(vms(both), new Config().withVm(both)));
        final Vm byName = new VmBuilder(both).setAttachment(null).build();
        assertEquals(List.of(), new IntentValidator().validate(vms(byName), new Config().withVm(byName)));
    }

    @Test
    public void refusesActivationByAnnouncementWithoutAnInterfaceName() {
        final Vm byPort = new VmBuilder(vm("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3))
            .setActivation(org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205
                .Activation.Announce).build();
        assertEquals(List.of(new Violation(ROOT + "/vm=db/activation", "activation announce needs interface-name: "
            + "an announcement is trusted only from the port the switches report for the VM's interface")),
            new IntentValidator().validate(vms(byPort), new Config().withVm(byPort)));
        final Vm byName = new VmBuilder(byPort).setAttachment(null).setInterfaceName("tapdb0").build();
        assertEquals(List.of(), new IntentValidator().validate(vms(byName), new Config().withVm(byName)));
    }

    @Test
    public void refusesDatapathIdsBeyond64Bits() {
        final String beyond = "openflow:18446744073709551616";
        final Vm far = new VmBuilder(WEB).setAttachment(new AttachmentBuilder().setNodeId(new OpenflowNodeId(beyond))
            .setPort(WEB.getAttachment().getPort()).build()).build();
        final String rule = "the datapath id of an OpenFlow node id is 1 to 18446744073709551615 (64 bits)";
        assertEquals(List.of(new Violation(ROOT + "/vm=web/attachment/node-id", rule)),
            new IntentValidator().validate(vms(far), new Config().withVm(far)));
        final Migration farMove = new MigrationBuilder(migration("db", "10.0.2.33", "openflow:2", 1))
            .setNewAttachment(new NewAttachmentBuilder().setNodeId(new OpenflowNodeId("openflow:99999999999999999999"))
                .setPort(WEB.getAttachment().getPort()).build()).build();
        final Config config = new Config().withVm(DB).withMigration(farMove);
        assertEquals(List.of(new Violation(ROOT + "/migration=db/new-attachment/node-id", rule)),
            known(config).validate(migrations(farMove), config));
        final Vm largest = new VmBuilder(WEB).setAttachment(new AttachmentBuilder().setNodeId(new OpenflowNodeId(
            "openflow:18446744073709551615")).setPort(WEB.getAttachment().getPort()).build()).build();
        assertEquals(List.of(), new IntentValidator().validate(vms(largest), new Config().withVm(largest)));
    }

    @Test
    public void acceptsVmsAGroupAndAMigration() {
        final Config config = new Config().withVm(WEB).withVm(DB);
        final IntentValidator validator = known(config);
        assertEquals(List.of(), validator.validate(new IntentValidator.Written(List.of(subnet("10.0.1.0/24",
            "10.0.1.254", "02:00:00:00:01:fe")), List.of(WEB, DB), List.of(group("shop", "web", "db")), List.of()),
            config));
        final Migration move = migration("db", "10.0.2.33", "openflow:2", 1);
        assertEquals(List.of(), validator.validate(migrations(move), config.withMigration(move)));
    }

    private static Vm vm6(final String vmId, final String address6, final String mac, final long port) {
        return new VmBuilder(vm(vmId, "10.0.9.1", mac, "openflow:1", port)).setHomeAddress(null)
            .setHomeAddress6(new Ipv6Host(address6)).build();
    }

    @Test
    public void refusesIpv6AddressesThatCannotBelongToAVm() {
        final var vms = List.of(vm6("a", "::", "02:00:00:00:00:0a", 1), vm6("b", "::1", "02:00:00:00:00:0b", 2),
            vm6("c", "ff02::1", "02:00:00:00:00:0c", 3), vm6("d", "fe80::5", "02:00:00:00:00:0d", 4),
            vm6("e", "::ffff:10.0.0.1", "02:00:00:00:00:0e", 5), vm6("f", "2001:db8::1::2", "02:00:00:00:00:0f", 6));
        Config config = new Config();
        for (Vm vm : vms) {
            config = config.withVm(vm);
        }
        assertEquals(List.of(
            new Violation(ROOT + "/vm=a/home-address6", ":: is the unspecified address (::)"),
            new Violation(ROOT + "/vm=b/home-address6", "::1 is the loopback address (::1)"),
            new Violation(ROOT + "/vm=c/home-address6", "ff02::1 is a multicast address (ff00::/8)"),
            new Violation(ROOT + "/vm=d/home-address6", "fe80::5 is a link-local address (fe80::/10): every "
                + "interface has one, it cannot be kept across subnets"),
            new Violation(ROOT + "/vm=e/home-address6", "::ffff:10.0.0.1 is an IPv4-mapped address (::ffff:0:0/96): "
                + "give the IPv4 address as home-address"),
            new Violation(ROOT + "/vm=f/home-address6", "home-address6 2001:db8::1::2 is not an IPv6 address in RFC "
                + "4291 text (up to eight groups of hexadecimal digits separated by colons, '::' for one run of zero "
                + "groups, e.g. 2001:db8:1::5)")),
            new IntentValidator().validate(vms(vms.toArray(Vm[]::new)), config));
    }

    @Test
    public void comparesIpv6AddressesInOneSpellingAndByFamily() {
        final Vm first = vm6("g", "2001:DB8:1::10", "02:00:00:00:00:10", 1);
        final Vm second = vm6("h", "2001:db8:1:0:0::10", "02:00:00:00:00:11", 2);
        final Config config = new Config().withVm(first).withVm(second).withVm(WEB);
        final IntentValidator validator = known(config);
        assertEquals(List.of(new Violation(ROOT + "/vm=h/home-address6", "home address 2001:db8:1::10 already "
            + "belongs to VM g")), validator.validate(vms(second), config));
        // an IPv6 move of a VM without an IPv6 home address, and a dual-stack one to an address taken
        final Migration wrongFamily = new MigrationBuilder().setVmId(new Name("web"))
            .setNewAddress6(new Ipv6Host("2001:db8:2::1")).build();
        final Migration taken = new MigrationBuilder().setVmId(new Name("g"))
            .setNewAddress6(new Ipv6Host("2001:0db8:0001::0010")).build();
        assertEquals(List.of(new Violation(ROOT + "/migration=web/new-address6", "VM web has no IPv6 home address "
            + "(home-address6): new-address6 is translated only for a VM that has one"),
            new Violation(ROOT + "/migration=g/new-address6", "new address 2001:db8:1::10 is VM g's home address; a "
                + "VM at home has no migration (delete it, or notify the return home)")),
            validator.validate(migrations(wrongFamily, taken), config.withMigration(wrongFamily)
                .withMigration(taken)));
    }

    @Test
    public void refusesIpv6SubnetsWithAWrongGateway() {
        final var outside = subnet("2001:db8:9::/64", "2001:db8:8::1", "02:00:00:00:09:fe");
        final var anycast = subnet("2001:db8:a::/64", "2001:db8:a::", "02:00:00:00:0a:fe");
        final var family = new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
            .rev261205.vm.mobility.SubnetBuilder(subnet("2001:db8:b::/64", "2001:db8:b::1", "02:00:00:00:0b:fe"))
            .setGatewayAddress(new IpHost(new Ipv4Host("10.0.11.1"))).build();
        final var hostBits = subnet("2001:db8:c::1/64", "2001:db8:c::fe", "02:00:00:00:0c:fe");
        final Config config = new Config().withSubnet(outside).withSubnet(anycast).withSubnet(family)
            .withSubnet(hostBits);
        assertEquals(List.of(
            new Violation(ROOT + "/subnet=2001:db8:9::/64/gateway-address", "gateway 2001:db8:8::1 is outside subnet "
                + "2001:db8:9::/64"),
            new Violation(ROOT + "/subnet=2001:db8:a::/64/gateway-address", "2001:db8:a:: is the Subnet-Router "
                + "anycast address of subnet 2001:db8:a::/64 (RFC 4291 2.6.1)"),
            new Violation(ROOT + "/subnet=2001:db8:b::/64/gateway-address", "gateway 10.0.11.1 is an IPv4 address, "
                + "subnet 2001:db8:b::/64 an IPv6 prefix"),
            new Violation(ROOT + "/subnet=2001:db8:c::1/64/prefix", "prefix 2001:db8:c::1/64 has host bits set; did "
                + "you mean 2001:db8:c::/64?")),
            new IntentValidator().validate(new IntentValidator.Written(List.of(outside, anycast, family, hostBits),
                List.of(), List.of(), List.of()), config));
    }

    @Test
    public void refusesAddressesAndMacsThatCannotBelongToAVmOrAGateway() {
        final Config none = new Config();
        final var vms = List.of(vm("a", "0.0.0.0", "02:00:00:00:00:0a", "openflow:1", 1),
            vm("b", "127.0.0.1", "00:00:00:00:00:00", "openflow:1", 2),
            vm("c", "224.0.0.5", "ff:ff:ff:ff:ff:ff", "openflow:1", 3),
            vm("d", "255.255.255.255", "01:00:5e:00:00:01", "openflow:1", 4));
        final var config = new Config().withVm(vms.get(0)).withVm(vms.get(1)).withVm(vms.get(2)).withVm(vms.get(3));
        assertEquals(List.of(
            new Violation(ROOT + "/vm=a/home-address", "0.0.0.0 is the unspecified address"),
            new Violation(ROOT + "/vm=b/home-address", "127.0.0.1 is a loopback address (127.0.0.0/8)"),
            new Violation(ROOT + "/vm=b/mac", "the all-zero MAC 00:00:00:00:00:00 is no interface's address"),
            new Violation(ROOT + "/vm=c/home-address", "224.0.0.5 is a multicast address (224.0.0.0/4)"),
            new Violation(ROOT + "/vm=c/mac", "ff:ff:ff:ff:ff:ff is the broadcast MAC"),
            new Violation(ROOT + "/vm=d/home-address", "255.255.255.255 is the broadcast address"),
            new Violation(ROOT + "/vm=d/mac", "01:00:5e:00:00:01 is a multicast MAC (the first octet is odd)")),
            new IntentValidator().validate(new IntentValidator.Written(List.of(), vms, List.of(), List.of()),
                config));
        assertEquals(List.of(
            new Violation(ROOT + "/subnet=10.0.1.0/24/gateway-address", "10.0.1.0 is the network address of subnet "
                + "10.0.1.0/24"),
            new Violation(ROOT + "/subnet=10.0.2.0/24/gateway-address", "10.0.2.255 is the broadcast address of "
                + "subnet 10.0.2.0/24"),
            new Violation(ROOT + "/subnet=10.0.3.0/24/gateway-mac", "01:00:00:00:00:01 is a multicast MAC (the first"
                + " octet is odd)")),
            new IntentValidator().validate(new IntentValidator.Written(List.of(
                subnet("10.0.1.0/24", "10.0.1.0", "02:00:00:00:01:fe"),
                subnet("10.0.2.0/24", "10.0.2.255", "02:00:00:00:02:fe"),
                subnet("10.0.3.0/24", "10.0.3.254", "01:00:00:00:00:01"),
                subnet("10.0.4.0/31", "10.0.4.0", "02:00:00:00:04:fe")), List.of(), List.of(), List.of()), none));
        final Config both = new Config().withVm(WEB).withVm(DB);
        assertEquals(List.of(new Violation(ROOT + "/migration=db/new-address",
            "239.1.1.1 is a multicast address (224.0.0.0/4)")),
            known(both).validate(migrations(migration("db", "239.1.1.1", "openflow:2", 1)), both));
    }

    @Test
    public void namesMandatoryLeavesThatAreMissing() {
        final Vm bare = new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205
            .vm.mobility.VmBuilder().setVmId(new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm
                .mobility.rev261205.Name("bare")).build();
        final Config config = new Config().withVm(bare);
        assertEquals(List.of(new Violation(ROOT + "/vm=bare/home-address", "home-address is mandatory for a VM "
            + "without home-address6: a VM needs home-address (IPv4), home-address6 (IPv6) or both"),
            new Violation(ROOT + "/vm=bare/mac", "mac is mandatory for a VM")),
            new IntentValidator().validate(vms(bare), config));
        final Migration noAddress = new org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility
            .rev261205.vm.mobility.MigrationBuilder().setVmId(new org.opendaylight.yang.gen.v1.urn.opendaylight.params
                .xml.ns.yang.vm.mobility.rev261205.Name("db")).build();
        final Config both = new Config().withVm(WEB).withVm(DB);
        assertEquals(List.of(new Violation(ROOT + "/migration=db/new-address",
            "a migration needs a new address: new-address (IPv4), new-address6 (IPv6) or both")),
            known(both).validate(migrations(noAddress), both));
    }

    @Test
    public void refusesAHomeAddressOrMacOfAnotherVm() {
        final Vm cache = vm("cache", "10.0.1.3", "02:00:00:00:00:01", "openflow:1", 4);
        final Config config = new Config().withVm(WEB).withVm(DB).withVm(cache);
        assertEquals(List.of(
            new Violation(ROOT + "/vm=cache/home-address", "home address 10.0.1.3 already belongs to VM db"),
            new Violation(ROOT + "/vm=cache/mac", "MAC 02:00:00:00:00:01 already belongs to VM web")),
            known(new Config().withVm(WEB).withVm(DB)).validate(vms(cache), config));
    }

    @Test
    public void refusesTwoNewVmsWithOneAddressInOneTransaction() {
        final Vm first = vm("a", "10.0.1.7", "02:00:00:00:00:07", "openflow:1", 7);
        final Vm second = vm("b", "10.0.1.7", "02:00:00:00:00:08", "openflow:1", 8);
        final var violations = new IntentValidator().validate(vms(first, second),
            new Config().withVm(first).withVm(second));
        assertEquals(List.of(
            new Violation(ROOT + "/vm=a/home-address", "home address 10.0.1.7 already belongs to VM b"),
            new Violation(ROOT + "/vm=b/home-address", "home address 10.0.1.7 already belongs to VM a")), violations);
    }

    @Test
    public void aStaleHintIsNotAConflict() {
        // db moved to 10.0.1.9 (in this very transaction): its old address is free for cache
        final Vm moved = vm("db", "10.0.1.9", "02:00:00:00:00:03", "openflow:1", 3);
        final Vm cache = vm("cache", "10.0.1.3", "02:00:00:00:00:04", "openflow:1", 4);
        final IntentValidator validator = known(new Config().withVm(WEB).withVm(DB));
        assertEquals(List.of(), validator.validate(vms(moved, cache),
            new Config().withVm(WEB).withVm(moved).withVm(cache)));
    }

    @Test
    public void refusesMembersThatAreNotRegisteredVms() {
        final Config config = new Config().withVm(WEB);
        assertEquals(List.of(new Violation(ROOT + "/application-group=shop/member=ghost",
            "VM ghost is not registered: add it to the vm list first")),
            known(config).validate(new IntentValidator.Written(List.of(), List.of(),
                List.of(group("shop", "web", "ghost")), List.of()), config));
    }

    @Test
    public void refusesMigrationsThatCannotBeTranslated() {
        final Config config = new Config().withVm(WEB).withVm(DB)
            .withMigration(migration("web", "10.0.2.10", "openflow:2", 1));
        final IntentValidator validator = known(config);
        assertEquals(List.of(new Violation(ROOT + "/migration=ghost",
            "VM ghost is not registered: add it to the vm list first")),
            validator.validate(migrations(migration("ghost", "10.0.2.33", "openflow:2", 1)), config));
        final var home = validator.validate(migrations(migration("db", "10.0.1.3", "openflow:2", 1)), config);
        assertTrue(home.toString(), home.get(0).message().contains("is VM db's home address"));
        assertEquals(List.of(new Violation(ROOT + "/migration=db/new-address",
            "new address 10.0.1.1 is the home address of VM web")),
            validator.validate(migrations(migration("db", "10.0.1.1", "openflow:2", 1)), config));
        final Migration taken = migration("db", "10.0.2.10", "openflow:2", 2);
        assertEquals(List.of(new Violation(ROOT + "/migration=db/new-address",
            "new address 10.0.2.10 is already the new address of migrated VM web")),
            validator.validate(migrations(taken), config.withMigration(taken)));
        final Migration mac = new MigrationBuilder(migration("db", "10.0.2.44", "openflow:2", 3))
            .setNewMac(new EthernetAddress("02:00:00:00:00:01")).build();
        assertEquals(List.of(new Violation(ROOT + "/migration=db/new-mac",
            "new MAC 02:00:00:00:00:01 is the MAC of VM web")), validator.validate(migrations(mac), config));
    }

    @Test
    public void refusesSubnetsWithHostBitsOrAForeignGateway() {
        final var violations = new IntentValidator().validate(new IntentValidator.Written(List.of(
            subnet("10.0.1.5/24", "10.0.1.254", "02:00:00:00:01:fe"),
            subnet("10.0.2.0/24", "10.0.3.254", "02:00:00:00:02:fe")), List.of(), List.of(), List.of()),
            new Config());
        assertEquals(2, violations.size());
        assertTrue(violations.get(0).message(), violations.get(0).message().contains("has host bits set"));
        assertTrue(violations.get(1).message(), violations.get(1).message().contains("is outside subnet"));
    }

    @Test
    public void aMigrationIsCheckedWithAFewReadsWhateverTheConfigurationHolds() {
        final Config config = new Config();
        final List<Vm> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            final Vm vm = vm("vm" + i, "10.1." + i / 250 + "." + (1 + i % 250),
                String.format("02:00:00:00:%02x:%02x", i / 256, i % 256), "openflow:1", 1 + i);
            many.add(vm);
            config.withVm(vm);
        }
        final IntentValidator validator = new IntentValidator();
        validator.learn(many, List.of());
        config.reads.set(0);
        final Migration move = migration("vm42", "10.9.0.42", "openflow:2", 1);
        assertEquals(List.of(), validator.validate(migrations(move), config.withMigration(move)));
        assertTrue("reads: " + config.reads.get(), config.reads.get() <= 5);
    }
}
