/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * The shell commands' datastore reads: each bounded (a command never hangs on a datastore without a leader), a
 * failure told in one sentence.
 */
final class DatastoreReads {
    /** How long one read may take. */
    static final long TIMEOUT_SECONDS = 10;

    /** The application's root: its configuration, or its state. */
    static final DataObjectIdentifier<VmMobility> ROOT = ConfigPaths.ROOT;
    /** openflowplugin's inventory of the switches. */
    static final DataObjectIdentifier<Nodes> NODES = DataObjectIdentifier.builder(Nodes.class).build();

    private DatastoreReads() {
        // static only
    }

    /** A read that failed or got no answer in time; its message says which and why. */
    static final class ReadFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ReadFailure(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads the application's configuration.
     *
     * @param broker the data broker
     * @return the configuration, or null if there is none
     * @throws ReadFailure if the read fails or takes longer than {@link #TIMEOUT_SECONDS}
     */
    /** Renders the configuration and state as a table. */
    @FunctionalInterface
    interface Table {
        /**
         * Renders.
         *
         * @param config the configuration, null if there is none
         * @param state the state, null if there is none
         * @return the text
         */
        String render(@Nullable VmMobility config, @Nullable VmMobility state);
    }

    /**
     * Reads the configuration and the state and prints them as a table on the console, or the read failure.
     *
     * @param broker where to read
     * @param out the console
     * @param command the command's name, for a failure
     * @param table how to render
     */
    static void printTable(final DataBroker broker, final PrintStream out, final String command, final Table table) {
        try {
            out.print(table.render(config(broker), state(broker)));
        } catch (ReadFailure e) {
            out.println(command + ": " + e.getMessage());
        }
    }

    static @Nullable VmMobility config(final DataBroker broker) throws ReadFailure {
        return read(broker, LogicalDatastoreType.CONFIGURATION, ROOT, "the vm-mobility configuration").orElse(null);
    }

    /**
     * Reads the application's state.
     *
     * @param broker the data broker
     * @return the state, or null if there is none
     * @throws ReadFailure if the read fails or takes longer than {@link #TIMEOUT_SECONDS}
     */
    static @Nullable VmMobility state(final DataBroker broker) throws ReadFailure {
        return read(broker, LogicalDatastoreType.OPERATIONAL, ROOT, "the vm-mobility state").orElse(null);
    }

    /**
     * Reads openflowplugin's operational inventory.
     *
     * @param broker the data broker
     * @return the switches, or null if none is connected
     * @throws ReadFailure if the read fails or takes longer than {@link #TIMEOUT_SECONDS}
     */
    static @Nullable Nodes switches(final DataBroker broker) throws ReadFailure {
        return read(broker, LogicalDatastoreType.OPERATIONAL, NODES, "the operational inventory").orElse(null);
    }

    private static <T extends DataObject> Optional<T> read(final DataBroker broker, final LogicalDatastoreType store,
            final DataObjectIdentifier<T> path, final String what) throws ReadFailure {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(store, path).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ReadFailure("no answer within " + TIMEOUT_SECONDS + " s reading " + what
                + " (" + store.name().toLowerCase(Locale.ROOT) + " datastore): is the datastore up and its shard "
                + "led?", e);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ReadFailure("reading " + what + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure("interrupted while reading " + what, e);
        }
    }
}
