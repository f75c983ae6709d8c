/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import com.google.common.collect.ImmutableSortedSet;
import java.util.Optional;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.planner.Activation;
import org.opendaylight.vmmobility.impl.planner.Attachment;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner.VmView;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.Member;

/**
 * A VM's operational entry repeats values the configuration holds for every VM (a million VMs: millions of objects):
 * it shows the configuration's own strings, one object for a value it repeats, one port number object per number.
 */
public class VmStatesTest {
    private static final Attachment HOME = new Attachment("openflow:1", 7);

    private static Member member(final String homeText, final String macText) {
        return new Member("web", Optional.of(Ipv4.parse("10.0.1.1")), Optional.empty(),
            Mac.parse("02:00:00:00:00:01"), Optional.of(HOME), Optional.empty(), Activation.DEFAULT, homeText,
            macText);
    }

    private static VmView atHome(final Member vm) {
        return new VmView(vm, vm.home4(), Optional.empty(), vm.mac(), vm.attachment(), false,
            ImmutableSortedSet.of("shop"));
    }

    @Test
    public void anEntryAtHomeShowsTheConfigurationsStringsOnce() {
        final String homeText = new String("10.0.1.1".toCharArray());
        final String macText = new String("02:00:00:00:00:01".toCharArray());
        final var entry = VmStates.entry(atHome(member(homeText, macText)), Optional.empty());
        assertSame(homeText, entry.getHomeAddress().getValue());
        assertSame(homeText, entry.getState().getCurrentAddress().getValue());
        assertSame(macText, entry.getMac().getValue());
        assertSame(macText, entry.getState().getCurrentMac().getValue());
        assertSame(entry.getAttachment().getPort().getValue(),
            entry.getState().getCurrentAttachment().getPort().getValue());
    }

    @Test
    public void aTextThatIsNotTheCanonicalFormIsNotShown() {
        final var vm = member("10.0.1.1", "02:00:00:00:00:0A");
        final var upper = new Member("web", vm.home4(), Optional.empty(), Mac.parse("02:00:00:00:00:0a"),
            Optional.of(HOME), Optional.empty(), Activation.DEFAULT, "10.0.1.1", "02:00:00:00:00:0A");
        final var entry = VmStates.entry(atHome(upper), Optional.empty());
        assertEquals("02:00:00:00:00:0a", entry.getMac().getValue());
        assertEquals("the texts are no part of the member's value", upper,
            new Member("web", vm.home4(), Optional.empty(), Mac.parse("02:00:00:00:00:0a"), Optional.of(HOME),
                Optional.empty(), Activation.DEFAULT));
    }

    @Test
    public void aMigratedVmShowsItsNewAddressAndMacApart() {
        final var vm = member("10.0.1.1", "02:00:00:00:00:01");
        final var moved = new VmView(vm, Optional.of(Ipv4.parse("10.0.2.9")), Optional.empty(),
            Mac.parse("02:00:00:00:00:99"), Optional.of(new Attachment("openflow:2", 3)), true,
            ImmutableSortedSet.of("shop"));
        final var entry = VmStates.entry(moved, Optional.empty());
        assertSame("10.0.1.1", entry.getHomeAddress().getValue());
        assertEquals("10.0.2.9", entry.getState().getCurrentAddress().getValue());
        assertEquals("02:00:00:00:00:99", entry.getState().getCurrentMac().getValue());
        assertNotSame(entry.getAttachment().getPort().getValue(),
            entry.getState().getCurrentAttachment().getPort().getValue());
        assertEquals(3, entry.getState().getCurrentAttachment().getPort().getValue().intValue());
    }
}
