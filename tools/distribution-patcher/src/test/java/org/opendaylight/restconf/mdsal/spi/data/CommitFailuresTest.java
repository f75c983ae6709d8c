/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.restconf.mdsal.spi.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.netconf.databind.RequestException;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;

public class CommitFailuresTest {
    @Test
    public void aMissingMandatoryLeafBecomesADocumentedMissingElement() {
        final var failure = new TransactionCommitFailedException("commit encountered an unexpected failure",
            new IllegalArgumentException("Node (urn:x?revision=2026-11-28)vm[{(urn:x?revision=2026-11-28)vm-id=app2}] "
                + "is missing mandatory descendant /(urn:x?revision=2026-11-28)mac"));
        final var documented = (NetconfDocumentedException) CommitFailures.documented(failure).getCause();
        assertEquals("Node vm[{vm-id=app2}] is missing the mandatory /mac", documented.getMessage());
        assertEquals(ErrorTag.MISSING_ELEMENT, documented.getErrorTag());
    }

    @Test
    public void otherFailuresAreLeftAsTheyAre() {
        final var schema = (NetconfDocumentedException) CommitFailures.documented(new TransactionCommitFailedException(
            "x", new IllegalArgumentException("Node (urn:x)state is not present in schema"))).getCause();
        assertEquals("Node state is not present in schema", schema.getMessage());
        assertEquals(ErrorTag.INVALID_VALUE, schema.getErrorTag());
        final var other = new TransactionCommitFailedException("x", new IllegalStateException("y"));
        assertSame(other, CommitFailures.documented(other));
        final var notACommit = new IllegalArgumentException("is missing mandatory descendant ");
        assertSame(notACommit, CommitFailures.documented(notACommit));
    }

    @Test
    public void aDeleteRefusedByTheCohortIsAnsweredWithItsDocumentedError() {
        final var netconf = new RequestException("Transaction to delete failed");
        final var refusal = new NetconfDocumentedException("VM db is still named by group shop",
            ErrorType.APPLICATION, ErrorTag.OPERATION_NOT_SUPPORTED, ErrorSeverity.ERROR);
        final var failure = new TransactionCommitFailedException("commit failed",
            new IllegalStateException("cohort refused", refusal));
        final var answer = CommitFailures.deleteFailed(netconf, failure);
        assertEquals(1, answer.errors().size());
        assertEquals(ErrorTag.OPERATION_NOT_SUPPORTED, answer.errors().get(0).tag());
        assertEquals("VM db is still named by group shop", answer.errors().get(0).message().elementBody());
    }

    @Test
    public void otherDeleteFailuresKeepNetconfsAnswer() {
        final var netconf = new RequestException("Transaction to delete failed");
        assertSame(netconf, CommitFailures.deleteFailed(netconf, new TransactionCommitFailedException("x",
            new IllegalStateException("y"))));
    }
}
