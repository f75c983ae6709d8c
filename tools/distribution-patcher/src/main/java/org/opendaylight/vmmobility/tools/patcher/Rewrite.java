/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.util.Arrays;

/** The kinds of rewrite the patcher applies; each names the rewriter that does it. */
enum Rewrite {
    /** {@link ProxyVersionCapRewriter}: Aries Proxy's class-version cap (one per assignment of the field). */
    PROXY_VERSION_CAP("proxy-version-cap"),
    /** {@link SubjectCallRewriter}: one per {@code Subject.getSubject(AccessControlContext)} call site. */
    SUBJECT_CURRENT("subject-current"),
    /** {@link RestconfInputRewriter}: one per method guarded or call site redirected. */
    RESTCONF_INPUT("restconf-input"),
    /** A class of this module added to a netconf jar ({@link RestconfInputRewriter#ADDED_CLASSES}). */
    ADDED_CLASS("added-class");

    private final String label;

    Rewrite(final String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Rewrite ofLabel(final String label) {
        return Arrays.stream(values()).filter(rewrite -> rewrite.label.equals(label)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown rewrite " + label));
    }
}
