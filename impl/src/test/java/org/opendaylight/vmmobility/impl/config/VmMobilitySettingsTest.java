/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.metrics.MetricsEndpoint;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;

/**
 * The configuration is parsed once, into the object the provider and the shell share.
 */
public class VmMobilitySettingsTest {
    private static VmMobilityConfiguration config(final int base, final int priority, final int next,
            final boolean forwarding, final String layout, final String node) {
        final VmMobilityConfiguration config = mock(VmMobilityConfiguration.class);
        when(config.base$_$table()).thenReturn((short) base);
        when(config.priority()).thenReturn(priority);
        when(config.next$_$table()).thenReturn(next);
        when(config.install$_$default$_$forwarding()).thenReturn(forwarding);
        when(config.flow$_$layout()).thenReturn(layout);
        when(config.node$_$name()).thenReturn(node);
        when(config.metrics$_$address()).thenReturn("127.0.0.1");
        when(config.metrics$_$port()).thenReturn(9464);
        when(config.metrics$_$user()).thenReturn("");
        when(config.metrics$_$password()).thenReturn("");
        when(config.activation()).thenReturn("rpc");
        return config;
    }

    @Test
    public void theDefaultsAreTheApplicationsDefaults() {
        final VmMobilitySettings settings = new VmMobilitySettings(config(0, 1000, -1, false, "auto", ""));
        assertEquals(PipelineConfig.DEFAULT, settings.pipeline());
        // no node-name: the host name
        assertFalse(settings.nodeName().isBlank());
    }

    @Test
    public void everyKeyIsRead() {
        final VmMobilitySettings settings = new VmMobilitySettings(config(10, 2000, 20, true, " Per-Pair ",
            " member-2 "));
        assertEquals(new PipelineConfig((short) 10, 2000, 20, true, FlowLayout.PER_PAIR), settings.pipeline());
        assertEquals("member-2", settings.nodeName());
    }

    @Test
    public void theMetricsListenerIsOnLoopbackByDefaultAndCredentialsComeInPairs() {
        final VmMobilityConfiguration config = config(0, 1000, -1, false, "auto", "n");
        assertEquals(new MetricsEndpoint("127.0.0.1", 9464, Optional.empty()),
            new VmMobilitySettings(config).metrics());
        when(config.metrics$_$address()).thenReturn(" 10.0.0.5 ");
        when(config.metrics$_$user()).thenReturn("prom");
        when(config.metrics$_$password()).thenReturn("s3cret");
        assertEquals(new MetricsEndpoint("10.0.0.5", 9464, Optional.of(new MetricsEndpoint.Credentials("prom",
            "s3cret"))), new VmMobilitySettings(config).metrics());
        when(config.metrics$_$password()).thenReturn("");
        assertThrows(IllegalArgumentException.class, () -> new VmMobilitySettings(config));
        when(config.metrics$_$user()).thenReturn("");
        when(config.metrics$_$port()).thenReturn(0);
        assertFalse(new VmMobilitySettings(config).metrics().enabled());
    }

    @Test
    public void activationIsRpcUnlessAnnounceIsSaid() {
        final VmMobilityConfiguration config = config(0, 1000, -1, false, "auto", "n");
        assertFalse(new VmMobilitySettings(config).pipeline().announceByDefault());
        when(config.activation()).thenReturn(" Announce ");
        assertEquals(PipelineConfig.DEFAULT.withAnnounceByDefault(true), new VmMobilitySettings(config).pipeline());
        // a typo is not an opt-in
        when(config.activation()).thenReturn("anounce");
        assertFalse(new VmMobilitySettings(config).pipeline().announceByDefault());
    }

    @Test
    public void anUnknownLayoutIsAutoAndAValueOutOfRangeStopsTheApplication() {
        assertEquals(FlowLayout.AUTO, new VmMobilitySettings(config(0, 1000, -1, false, "diagonal", "n"))
            .pipeline().layout());
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new VmMobilitySettings(config(10, 1000, 3, false, "auto", "n")));
        assertEquals("next table must be -1 (output NORMAL) or a table from 15 to 254: 3", refused.getMessage());
    }
}
