/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

/**
 * Plans a whole intent from scratch: the exact set of flows of every switch (docs/DESIGN.md, "the translation
 * pipeline"). The same intent gives the same plan, whatever the order of its collections. Test code: the running
 * application uses {@link IncrementalPlanner} change by change; a fresh one given the whole intent is the reference
 * it must always equal.
 */
public final class TranslationPlanner {
    private TranslationPlanner() {
        // utility class
    }

    /**
     * Plans the flows of an intent.
     *
     * @param intent the intent
     * @return the plan
     */
    public static Plan plan(final MobilityIntent intent) {
        final IncrementalPlanner engine = new IncrementalPlanner(intent.pipeline());
        intent.changes().forEach(engine::apply);
        engine.replan();
        return engine.plan();
    }
}
