/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.intent;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.planner.Attachment;
import org.opendaylight.vmmobility.impl.planner.Group;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Ipv4Prefix;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.Member;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.planner.MobilityIntent;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.Subnet;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.AttachmentPoint;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261125.vm.mobility.ApplicationGroup;

/**
 * Turns the configuration as MD-SAL holds it into the planner's input.
 */
public final class IntentReader {
    private IntentReader() {
        // utility class
    }

    /**
     * Reads a configuration.
     *
     * @param config the configuration, null when there is none
     * @param pipeline where the pipeline lives
     * @param connectedSwitches the switches connected now
     * @return the planner's input
     */
    public static MobilityIntent read(final @Nullable VmMobility config, final PipelineConfig pipeline,
            final Collection<String> connectedSwitches) {
        if (config == null) {
            return MobilityIntent.of(List.of(), List.of(), List.of(), pipeline, connectedSwitches);
        }
        final var subnets = config.nonnullSubnet().values().stream()
            .map(subnet -> new Subnet(Ipv4Prefix.parse(subnet.requirePrefix().getValue()),
                Ipv4.parse(subnet.requireGatewayAddress().getValue()),
                Mac.parse(subnet.requireGatewayMac().getValue())))
            .toList();
        final var groups = config.nonnullApplicationGroup().values().stream().map(IntentReader::group).toList();
        final var migrations = config.nonnullMigration().values().stream()
            .map(migration -> new Migration(migration.requireVmId().getValue(),
                Ipv4.parse(migration.requireNewAddress().getValue()),
                Optional.ofNullable(migration.getNewMac()).map(mac -> Mac.parse(mac.getValue())),
                attachment(migration.getNewAttachment())))
            .toList();
        return MobilityIntent.of(subnets, groups, migrations, pipeline, connectedSwitches);
    }

    private static Group group(final ApplicationGroup group) {
        return Group.of(group.requireName().getValue(), group.nonnullMember().values().stream()
            .map(member -> new Member(member.requireVmId().getValue(),
                Ipv4.parse(member.requireHomeAddress().getValue()), Mac.parse(member.requireMac().getValue()),
                attachment(member.getAttachment())))
            .toList());
    }

    private static Optional<Attachment> attachment(final @Nullable AttachmentPoint point) {
        return point == null ? Optional.empty()
            : Optional.of(new Attachment(point.requireNodeId().getValue(), point.requirePort().getValue().toJava()));
    }
}
