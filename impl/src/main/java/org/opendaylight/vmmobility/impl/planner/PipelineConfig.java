/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * Where the translation pipeline sits in the switches' tables.
 *
 * @param baseTable the first table T of the five tables T..T+4
 * @param priority the priority of every flow except the tables' miss flows (which have priority 0)
 * @param nextTable where translated or untouched packets go after the pipeline: a table after T+4, or
 *                  {@link #OUTPUT_NORMAL} for output NORMAL
 * @param installDefaultForwarding whether every connected switch gets the pipeline's miss flows (and a table 0
 *                                 flow that goes to T when T is not 0), not only the switches with translations
 */
public record PipelineConfig(short baseTable, int priority, int nextTable, boolean installDefaultForwarding,
        FlowLayout layout, boolean announceByDefault) {
    /** The {@link #nextTable()} value meaning "output NORMAL". */
    public static final int OUTPUT_NORMAL = -1;

    /** The configuration's defaults: table 0, priority 1000, output NORMAL, no default forwarding. */
    public static final PipelineConfig DEFAULT = new PipelineConfig((short) 0, 1000, OUTPUT_NORMAL, false,
        FlowLayout.AUTO);

    /** The number of tables the pipeline uses, T to T+4. */
    public static final int TABLE_COUNT = 5;

    /**
     * Creates a pipeline configuration.
     *
     * @param baseTable the first table, 0 to 249 (T+4 must be a table)
     * @param priority the priority of the pipeline's flows, 1 to 65534 (the Neighbor Discovery flows take the next)
     * @param nextTable a table after T+4 (up to 254), or {@link #OUTPUT_NORMAL}
     * @param installDefaultForwarding whether every connected switch gets the miss flows
     * @param layout how translations are laid out
     * @param announceByDefault whether a VM without its own activation leaf is activated by its announcements
     *                          (activation=announce)
     * @throws IllegalArgumentException if a value is out of range
     */
    public PipelineConfig {
        java.util.Objects.requireNonNull(layout);
        if (baseTable < 0 || baseTable + TABLE_COUNT - 1 > 253) {
            throw new IllegalArgumentException("base table out of range 0..249: " + baseTable);
        }
        if (priority < 1 || priority > 65534) {
            throw new IllegalArgumentException("priority out of range 1..65534: " + priority);
        }
        if (nextTable != OUTPUT_NORMAL && (nextTable < baseTable + TABLE_COUNT || nextTable > 254)) {
            throw new IllegalArgumentException("next table must be -1 (output NORMAL) or a table from "
                + (baseTable + TABLE_COUNT) + " to 254: " + nextTable);
        }
    }

    /**
     * Returns table T+offset.
     *
     * @param offset 0 to 4
     * @return the table number
     */
    public short table(final int offset) {
        return (short) (baseTable + offset);
    }

    /**
     * Creates a pipeline configuration in which only RPCs start migrations (unless a VM says otherwise).
     *
     * @param baseTable the first table
     * @param priority the priority of the pipeline's flows
     * @param nextTable a table after T+4, or {@link #OUTPUT_NORMAL}
     * @param installDefaultForwarding whether every connected switch gets the miss flows
     * @param layout how translations are laid out
     */
    public PipelineConfig(final short baseTable, final int priority, final int nextTable,
            final boolean installDefaultForwarding, final FlowLayout layout) {
        this(baseTable, priority, nextTable, installDefaultForwarding, layout, false);
    }

    /**
     * Creates a pipeline configuration with the automatic layout.
     *
     * @param baseTable the first table
     * @param priority the priority of the pipeline's flows
     * @param nextTable a table after T+4, or {@link #OUTPUT_NORMAL}
     * @param installDefaultForwarding whether every connected switch gets the miss flows
     */
    public PipelineConfig(final short baseTable, final int priority, final int nextTable,
            final boolean installDefaultForwarding) {
        this(baseTable, priority, nextTable, installDefaultForwarding, FlowLayout.AUTO);
    }

    /**
     * The same configuration with another layout.
     *
     * @param newLayout the layout
     * @return the configuration
     */
    public PipelineConfig withLayout(final FlowLayout newLayout) {
        return new PipelineConfig(baseTable, priority, nextTable, installDefaultForwarding, newLayout,
            announceByDefault);
    }

    /**
     * The same configuration with another default activation.
     *
     * @param announce whether VMs without their own activation leaf are activated by their announcements
     * @return the configuration
     */
    public PipelineConfig withAnnounceByDefault(final boolean announce) {
        return new PipelineConfig(baseTable, priority, nextTable, installDefaultForwarding, layout, announce);
    }
}
