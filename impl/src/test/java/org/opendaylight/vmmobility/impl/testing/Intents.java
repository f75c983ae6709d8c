/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing;

import java.util.Arrays;
import java.util.List;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.IpHost;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv6Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobilityBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.target.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.SubnetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.application.group.MemberBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.AttachmentBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Configurations as MD-SAL holds them (model v2), for tests.
 */
public final class Intents {
    private Intents() {
        // utility class
    }

    /**
     * A subnet.
     *
     * @param prefix the prefix
     * @param gateway the gateway address
     * @param mac the gateway MAC
     * @return the subnet
     */
    public static Subnet subnet(final String prefix, final String gateway, final String mac) {
        return new SubnetBuilder().setPrefix(prefix.indexOf(':') >= 0 ? new IpPrefix(new Ipv6Prefix(prefix))
                : new IpPrefix(new Ipv4Prefix(prefix)))
            .setGatewayAddress(prefix.indexOf(':') >= 0 ? new IpHost(new Ipv6Host(gateway))
                : new IpHost(new Ipv4Host(gateway)))
            .setGatewayMac(new EthernetAddress(mac)).build();
    }

    /**
     * A VM attached at a switch port.
     *
     * @param vmId the VM
     * @param address its home address
     * @param mac its MAC
     * @param node its switch
     * @param port its port
     * @return the VM
     */
    public static Vm vm(final String vmId, final String address, final String mac, final String node,
            final long port) {
        return new VmBuilder().setVmId(new Name(vmId)).setHomeAddress(new Ipv4Host(address))
            .setMac(new EthernetAddress(mac)).setAttachment(new AttachmentBuilder().setNodeId(new OpenflowNodeId(node))
                .setPort(new OpenflowPort(Uint32.valueOf(port))).build())
            .build();
    }

    /**
     * A group.
     *
     * @param name its name
     * @param vmIds its members
     * @return the group
     */
    public static ApplicationGroup group(final String name, final String... vmIds) {
        return new ApplicationGroupBuilder().setName(new Name(name)).setMember(BindingMap.of(Arrays.stream(vmIds)
            .map(vmId -> new MemberBuilder().setVmId(new Name(vmId)).build()).toList())).build();
    }

    /**
     * A migration to a new address and port.
     *
     * @param vmId the VM
     * @param address its new address
     * @param node its new switch
     * @param port its new port
     * @return the migration
     */
    public static Migration migration(final String vmId, final String address, final String node, final long port) {
        return new MigrationBuilder().setVmId(new Name(vmId)).setNewAddress(new Ipv4Host(address))
            .setNewAttachment(new NewAttachmentBuilder().setNodeId(new OpenflowNodeId(node))
                .setPort(new OpenflowPort(Uint32.valueOf(port))).build())
            .build();
    }

    /**
     * A whole configuration.
     *
     * @param subnets the subnets
     * @param vms the VMs
     * @param groups the groups
     * @param migrations the migrations
     * @return the configuration
     */
    public static VmMobility intent(final List<Subnet> subnets, final List<Vm> vms,
            final List<ApplicationGroup> groups, final List<Migration> migrations) {
        return new VmMobilityBuilder().setSubnet(BindingMap.of(subnets)).setVm(BindingMap.of(vms))
            .setApplicationGroup(BindingMap.of(groups)).setMigration(BindingMap.of(migrations)).build();
    }

    /**
     * The shop: web, app and db in 10.0.1.0/24 on openflow:1, subnets 1 and 2 with their gateways.
     *
     * @param migrations the migrations
     * @return the configuration
     */
    public static VmMobility shop(final Migration... migrations) {
        return intent(List.of(subnet("10.0.1.0/24", "10.0.1.254", "02:00:00:00:01:fe"),
                subnet("10.0.2.0/24", "10.0.2.254", "02:00:00:00:02:fe")),
            List.of(vm("web", "10.0.1.1", "02:00:00:00:00:01", "openflow:1", 1),
                vm("app", "10.0.1.2", "02:00:00:00:00:02", "openflow:1", 2),
                vm("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3)),
            List.of(group("shop", "web", "app", "db")),
            Arrays.asList(migrations));
    }
}
