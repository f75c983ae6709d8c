/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where {@code /metrics} is served and who may read it.
 *
 * @param address the address to bind (an admin's choice: loopback by default)
 * @param port the TCP port, 1..65535, or 0 for no metrics listener
 * @param credentials the user and password a scrape must give (HTTP basic authentication), or empty for none
 */
public record MetricsEndpoint(String address, int port, Optional<Credentials> credentials) {
    /**
     * A user and password.
     *
     * @param user the user
     * @param password the password
     */
    public record Credentials(String user, String password) {
        /**
         * Checks both are given.
         *
         * @param user the user
         * @param password the password
         */
        public Credentials {
            if (user.isEmpty() || user.contains(":") || password.isEmpty()) {
                throw new IllegalArgumentException("metrics-user must be non-empty without ':' and metrics-password "
                    + "non-empty");
            }
        }

        @Override
        public String toString() {
            return "user " + user;
        }
    }

    /**
     * Checks the values.
     *
     * @param address the address to bind
     * @param port the port, 0 for none
     * @param credentials the credentials, if any
     */
    public MetricsEndpoint {
        requireNonNull(address);
        requireNonNull(credentials);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics-port must be 0 (off) or 1..65535: " + port);
        }
        if (port > 0 && address.isBlank()) {
            throw new IllegalArgumentException("metrics-address must name an address to bind");
        }
    }

    /**
     * Whether metrics are served.
     *
     * @return true if a port is set
     */
    public boolean enabled() {
        return port > 0;
    }

    @Override
    public String toString() {
        return enabled() ? "http://" + address + ":" + port + "/metrics"
            + credentials.map(given -> " (" + given + ")").orElse(" (no authentication)") : "off";
    }
}
