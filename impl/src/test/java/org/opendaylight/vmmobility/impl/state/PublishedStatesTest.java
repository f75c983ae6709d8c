/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;

/**
 * An RPC on any node waits until the operational state shows what it stored, whichever node published it.
 */
public class PublishedStatesTest extends AbstractConcurrentDataBrokerTest {
    @Test
    public void waitsUntilTheStateShowsTheStoredIntent() throws Exception {
        final var states = new PublishedStates();
        try (var registration = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
                PublishedStates.MIGRATIONS, states)) {
            final var older = ChangeReader.migration(migration("db", "10.0.2.33", "openflow:2", 1));
            final var newer = ChangeReader.migration(migration("db", "10.0.2.44", "openflow:2", 2));
            final var waitingForNewer = states.published("db", Optional.of(newer));
            publish(older);
            final var waitingForOlder = states.published("db", Optional.of(older));
            waitingForOlder.get(5, TimeUnit.SECONDS);
            assertFalse("the state shows an older intent", waitingForNewer.isDone());
            publish(newer);
            waitingForNewer.get(5, TimeUnit.SECONDS);

            final var waitingForRemoval = states.published("db", Optional.empty());
            assertFalse(waitingForRemoval.isDone());
            final var tx = getDataBroker().newWriteOnlyTransaction();
            tx.delete(LogicalDatastoreType.OPERATIONAL, ConfigPaths.migration("db"));
            tx.commit().get();
            waitingForRemoval.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    public void aCallerThatGivesUpLeavesNoWaiterBehind() throws Exception {
        final var states = new PublishedStates();
        final var intent = ChangeReader.migration(migration("db", "10.0.2.33", "openflow:2", 1));
        for (int i = 0; i < 100; i++) {
            final var waiting = states.published("vm" + i, Optional.of(intent));
            // what an RPC's timeout does (Futures.withTimeout cancels the future it waits for)
            waiting.cancel(false);
        }
        final var kept = states.published("db", Optional.of(intent));
        assertEquals(1, states.waiting());
        kept.cancel(false);
        assertEquals(0, states.waiting());
    }

    private void publish(final org.opendaylight.vmmobility.impl.planner.Migration intent) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, ConfigPaths.migration(intent.vmId()),
            MigrationStates.entry(intent, null, null));
        tx.commit().get();
    }
}
