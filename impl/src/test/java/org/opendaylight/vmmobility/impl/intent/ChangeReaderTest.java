/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.intent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.testing.Intents;

/**
 * Reading a whole configuration: every entry once, in the order that builds it (subnets, VMs, groups, migrations),
 * and a walk the consumer ends converts nothing more.
 */
public class ChangeReaderTest {
    @Test
    public void aWholeConfigurationIsHandedOverEntryByEntryInTheOrderThatBuildsIt() {
        final var config = Intents.shop(Intents.migration("db", "10.0.2.3", "openflow:2", 3));
        final List<Change> walked = new ArrayList<>();
        assertTrue(ChangeReader.forEach(config, walked::add));
        assertEquals(ChangeReader.readAll(config), walked);
        // 2 subnets, 3 VMs, 1 group, 1 migration
        assertEquals(List.of(Change.PutSubnet.class, Change.PutSubnet.class, Change.PutVm.class, Change.PutVm.class,
            Change.PutVm.class, Change.PutGroup.class, Change.PutMigration.class),
            walked.stream().map(Object::getClass).toList());
        assertTrue(ChangeReader.forEach(null, change -> {
            throw new AssertionError("nothing to hand over: " + change);
        }));
    }

    @Test
    public void aWalkTheConsumerEndsHandsOverNothingMore() {
        final var config = Intents.shop(Intents.migration("db", "10.0.2.3", "openflow:2", 3));
        final List<Change> walked = new ArrayList<>();
        // the consumer takes the first VM and ends the walk: no other VM, group or migration reaches it
        assertFalse(ChangeReader.forEach(config, change -> {
            walked.add(change);
            return !(change instanceof Change.PutVm);
        }));
        assertEquals(3, walked.size());
        assertEquals(ChangeReader.readAll(config).subList(0, 3), walked);
    }
}
