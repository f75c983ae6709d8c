/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Rewrites the jars of an assembled Karaf distribution, then checks that every rewrite it is pinned to applied exactly
 * as often as expected; it fails (an exception: a Maven build failure, a non-zero exit on the command line) naming
 * each jar, class, expected and found count that differ.
 *
 * <p>JDK 24+ compatibility, both harmless on JDK 21:
 * <ul>
 *   <li>every call to {@code Subject.getSubject(AccessControlContext)}, which always throws since JDK 24, becomes
 *       {@code Subject.current()} (JDK 18+), see {@link SubjectCallRewriter};</li>
 *   <li>Aries Proxy's {@code ProxyUtils.JAVA_CLASS_VERSION} is capped at 65 (Java 21), the newest class version its
 *       weaving code knows, see {@link ProxyVersionCapRewriter}.</li>
 * </ul>
 * and netconf 9.0.1's RESTCONF bad-input fixes: the rewrites of {@link RestconfInputRewriter} plus the classes they
 * call ({@code StrictInput} and {@code StrictShape} in restconf-server-api, {@code CommitFailures} in
 * restconf-mdsal-spi).
 *
 * <p>The expected counts are the resource {@value RewriteCounts#EXPECTED}, measured on the pinned jars: after an
 * upgrade of a patched artifact, re-measure them (README, "Upgrading netconf (or other patched artifacts)").
 */
public final class DistributionPatcher {
    private static final Logger LOG = Logger.getLogger(DistributionPatcher.class.getName());

    private DistributionPatcher() {
        // utility class
    }

    /**
     * Patches every jar below the assembly directory and checks the rewrites against the expected counts.
     *
     * @param args the assembly directory, and optionally a file to write the found counts to (in the form of
     *     {@value RewriteCounts#EXPECTED})
     * @throws IOException if a jar cannot be read or written
     * @throws IllegalStateException if the rewrites differ from the expected ones, or a rewritten class does not
     *     verify
     */
    public static void main(final String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: DistributionPatcher <assembly directory> [<found counts file>]");
        }
        final var found = patch(Path.of(args[0]), RewriteCounts.expected(), args.length == 2 ? Path.of(args[1]) : null);
        LOG.info(() -> "distribution patcher: " + found.total() + " rewrites in " + found.jars().size()
            + " jars, as expected");
    }

    /**
     * Patches every jar below a directory and checks the rewrites.
     *
     * @param root the assembly directory
     * @param expected the expected counts
     * @param foundFile where to write the found counts, or null
     * @return the found counts, equal to the expected ones
     * @throws IOException if a jar cannot be read or written
     * @throws IllegalStateException if the rewrites differ from the expected ones, or a rewritten class does not
     *     verify
     */
    static RewriteCounts patch(final Path root, final RewriteCounts expected, final Path foundFile)
            throws IOException {
        final List<Path> jars;
        try (Stream<Path> files = Files.walk(root)) {
            jars = files.filter(path -> path.toString().endsWith(".jar")).sorted().toList();
        }
        final var expectedJars = expected.jars();
        final var found = new RewriteCounts();
        final Map<String, Set<String>> jarEntries = new HashMap<>();
        for (var jar : jars) {
            final String name = nameOf(root, jar);
            final var rewritten = JarRewriter.rewrite(jar, name);
            if (!rewritten.isEmpty()) {
                LOG.info(() -> "rewrote " + rewritten.total() + " sites in " + rewritten.sites().size()
                    + " classes of " + name);
            }
            found.addAll(rewritten);
            if (expectedJars.contains(name)) {
                jarEntries.put(name, entries(jar));
            }
        }
        if (foundFile != null) {
            Files.writeString(foundFile, found.format(), StandardCharsets.UTF_8);
        }
        final var mismatches = RewriteCheck.mismatches(expected, found, jarEntries);
        if (!mismatches.isEmpty()) {
            final var message = mismatches.size() + " rewrite counts of " + root + " differ from the expected ones ("
                + RewriteCounts.EXPECTED + " of tools/distribution-patcher"
                + (foundFile == null ? "" : "; found counts in " + foundFile)
                + "; README, \"Upgrading netconf (or other patched artifacts)\"):\n  "
                + String.join("\n  ", mismatches);
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
        return found;
    }

    /** A jar's path relative to the assembly, with {@code /}. */
    static String nameOf(final Path root, final Path jar) {
        final var relative = root.relativize(jar);
        return Stream.iterate(0, i -> i < relative.getNameCount(), i -> i + 1)
            .map(i -> relative.getName(i).toString()).collect(Collectors.joining("/"));
    }

    private static Set<String> entries(final Path jar) throws IOException {
        try (var zip = new ZipFile(jar.toFile())) {
            return Collections.unmodifiableSet(zip.stream().map(entry -> entry.getName()).collect(Collectors.toSet()));
        }
    }
}
