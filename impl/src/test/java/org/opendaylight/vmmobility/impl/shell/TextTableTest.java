/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.planner.FlowAction;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.FlowMatch;
import org.opendaylight.vmmobility.impl.planner.Ipv4;
import org.opendaylight.vmmobility.impl.planner.Mac;
import org.opendaylight.vmmobility.impl.planner.Metadata;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;

/**
 * The shared formatting: aligned tables, flows in words, the pipeline settings.
 */
public class TextTableTest {
    @Test
    public void columnsAlignOnTheWidestCellWithoutTrailingSpaces() {
        final TextTable table = new TextTable("VM", "ADDRESS", "REASON")
            .row("db", "10.0.2.3", "")
            .row("a-long-name", "10.0.1.1", "why");
        assertEquals("""
            VM           ADDRESS   REASON
            db           10.0.2.3  -
            a-long-name  10.0.1.1  why
            """, table.render());
    }

    @Test
    public void emptyTableIsItsHeader() {
        final TextTable table = new TextTable("GROUP", "MEMBERS");
        assertTrue(table.isEmpty());
        assertEquals("GROUP  MEMBERS\n", table.render());
    }

    @Test
    public void rowWithTheWrongNumberOfCellsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }

    @Test
    public void matchInWords() {
        assertEquals("in_port=1, ip, ipv4_src=10.0.1.1, ipv4_dst=10.0.1.3", FlowText.match(FlowMatch.builder()
            .inPort(1).ipv4().ipv4Src(Ipv4.parse("10.0.1.1")).ipv4Dst(Ipv4.parse("10.0.1.3")).build()));
        assertEquals("arp, arp_op=1, arp_tpa=10.0.1.3, class=0x2a", FlowText.match(FlowMatch.builder().arp()
            .arpOp(FlowMatch.ARP_REQUEST).arpTpa(Ipv4.parse("10.0.1.3"))
            .metadata(Metadata.klass(42), Metadata.CLASS_MASK).build()));
        assertEquals("any", FlowText.match(FlowMatch.ANY));
    }

    @Test
    public void actionsInWords() {
        assertEquals("set ipv4_dst=10.0.2.3, set eth_dst=02:00:00:00:02:fe, write class=0x2a, tag=0x7, goto table 2",
            FlowText.actions(List.of(new FlowAction.SetIpv4Dst(Ipv4.parse("10.0.2.3")),
                new FlowAction.SetEthDst(Mac.parse("02:00:00:00:02:fe")),
                new FlowAction.WriteMetadata(Metadata.klass(42) | Metadata.tag(7), Metadata.OWNED_MASK),
                new FlowAction.GotoTable((short) 2))));
        assertEquals("set arp_op=2, output IN_PORT", FlowText.actions(List.of(new FlowAction.SetArpOp(2),
            new FlowAction.OutputInPort())));
        assertEquals("output NORMAL", FlowText.actions(List.of(new FlowAction.OutputNormal())));
    }

    @Test
    public void pipelineInWords() {
        assertEquals("tables 0-4, priority 1000, then output NORMAL, layout auto",
            FlowText.pipeline(PipelineConfig.DEFAULT));
        assertEquals("tables 10-14, priority 2000, then goto table 20, layout per-pair, default forwarding",
            FlowText.pipeline(new PipelineConfig((short) 10, 2000, 20, true, FlowLayout.PER_PAIR)));
    }
}
