/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.intent;

import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroupKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Engine;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;

/**
 * The paths of the {@code vm-mobility} tree, defined once: its root and its keyed entries. The same identifiers
 * address the intent in the configuration datastore and the engine's state in the operational datastore (the
 * module's one root holds both).
 */
public final class ConfigPaths {
    /** The root: the whole intent (configuration), or the whole state (operational). */
    public static final DataObjectIdentifier<VmMobility> ROOT = DataObjectIdentifier.builder(VmMobility.class).build();
    /** Which node runs the engine, and since when (operational only). */
    public static final DataObjectIdentifier<Engine> ENGINE = ROOT.toBuilder().child(Engine.class).build();
    /** Every migration entry (for a listener). */
    public static final DataObjectReference<Migration> MIGRATIONS = DataObjectReference.builder(VmMobility.class)
        .child(Migration.class).build();
    /** Every VM entry (for a listener). */
    public static final DataObjectReference<Vm> VMS = DataObjectReference.builder(VmMobility.class)
        .child(Vm.class).build();

    private ConfigPaths() {
        // constants and keyed paths only
    }

    /**
     * A VM's entry ({@code vm=X}).
     *
     * @param vmId the VM
     * @return the entry's path
     */
    public static DataObjectIdentifier<Vm> vm(final String vmId) {
        return ROOT.toBuilder().child(Vm.class, new VmKey(new Name(vmId))).build();
    }

    /**
     * A VM's migration entry ({@code migration=X}).
     *
     * @param vmId the VM
     * @return the entry's path
     */
    public static DataObjectIdentifier<Migration> migration(final String vmId) {
        return ROOT.toBuilder().child(Migration.class, new MigrationKey(new Name(vmId))).build();
    }

    /**
     * An application group's entry ({@code application-group=G}).
     *
     * @param name the group
     * @return the entry's path
     */
    public static DataObjectIdentifier<ApplicationGroup> group(final String name) {
        return ROOT.toBuilder().child(ApplicationGroup.class, new ApplicationGroupKey(new Name(name))).build();
    }
}
