/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.rpc;

import com.google.common.base.Throwables;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The RPCs' error answers: a refusal (invalid-value, naming the rule) or a failure to store (operation-failed, naming
 * the cause). Never a success for something that was not stored.
 */
final class RpcAnswers {
    private RpcAnswers() {
        // static only
    }

    /**
     * A refusal: the input or the intent it would make breaks a rule.
     *
     * @param message the rule that was broken
     * @param <O> the RPC's output
     * @return the answer
     */
    static <O> RpcResult<O> invalid(final String message) {
        return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.INVALID_VALUE, message).build();
    }

    /**
     * The answer to a run that failed: the commit cohort's refusal is a refusal, anything else a failure to store.
     *
     * @param failure why the run failed
     * @param <O> the RPC's output
     * @return the answer
     */
    static <O> RpcResult<O> failure(final Throwable failure) {
        final String refusal = VmTransactionRunner.validationMessage(failure);
        return refusal != null ? invalid(refusal) : failed(failure);
    }

    /**
     * A failure to store, naming its cause.
     *
     * @param failure the cause
     * @param <O> the RPC's output
     * @return the answer
     */
    static <O> RpcResult<O> failed(final Throwable failure) {
        return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
            "storing the intent failed: " + cause(failure), null, null, failure).build();
    }

    private static String cause(final Throwable failure) {
        final Throwable root = Throwables.getRootCause(failure);
        if (root instanceof DatastoreTimeout) {
            return root.getMessage();
        }
        final String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
