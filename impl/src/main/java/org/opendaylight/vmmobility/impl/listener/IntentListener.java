/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.listener;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Consumer;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;

/**
 * Hands what changed in the configuration to the engine, entry by entry, and returns.
 */
public final class IntentListener implements DataTreeChangeListener<VmMobility> {
    private final Consumer<List<Change>> sink;

    /**
     * Creates the listener.
     *
     * @param sink takes the changes
     */
    public IntentListener(final Consumer<List<Change>> sink) {
        this.sink = requireNonNull(sink);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<VmMobility>> changes) {
        final List<Change> read = ChangeReader.read(changes);
        if (!read.isEmpty()) {
            sink.accept(read);
        }
    }
}
