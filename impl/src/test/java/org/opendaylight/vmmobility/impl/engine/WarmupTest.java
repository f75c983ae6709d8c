/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractDataBrokerTest;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;

/**
 * The warm-up runs every path it claims on the real binding codec: a made-up configuration read and checked, a
 * translation's flows planned and converted in the three layouts, each serialized and read back and asked for the
 * extensions openflowjava asks for, a migration state entry, notify-migration's input and output.
 */
public class WarmupTest extends AbstractDataBrokerTest {
    @Test
    public void warmsTheFirstMovesPathsWithoutFailing() {
        final Warmup warmup = new Warmup(getDataBrokerTestCustomizer().getAdapterContext().currentSerializer(),
            PipelineConfig.DEFAULT);
        final int flows = warmup.run();
        // web and app translate for db on openflow:1 in both layouts (auto picks one of them), plus miss flows
        assertTrue("flows converted: " + flows, flows >= 3 * 4);
        // every flow's match, and the set-field actions of the translation flows, as read back from the codec
        assertTrue("extension lookups: " + warmup.extensionLookups(), warmup.extensionLookups() > flows);
        // the made-up configuration, read by the engine's reader, passes the commit cohort's check
        assertEquals(0, warmup.violations());
    }
}
