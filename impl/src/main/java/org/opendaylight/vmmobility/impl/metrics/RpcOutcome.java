/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.metrics;

import java.util.Locale;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * How an RPC was answered, in the bounded terms of the metrics' labels.
 */
public enum RpcOutcome {
    /** Answered with success. */
    OK,
    /** Refused: the input is malformed (a field missing or out of its type). */
    INVALID_INPUT,
    /** Refused: a VM it names is not registered. */
    UNKNOWN_VM,
    /** Refused: the intent it would store breaks a rule (address in use, outside the subnets, a gateway...). */
    RULE,
    /** The intent could not be stored (operation-failed). */
    FAILED;

    /**
     * Classifies an answer.
     *
     * @param answer the RPC's answer
     * @return its outcome
     */
    public static RpcOutcome of(final RpcResult<?> answer) {
        if (answer.isSuccessful()) {
            return OK;
        }
        for (RpcError error : answer.getErrors()) {
            if (ErrorTag.INVALID_VALUE.equals(error.getTag())) {
                final String message = String.valueOf(error.getMessage());
                if (message.startsWith("invalid input")) {
                    return INVALID_INPUT;
                }
                return message.contains("is not registered") ? UNKNOWN_VM : RULE;
            }
        }
        return FAILED;
    }

    /**
     * The outcome label: ok, refused or failed.
     *
     * @return the label
     */
    public String label() {
        return switch (this) {
            case OK -> "ok";
            case FAILED -> "failed";
            default -> "refused";
        };
    }

    /**
     * The refusal's reason label: invalid-input, unknown-vm or rule (ok and failed for the others).
     *
     * @return the label
     */
    public String reason() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
