/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.After;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261128.vm.mobility.MigrationKey;

public class StatePublisherTest extends AbstractConcurrentDataBrokerTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<StatePublisher.Published> published = new ArrayList<>();

    @After
    public void stop() {
        executor.shutdownNow();
    }

    private static Migration move(final String address) {
        return new Migration("db", Ipv4.parse(address), Optional.empty(), Optional.empty());
    }

    private String shownAddress() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT)
                .get().map(root -> root.nonnullMigration().get(new MigrationKey(new Name("db"))))
                .map(entry -> entry.getNewAddress().getValue()).orElse(null);
        }
    }

    @Test
    public void aLaggingEngineNeverOverwritesANewerAcceptedIntent() throws Exception {
        final StatePublisher publisher = new StatePublisher(getDataBroker(), executor, batch -> {
            synchronized (published) {
                published.addAll(batch);
            }
        });
        final Migration older = move("10.0.2.33");
        final Migration newer = move("10.0.2.44");
        // the listener accepts the newer intent while the engine is still publishing the older one's plan
        publisher.accepted("db", Optional.of(MigrationStates.entry(newer, null, null)), Optional.of(newer));
        publisher.migration("db", Optional.of(MigrationStates.entry(older, null, null)), Optional.of(older));
        publisher.flush();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (published.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(new StatePublisher.Published("db", Optional.of(newer))), published);
        assertEquals("10.0.2.44", shownAddress());
        // once the engine has caught up, its state is published
        publisher.migration("db", Optional.of(MigrationStates.entry(newer, null, null)), Optional.of(newer));
        publisher.flush();
        while (published.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, published.size());
    }
}
