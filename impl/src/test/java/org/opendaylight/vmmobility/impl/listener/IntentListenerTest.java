/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.listener;

import static org.junit.Assert.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;

public class IntentListenerTest {
    @Test
    @SuppressWarnings("unchecked")
    public void aNotificationThatCannotBeReadIsHandedToTheEngineNotDropped() {
        final List<List<Change>> read = new ArrayList<>();
        final List<RuntimeException> unreadable = new ArrayList<>();
        final var listener = new IntentListener(read::add, unreadable::add);
        final DataTreeModification<VmMobility> broken = mock(DataTreeModification.class);
        final var cause = new IllegalStateException("a modification that cannot be read");
        when(broken.getRootNode()).thenThrow(cause);

        listener.onDataTreeChanged(List.of(broken));

        assertEquals(List.of(), read);
        assertEquals(List.of(cause), unreadable);
    }
}
