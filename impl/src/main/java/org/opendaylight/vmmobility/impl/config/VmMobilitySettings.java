/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.config;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.vmmobility.impl.metrics.MetricsEndpoint;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's configuration ({@code etc/org.opendaylight.vmmobility.cfg}, pid
 * {@code org.opendaylight.vmmobility}), parsed once: the application ({@code VmMobilityProvider}) and the shell
 * ({@code vmm:trace}) use this same object. A change of the file replaces it, which restarts the application with
 * the new settings.
 */
@Component(service = VmMobilitySettings.class, configurationPid = VmMobilitySettings.PID)
@Designate(ocd = VmMobilityConfiguration.class)
public final class VmMobilitySettings {
    /** The configuration's pid; the file is {@code etc/<pid>.cfg}. */
    public static final String PID = "org.opendaylight.vmmobility";

    private static final Logger LOG = LoggerFactory.getLogger(VmMobilitySettings.class);

    private final PipelineConfig pipeline;
    private final String nodeName;
    private final MetricsEndpoint metrics;

    /**
     * Parses the configuration.
     *
     * @param config the configuration as Configuration Admin holds it
     * @throws IllegalArgumentException if a value is out of its range (the application does not start; the reason
     *                                  is logged)
     */
    @Activate
    public VmMobilitySettings(final VmMobilityConfiguration config) {
        this(parsePipeline(config), resolveNodeName(config.node$_$name()), parseMetrics(config));
    }

    /**
     * Settings given directly.
     *
     * @param pipeline where the pipeline sits in the switches' tables
     * @param nodeName this controller's name in {@code vm-mobility/engine}
     */
    public VmMobilitySettings(final PipelineConfig pipeline, final String nodeName) {
        this(pipeline, nodeName, new MetricsEndpoint("127.0.0.1", 0, Optional.empty()));
    }

    /**
     * Settings given directly, with the metrics listener.
     *
     * @param pipeline where the pipeline sits in the switches' tables
     * @param nodeName this controller's name in {@code vm-mobility/engine}
     * @param metrics where the metrics are served
     */
    public VmMobilitySettings(final PipelineConfig pipeline, final String nodeName, final MetricsEndpoint metrics) {
        this.pipeline = requireNonNull(pipeline);
        this.nodeName = requireNonNull(nodeName);
        this.metrics = requireNonNull(metrics);
    }

    /**
     * Returns where the metrics are served.
     *
     * @return the metrics listener's address, port and credentials
     */
    public MetricsEndpoint metrics() {
        return metrics;
    }

    /**
     * Returns the pipeline configuration.
     *
     * @return where the pipeline sits and how it lays out translations
     */
    public PipelineConfig pipeline() {
        return pipeline;
    }

    /**
     * Returns this controller's name.
     *
     * @return the configured node-name, or the host name
     */
    public String nodeName() {
        return nodeName;
    }

    @Override
    public String toString() {
        return "node " + nodeName + ", " + pipeline + ", metrics " + metrics;
    }

    private static PipelineConfig parsePipeline(final VmMobilityConfiguration config) {
        try {
            return new PipelineConfig(config.base$_$table(), config.priority(), config.next$_$table(),
                config.install$_$default$_$forwarding(), layout(config.flow$_$layout()),
                announceByDefault(config.activation()));
        } catch (IllegalArgumentException e) {
            LOG.error("etc/{}.cfg has a value out of range: VM Mobility does not start", PID, e);
            throw e;
        }
    }

    private static MetricsEndpoint parseMetrics(final VmMobilityConfiguration config) {
        final String user = config.metrics$_$user().trim();
        final String password = config.metrics$_$password();
        try {
            return new MetricsEndpoint(config.metrics$_$address().trim(), config.metrics$_$port(),
                user.isEmpty() && password.isEmpty() ? Optional.empty()
                    : Optional.of(new MetricsEndpoint.Credentials(user, password)));
        } catch (IllegalArgumentException e) {
            LOG.error("etc/{}.cfg has a metrics value out of range: VM Mobility does not start", PID, e);
            throw e;
        }
    }

    private static FlowLayout layout(final String text) {
        try {
            return FlowLayout.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            LOG.warn("flow-layout {} is not auto, shared or per-pair: using auto", text, e);
            return FlowLayout.AUTO;
        }
    }

    private static boolean announceByDefault(final @Nullable String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "rpc", "" -> false;
            case "announce" -> true;
            default -> {
                LOG.warn("activation {} is not rpc or announce: using rpc (only notify-migration starts a migration)",
                    text);
                yield false;
            }
        };
    }

    private static String resolveNodeName(final String configured) {
        if (!configured.isBlank()) {
            return configured.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            LOG.warn("No host name: this node is called localhost", e);
            return "localhost";
        }
    }
}
