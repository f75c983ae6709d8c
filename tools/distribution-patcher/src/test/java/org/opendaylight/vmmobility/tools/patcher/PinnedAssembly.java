/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.Assume;

/**
 * The pinned jars the patcher rewrites (copied by the build into {@code target/pinned-assembly}, laid out as in the
 * assembly's {@code system/} folder), and copies and modified copies of them for a test.
 */
final class PinnedAssembly {
    static final String RESTCONF_SERVER_API =
        "system/org/opendaylight/netconf/restconf-server-api/9.0.1/restconf-server-api-9.0.1.jar";
    static final String JAAS_COMMAND =
        "system/org/apache/karaf/jaas/org.apache.karaf.jaas.command/4.4.8/org.apache.karaf.jaas.command-4.4.8.jar";
    static final String ARIES_PROXY =
        "system/org/apache/aries/proxy/org.apache.aries.proxy/1.1.14/org.apache.aries.proxy-1.1.14.jar";

    private PinnedAssembly() {
        // utility class
    }

    static Path root() {
        return Path.of(System.getProperty("pinned.assembly", "target/pinned-assembly"));
    }

    /**
     * Skips the calling test, saying why, unless every jar of the expected rewrites was copied from the local
     * repository (a first build on a new machine builds this module before the distribution puts them there; the
     * distribution's build then checks the same rewrites on the real assembly).
     */
    static void assumePresent() throws IOException {
        final var missing = RewriteCounts.expected().jars().stream()
            .filter(jar -> !Files.exists(root().resolve(jar))).toList();
        Assume.assumeTrue("pinned jars not in the local repository yet, tests on them skipped: " + missing,
            missing.isEmpty());
    }

    /** The names (paths relative to the pinned assembly) of all pinned jars. */
    static List<String> jars() throws IOException {
        final var root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".jar"))
                .map(path -> DistributionPatcher.nameOf(root, path)).sorted().toList();
        }
    }

    /** Copies the given pinned jars into a new assembly below {@code target}. */
    static Path copy(final Path target, final List<String> jars) throws IOException {
        for (var jar : jars) {
            final var to = target.resolve(jar);
            Files.createDirectories(to.getParent());
            Files.copy(root().resolve(jar), to);
        }
        return target;
    }

    /**
     * Replaces a jar of an assembly by a copy whose entry is transformed; a null result removes the entry.
     *
     * @param jar the jar
     * @param entry the entry to change
     * @param change what becomes of the entry's bytes (null: the entry is removed)
     */
    static void modify(final Path jar, final String entry, final UnaryOperator<byte[]> change) throws IOException {
        final var tmp = jar.resolveSibling(jar.getFileName() + ".modified");
        boolean seen = false;
        try (var zip = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(tmp);
                var zos = new ZipOutputStream(out)) {
            for (var it = zip.entries(); it.hasMoreElements();) {
                final var next = it.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(next)) {
                    bytes = in.readAllBytes();
                }
                if (next.getName().equals(entry)) {
                    seen = true;
                    bytes = change.apply(bytes);
                    if (bytes == null) {
                        continue;
                    }
                }
                zos.putNextEntry(new ZipEntry(next.getName()));
                zos.write(bytes);
                zos.closeEntry();
            }
        }
        if (!seen) {
            throw new IllegalArgumentException(entry + " is not in " + jar);
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
