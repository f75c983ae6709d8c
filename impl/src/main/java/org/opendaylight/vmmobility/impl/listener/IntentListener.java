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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what changed in the configuration to the engine, entry by entry, and returns. A notification it cannot read
 * is not lost without a word (the datastore would only log it): the engine is told, and reads the whole intent again.
 */
public final class IntentListener implements DataTreeChangeListener<VmMobility> {
    private static final Logger LOG = LoggerFactory.getLogger(IntentListener.class);

    private final Consumer<List<Change>> sink;
    private final Consumer<RuntimeException> unreadable;

    /**
     * Creates the listener.
     *
     * @param sink takes the changes
     * @param unreadable told when a notification could not be read (its changes are lost)
     */
    public IntentListener(final Consumer<List<Change>> sink, final Consumer<RuntimeException> unreadable) {
        this.sink = requireNonNull(sink);
        this.unreadable = requireNonNull(unreadable);
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void onDataTreeChanged(final List<DataTreeModification<VmMobility>> changes) {
        final List<Change> read;
        try {
            read = ChangeReader.read(changes);
        } catch (RuntimeException e) {
            // the stack is logged once, by the engine's fault handler that unreadable reports to
            LOG.error("Could not read a change of the intent ({} modification(s)): the engine reads it whole: {}",
                changes.size(), e.toString());
            unreadable.accept(e);
            return;
        }
        if (!read.isEmpty()) {
            sink.accept(read);
        }
    }
}
