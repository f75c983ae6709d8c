/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Engine;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.EngineBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * The engine's state, its faults and its resyncs: what {@code vm-mobility/engine} shows. Thread-safe.
 */
public final class EngineHealth {
    /**
     * What the health was at one moment.
     *
     * @param state the engine's state
     * @param errors faults so far
     * @param resyncs full resyncs completed so far
     * @param lastError the step and error of the last fault, if any
     * @param lastErrorAt when it happened
     */
    public record Snapshot(EngineState state, long errors, long resyncs, Optional<String> lastError,
            Optional<Instant> lastErrorAt) {
    }

    private EngineState state = EngineState.STARTING;
    private long errors;
    private long resyncs;
    private @Nullable String lastError;
    private @Nullable Instant lastErrorAt;

    /**
     * Goes to another state.
     *
     * @param next the state
     * @throws IllegalStateException if the transition is illegal
     */
    public synchronized void become(final EngineState next) {
        state = state.to(next);
    }

    /**
     * Records a fault: counted, remembered, and the engine degraded (unless it is stopping).
     *
     * @param step the step that failed
     * @param cause what failed
     * @return the number of faults so far
     */
    public synchronized long fault(final EngineStep step, final Throwable cause) {
        errors++;
        lastError = step.name().toLowerCase(java.util.Locale.ROOT) + ": " + cause;
        lastErrorAt = Instant.now();
        if (state.canBecome(EngineState.DEGRADED)) {
            state = EngineState.DEGRADED;
        }
        return errors;
    }

    /**
     * The baseline's difference is written: a start completed (STARTING), or a full resync (counted; DEGRADED
     * becomes RUNNING).
     */
    public synchronized void resynced() {
        if (state != EngineState.STARTING) {
            resyncs++;
        }
        if (state != EngineState.RUNNING && state.canBecome(EngineState.RUNNING)) {
            state = EngineState.RUNNING;
        }
    }

    /**
     * The state now.
     *
     * @return the state
     */
    public synchronized EngineState state() {
        return state;
    }

    /**
     * Everything now.
     *
     * @return a snapshot
     */
    public synchronized Snapshot snapshot() {
        return new Snapshot(state, errors, resyncs, Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt));
    }

    /**
     * The operational engine entry: where it runs (as announced) with the health now.
     *
     * @param announced where the engine runs, or null if that was not announced
     * @return the entry
     */
    public synchronized Engine entry(final @Nullable Engine announced) {
        final EngineBuilder builder = announced == null ? new EngineBuilder() : new EngineBuilder(announced);
        return builder
            .setHealth(state.healthy() ? Engine.Health.Ok : Engine.Health.Degraded)
            .setLastError(lastError)
            .setLastErrorAt(lastErrorAt == null ? null
                : new DateAndTime(lastErrorAt.truncatedTo(ChronoUnit.MILLIS).toString()))
            .setErrorCount(new Counter64(Uint64.valueOf(errors)))
            .setResyncCount(new Counter64(Uint64.valueOf(resyncs)))
            .build();
    }
}
