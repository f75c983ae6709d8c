/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.state;

import java.util.concurrent.Executor;

/**
 * Where the state publisher runs its completions and retries: the engine hands it one whose tasks run through the
 * engine's guard.
 */
public interface TaskScheduler extends Executor {
    /**
     * Runs a task later.
     *
     * @param task the task
     * @param delayMs the delay in milliseconds
     */
    void schedule(Runnable task, long delayMs);
}
