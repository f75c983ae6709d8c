/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

/**
 * Thrown by a datastore call of the {@link FaultyBroker} ({@link FaultKind#THROW}); its message is the fault's tag.
 */
public final class InjectedFaultException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param tag the fault's tag
     */
    public InjectedFaultException(final String tag) {
        super(tag);
    }
}
