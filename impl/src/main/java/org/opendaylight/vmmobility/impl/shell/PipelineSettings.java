/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;

/**
 * The pipeline configuration the application runs with, read the way the application reads it: Karaf's
 * {@code etc/org.opendaylight.vmmobility.cfg} (pid {@code org.opendaylight.vmmobility}), each key absent or
 * unusable taking the application's default.
 */
final class PipelineSettings {
    /** The configuration file's name under Karaf's etc directory. */
    static final String FILE_NAME = "org.opendaylight.vmmobility.cfg";

    private PipelineSettings() {
        // static only
    }

    /**
     * Reads the configuration of the running Karaf ({@code karaf.etc}).
     *
     * @return the pipeline configuration; the defaults if there is no such file
     * @throws IOException if the file exists but cannot be read
     */
    static PipelineConfig load() throws IOException {
        final String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            return PipelineConfig.DEFAULT;
        }
        final Path file = Path.of(etc, FILE_NAME);
        if (!Files.isReadable(file)) {
            return PipelineConfig.DEFAULT;
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return of(properties);
    }

    /**
     * The pipeline configuration from the configuration's keys.
     *
     * @param properties base-table, priority, next-table, install-default-forwarding, flow-layout
     * @return the configuration
     */
    static PipelineConfig of(final Properties properties) {
        final PipelineConfig defaults = PipelineConfig.DEFAULT;
        final int base = integer(properties, "base-table", defaults.baseTable());
        final int priority = integer(properties, "priority", defaults.priority());
        final int next = integer(properties, "next-table", defaults.nextTable());
        final boolean forwarding = Boolean.parseBoolean(properties.getProperty("install-default-forwarding",
            String.valueOf(defaults.installDefaultForwarding())).trim());
        FlowLayout layout;
        try {
            layout = FlowLayout.valueOf(properties.getProperty("flow-layout", "auto").trim()
                .toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            layout = FlowLayout.AUTO;
        }
        try {
            return new PipelineConfig((short) base, priority, next, forwarding, layout);
        } catch (IllegalArgumentException e) {
            return defaults.withLayout(layout);
        }
    }

    /**
     * Describes a pipeline configuration.
     *
     * @param config the configuration
     * @return for example {@code tables 0-4, priority 1000, then output NORMAL, layout auto}
     */
    static String describe(final PipelineConfig config) {
        return "tables " + config.table(0) + "-" + config.table(PipelineConfig.TABLE_COUNT - 1) + ", priority "
            + config.priority() + ", then " + (config.nextTable() == PipelineConfig.OUTPUT_NORMAL ? "output NORMAL"
                : "goto table " + config.nextTable()) + ", layout "
            + config.layout().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + (config.installDefaultForwarding() ? ", default forwarding" : "");
    }

    private static int integer(final Properties properties, final String key, final int fallback) {
        final String text = properties.getProperty(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
