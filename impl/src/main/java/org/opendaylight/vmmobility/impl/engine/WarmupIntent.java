/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.validation.IntentValidator;
import org.opendaylight.vmmobility.impl.validation.Violation;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.EthernetAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.IpHost;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Ipv4Host;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowPort;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobilityBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.target.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroupKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.SubnetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.application.group.MemberBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.vm.AttachmentBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The warm-up's made-up configuration, as an admin would store it: web, app and db on openflow:1 in group warm-shop,
 * db migrated to 10.255.2.3 on openflow:2 in another subnet. It is read by the engine's own reader and checked by the
 * commit cohort's own validator, so the first real migration does not run those paths cold either. Never stored.
 */
final class WarmupIntent {
    static final String SWITCH = "openflow:1";
    static final String MIGRATED = "warm-db";

    private WarmupIntent() {
        // constants and functions
    }

    /**
     * The configuration.
     *
     * @return it
     */
    static VmMobility config() {
        return new VmMobilityBuilder()
            .setSubnet(BindingMap.of(subnet("10.255.1.0/24", "10.255.1.254", "02:00:00:ff:01:fe"),
                subnet("10.255.2.0/24", "10.255.2.254", "02:00:00:ff:02:fe")))
            .setVm(BindingMap.of(vm("warm-web", 1), vm("warm-app", 2), vm(MIGRATED, 3)))
            .setApplicationGroup(BindingMap.of(new ApplicationGroupBuilder().setName(new Name("warm-shop"))
                .setMember(BindingMap.of(List.of("warm-web", "warm-app", MIGRATED).stream()
                    .map(vmId -> new MemberBuilder().setVmId(new Name(vmId)).build()).toList()))
                .build()))
            .setMigration(BindingMap.of(new MigrationBuilder().setVmId(new Name(MIGRATED))
                .setNewAddress(new Ipv4Host("10.255.2.3"))
                .setNewAttachment(new NewAttachmentBuilder().setNodeId(new OpenflowNodeId("openflow:2"))
                    .setPort(new OpenflowPort(Uint32.valueOf(7))).build())
                .build()))
            .build();
    }

    /**
     * What the commit cohort says of the configuration's migration, written on its own over the rest.
     *
     * @param config the configuration
     * @return the violations (none: the configuration is valid)
     */
    static List<Violation> checkMigration(final VmMobility config) {
        final Map<VmKey, Vm> vms = config.nonnullVm();
        final var validator = new IntentValidator();
        validator.learn(vms.values(), config.nonnullApplicationGroup().values(), List.of());
        final Migration migration = config.nonnullMigration().get(new MigrationKey(new Name(MIGRATED)));
        return validator.validate(new IntentValidator.Written(List.of(), List.of(), List.of(), List.of(migration)),
            new IntentValidator.Lookup() {
                @Override
                public @Nullable Vm vm(final String vmId) {
                    return vms.get(new VmKey(new Name(vmId)));
                }

                @Override
                public @Nullable Migration migration(final String vmId) {
                    return MIGRATED.equals(vmId) ? migration : null;
                }

                @Override
                public @Nullable ApplicationGroup group(final String name) {
                    return config.nonnullApplicationGroup().get(new ApplicationGroupKey(new Name(name)));
                }

                @Override
                public Collection<Subnet> subnets() {
                    return config.nonnullSubnet().values();
                }
            });
    }

    private static Subnet subnet(final String prefix, final String gateway, final String mac) {
        return new SubnetBuilder().setPrefix(new IpPrefix(new Ipv4Prefix(prefix)))
            .setGatewayAddress(new IpHost(new Ipv4Host(gateway))).setGatewayMac(new EthernetAddress(mac)).build();
    }

    private static Vm vm(final String vmId, final int port) {
        return new VmBuilder().setVmId(new Name(vmId)).setHomeAddress(new Ipv4Host("10.255.1." + port))
            .setMac(new EthernetAddress("02:00:00:ff:01:0" + port))
            .setAttachment(new AttachmentBuilder().setNodeId(new OpenflowNodeId(SWITCH))
                .setPort(new OpenflowPort(Uint32.valueOf(port))).build())
            .build();
    }
}
