/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * One flow the plan puts on a switch. A value: two plans can be compared flow by flow.
 *
 * @param flowId the flow's id on its switch: deterministic, from the flow's domain key; letters, digits and
 *               {@code . _ : -} only
 * @param flowName a human-readable description (kind, VM, addresses, groups, subnet)
 * @param table the table
 * @param priority the priority
 * @param cookie {@link #COOKIE_PREFIX} in bits 63..48, the kind's code in bits 47..44 and a stable hash of the
 *               flow's domain key (groups, VM, switch, kind) in bits 43..0
 * @param kind what the flow does
 * @param match the match
 * @param actions the actions, in order: apply-actions, then at most one write-metadata, then at most one goto-table
 */
public record PlannedFlow(String flowId, String flowName, short table, int priority, long cookie, FlowKind kind,
        FlowMatch match, ImmutableList<FlowAction> actions) {
    /** The application's prefix in the top 16 bits of every cookie ("VM" in ASCII). */
    public static final int COOKIE_PREFIX = 0x564D;


    /**
     * Creates a planned flow.
     *
     * @param flowId the flow id
     * @param flowName the flow name
     * @param table the table
     * @param priority the priority
     * @param cookie the cookie
     * @param kind the kind
     * @param match the match
     * @param actions the actions
     * @throws IllegalArgumentException if the flow id has other characters than allowed, or the actions are not in
     *                                  apply, write-metadata, goto-table order
     */
    public PlannedFlow {
        requireNonNull(flowId);
        requireNonNull(flowName);
        requireNonNull(kind);
        requireNonNull(match);
        actions = ImmutableList.copyOf(actions);
        if (!isFlowId(flowId)) {
            throw new IllegalArgumentException("invalid flow id: " + flowId);
        }
        int stage = 0;
        for (FlowAction action : actions) {
            final int actionStage = action instanceof FlowAction.WriteMetadata ? 1
                : action instanceof FlowAction.GotoTable ? 2 : 0;
            if (actionStage < stage || actionStage == stage && actionStage > 0) {
                throw new IllegalArgumentException("actions out of order in flow " + flowId + ": " + actions);
            }
            stage = actionStage;
        }
    }

    /**
     * Returns the actions of the apply-actions instruction, in order.
     *
     * @return the set-field and output actions; empty if there is no apply-actions instruction
     */
    public ImmutableList<FlowAction> applyActions() {
        return actions.stream().filter(FlowAction::isApplyAction).collect(ImmutableList.toImmutableList());
    }

    /**
     * Returns the goto-table instruction.
     *
     * @return the instruction, if the flow has one
     */
    public Optional<FlowAction.GotoTable> gotoTable() {
        return actions.stream().filter(FlowAction.GotoTable.class::isInstance)
            .map(FlowAction.GotoTable.class::cast).findFirst();
    }

    private static boolean isFlowId(final String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            if (!(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '.'
                    || ch == '_' || ch == ':' || ch == '-')) {
                return false;
            }
        }
        return true;
    }
}
