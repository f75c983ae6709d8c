/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import static java.util.Objects.requireNonNull;

/**
 * One rule of the intent that a candidate breaks.
 *
 * @param path the offending node, as a RESTCONF-style path below the datastore root
 * @param message what is wrong, for the admin
 */
public record Violation(String path, String message) {
    /**
     * Creates a violation.
     *
     * @param path the offending node
     * @param message what is wrong
     */
    public Violation {
        requireNonNull(path);
        requireNonNull(message);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
