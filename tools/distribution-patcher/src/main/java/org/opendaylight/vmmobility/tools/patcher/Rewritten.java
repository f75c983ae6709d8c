/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

/** A rewritten class file and how many sites (call sites or methods) of it were rewritten. */
final class Rewritten {
    private final byte[] bytes;
    private final int sites;

    Rewritten(final byte[] bytes, final int sites) {
        this.bytes = bytes.clone();
        this.sites = sites;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    int sites() {
        return sites;
    }
}
