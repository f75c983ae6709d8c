/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.testing.faults;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the test's log (slf4j-simple writes every event to {@code System.err}, one header line
 * {@code [thread] LEVEL logger - message} and the stack trace after it) and keeps, per run, its WARN/ERROR events,
 * and, for every run, the tags of the injected faults that WARN/ERROR events named. An event belongs to the run of
 * the thread that logged it: every thread a run creates inherits the run's seed ({@link #RUN}). Lines of a run are
 * kept, not printed; lines of no run are passed on.
 */
public final class LogCapture extends OutputStream {
    /** The seed of the run a thread works for, inherited by the threads it creates. */
    public static final InheritableThreadLocal<Long> RUN = new InheritableThreadLocal<>();

    private static final Pattern HEADER =
        Pattern.compile("^(?:[0-9:.]+ )?\\[([^\\]]*)\\] (TRACE|DEBUG|INFO|WARN|ERROR) (.*)$");
    private static final int KEPT_LINES = 40;
    /** The texts of the audit's fault when it found a difference (Reconciler.audit). */
    private static final String AUDIT_DIFFERENCE_FLOWS = "IllegalStateException: our flows differ from what the engine";
    private static final String AUDIT_DIFFERENCE_PLAN = "IllegalStateException: a plan from scratch differs";
    private static final String AUDIT_DIFFERENCE_SWITCHES = "IllegalStateException: the engine's connected switches";
    /** {@code -Dvmm.faults.echo=true}: every line is passed on too, the runs' as well (to debug one seed). */
    private static final boolean ECHO = Boolean.getBoolean("vmm.faults.echo");

    private final PrintStream original;
    private final PrintStream stream;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);
    private final ThreadLocal<Boolean> inWarning = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<String> level = ThreadLocal.withInitial(() -> "?");
    private final ThreadLocal<Boolean> passOn = ThreadLocal.withInitial(() -> true);
    private final Map<Long, RunLog> runs = new ConcurrentHashMap<>();

    /** What one run logged. */
    public static final class RunLog {
        private final List<String> lines = new ArrayList<>();
        private final Set<Integer> tags = ConcurrentHashMap.newKeySet();
        private final Map<Integer, List<String>> mentions = new ConcurrentHashMap<>();
        private int warnings;
        private int audits;

        /**
         * How many times the engine's audit found our flows differing from what it wrote (and resynced).
         *
         * @return the count
         */
        public synchronized int auditRepairs() {
            return audits;
        }

        synchronized void audit() {
            audits++;
        }

        /**
         * Its WARN/ERROR events (logged by its threads).
         *
         * @return the count
         */
        public synchronized int warnings() {
            return warnings;
        }

        /**
         * The numbers of its faults that a WARN/ERROR event named (logged by any thread).
         *
         * @return the numbers
         */
        public Set<Integer> tags() {
            return Set.copyOf(tags);
        }

        /**
         * The lines at any level that named one of its faults (to tell, for a fault no WARN/ERROR named, where it
         * went: an INFO or DEBUG line, or nowhere).
         *
         * @param number the fault's number
         * @return the first few such lines, with their event's level
         */
        public List<String> mentions(final int number) {
            final List<String> named = mentions.getOrDefault(number, List.of());
            synchronized (named) {
                return List.copyOf(named);
            }
        }

        void mention(final int number, final String level, final String line) {
            final List<String> named = mentions.computeIfAbsent(number, key -> new ArrayList<>());
            synchronized (named) {
                if (named.size() < 3) {
                    named.add(level + " " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
                }
            }
        }

        /**
         * The first lines of its WARN/ERROR events.
         *
         * @return the lines
         */
        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized void warning(final String line) {
            warnings++;
            keep(line);
        }

        synchronized void keep(final String line) {
            if (lines.size() < KEPT_LINES) {
                lines.add(line);
            }
        }
    }

    private LogCapture(final PrintStream original) {
        this.original = original;
        stream = new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    /**
     * Starts reading {@code System.err}.
     *
     * @return the capture, to {@link #uninstall()}
     */
    public static LogCapture install() {
        final LogCapture capture = new LogCapture(System.err);
        System.setErr(capture.stream);
        return capture;
    }

    /**
     * Gives {@code System.err} back.
     */
    public void uninstall() {
        System.err.flush();
        System.setErr(original);
    }

    /**
     * What a run logged.
     *
     * @param seed the run's seed
     * @return its log (empty if it logged nothing)
     */
    public RunLog run(final long seed) {
        return runs.computeIfAbsent(seed, key -> new RunLog());
    }

    @Override
    public void write(final int value) {
        if (value == '\n') {
            final ByteArrayOutputStream buffer = pending.get();
            final String line = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        } else {
            pending.get().write(value);
        }
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    private void line(final String line) {
        final Long seed = RUN.get();
        final Matcher header = HEADER.matcher(line);
        if (header.matches()) {
            final boolean warning = "WARN".equals(header.group(2)) || "ERROR".equals(header.group(2));
            inWarning.set(warning);
            level.set(header.group(2) + " [" + header.group(1) + "]");
            passOn.set(seed == null);
            if (warning && seed != null) {
                run(seed).warning(line);
            }
        } else if (inWarning.get() && seed != null) {
            run(seed).keep(line);
            // the exception of an audit that found a difference (not one whose read failed, by an injected fault)
            if (line.contains(AUDIT_DIFFERENCE_FLOWS) || line.contains(AUDIT_DIFFERENCE_PLAN)
                    || line.contains(AUDIT_DIFFERENCE_SWITCHES)) {
                run(seed).audit();
            }
        }
        InjectedFault.findTags(line, (tagSeed, number) -> {
            run(tagSeed).mention(number, level.get(), line);
            if (inWarning.get()) {
                run(tagSeed).tags.add(number);
            }
        });
        if (passOn.get()) {
            original.println(line);
        } else if (ECHO) {
            original.println("(run " + seed + ") " + line);
        }
    }
}
