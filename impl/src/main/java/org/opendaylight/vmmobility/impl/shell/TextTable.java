/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowPort;

/**
 * A table of text with aligned columns, for the shell commands: a header row, then one row per entry, each column
 * as wide as its widest cell, two spaces between columns, no trailing spaces.
 */
final class TextTable {
    /** What a cell shows when there is no value. */
    static final String NONE = "-";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * Creates a table.
     *
     * @param headers the column headers
     */
    TextTable(final String... headers) {
        this.headers = List.of(headers);
    }

    /**
     * Adds a row; an empty or null cell shows as {@link #NONE}.
     *
     * @param cells one cell per column
     * @return this table
     * @throws IllegalArgumentException if the number of cells is not the number of columns
     */
    TextTable row(final String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + headers.size()
                + " columns: " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null || cell.isEmpty() ? NONE : cell).toList());
        return this;
    }

    /**
     * Tells whether the table has rows.
     *
     * @return true if it has none
     */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Renders the table.
     *
     * @return the lines, each ending with a newline
     */
    String render() {
        final int[] widths = new int[headers.size()];
        for (int col = 0; col < widths.length; col++) {
            widths[col] = headers.get(col).length();
            for (List<String> row : rows) {
                widths[col] = Math.max(widths[col], row.get(col).length());
            }
        }
        final StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    /**
     * A cell listing values.
     *
     * @param values the values, in the order to show
     * @return them comma-separated, or empty if there are none
     */
    static String list(final Collection<String> values) {
        return String.join(",", values);
    }

    /**
     * A cell naming a switch port.
     *
     * @param node the switch, or null
     * @param port the port, or null
     * @return for example {@code openflow:1 port 3}; empty without a switch
     */
    static String port(final @Nullable OpenflowNodeId node, final @Nullable OpenflowPort port) {
        if (node == null) {
            return "";
        }
        return node.getValue() + (port == null ? "" : " port " + port.getValue());
    }

    private static void line(final StringBuilder out, final List<String> cells, final int[] widths) {
        final StringBuilder line = new StringBuilder();
        for (int col = 0; col < cells.size(); col++) {
            if (col > 0) {
                line.append("  ");
            }
            line.append(cells.get(col));
            if (col < cells.size() - 1) {
                line.append(" ".repeat(widths[col] - cells.get(col).length()));
            }
        }
        // a last column left empty on every row leaves spaces behind: strip them
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
