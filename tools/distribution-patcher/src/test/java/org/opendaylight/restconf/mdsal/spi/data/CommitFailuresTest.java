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
import org.opendaylight.yangtools.yang.common.ErrorTag;

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
}
