/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.restconf.mdsal.spi.data;

import java.util.regex.Pattern;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.netconf.databind.RequestException;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;

/**
 * Turns a commit that the datastore refused for the data's own sake into a documented refusal, which RESTCONF
 * answers 400, instead of the "not committed correctly" 500 netconf 9.0.1's {@code RestconfStrategy.decodeException}
 * gives every commit failure without a {@link NetconfDocumentedException} in its causes. Added to restconf-mdsal-spi by
 * the build ({@code org.opendaylight.vmmobility.tools.patcher.RestconfInputRewriter}).
 *
 * <p>Such refusals are the data tree's schema validation, {@link IllegalArgumentException}s raised before any commit
 * cohort sees the data, e.g. "Node ... is missing mandatory descendant ..." (answered missing-element; others
 * invalid-value).
 */
public final class CommitFailures {
    private static final String MISSING_MANDATORY = " is missing mandatory descendant ";
    private static final Pattern NAMESPACE = Pattern.compile("\\([^()]*\\)");

    private CommitFailures() {
        // utility class
    }

    /**
     * Documents a commit failure caused by missing mandatory data.
     *
     * @param failure what the commit failed with
     * @return a commit failure whose cause is a documented missing-element refusal naming the node and the leaf, or
     *     failure itself
     */
    public static Throwable documented(final Throwable failure) {
        if (!(failure instanceof TransactionCommitFailedException)) {
            return failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            final String message = cause.getMessage();
            if (cause instanceof IllegalArgumentException && message != null) {
                // the data tree's schema validation: the data the client sent is wrong
                final boolean missing = message.contains(MISSING_MANDATORY);
                final String readable = NAMESPACE.matcher(message).replaceAll("")
                    .replace(MISSING_MANDATORY, " is missing the mandatory ");
                return new TransactionCommitFailedException(readable, new NetconfDocumentedException(readable,
                    ErrorType.APPLICATION, missing ? ErrorTag.MISSING_ELEMENT : ErrorTag.INVALID_VALUE,
                    ErrorSeverity.ERROR));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure;
    }

    /**
     * The answer to a DELETE whose commit failed: netconf 9.0.1 answers every such failure 500 operation-failed
     * ("Transaction to delete failed"), also when the data's validation refused it; a refusal documented by the
     * refusing party (a {@link NetconfDocumentedException} among the causes, as the application's commit cohort gives)
     * is answered with its own type, tag and message instead, as PUT, POST and PATCH answer it.
     *
     * @param answer the answer netconf would give
     * @param failure what the commit failed with
     * @return the documented refusal, or answer
     */
    public static RequestException deleteFailed(final RequestException answer, final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NetconfDocumentedException documented) {
                return new RequestException(documented.getErrorType(), documented.getErrorTag(),
                    documented.getMessage(), failure);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return answer;
    }
}
