/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.jdkcompat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the jars of an assembled Karaf distribution so that it runs on JDK 24 and later, and unchanged on 21, and
 * so that its RESTCONF server refuses bad request bodies with 400 instead of 500.
 *
 * <p>Two JDK rewrites, both harmless on JDK 21:
 * <ul>
 *   <li>every call to {@code Subject.getSubject(AccessControlContext)}, which always throws since JDK 24, becomes
 *       {@code Subject.current()} (JDK 18+), see {@link SubjectCallRewriter};</li>
 *   <li>Aries Proxy's {@code ProxyUtils.JAVA_CLASS_VERSION} is capped at 65 (Java 21), the newest class version its
 *       weaving code knows, see {@link ProxyVersionCapRewriter}.</li>
 * </ul>
 * and netconf 9.0.1's restconf-server-api gets the bad-input rewrites of {@link RestconfInputRewriter} plus the
 * classes they call ({@code StrictInput} and {@code StrictShape} in restconf-server-api, {@code CommitFailures} in
 * restconf-mdsal-spi).
 */
public final class JdkCompatPatcher {
    private static final Logger LOG = Logger.getLogger(JdkCompatPatcher.class.getName());
    private static final byte[] GET_SUBJECT = "getSubject".getBytes(StandardCharsets.US_ASCII);
    private static final String PROXY_UTILS = "org/apache/aries/proxy/impl/ProxyUtils.class";

    private JdkCompatPatcher() {
        // utility class
    }

    /**
     * Patches every jar below the directory given as the first argument.
     *
     * @param args the assembly directory
     * @throws IOException if a jar cannot be read or written
     */
    public static void main(final String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JdkCompatPatcher <assembly directory>");
        }
        final var root = Path.of(args[0]);
        final List<Path> jars;
        try (Stream<Path> files = Files.walk(root)) {
            jars = files.filter(path -> path.toString().endsWith(".jar")).sorted().toList();
        }
        int patchedJars = 0;
        int patchedClasses = 0;
        for (var jar : jars) {
            final int classes = patchJar(jar);
            if (classes > 0) {
                patchedJars++;
                patchedClasses += classes;
                LOG.info(() -> "patched " + classes + " classes in " + root.relativize(jar));
            }
        }
        final int jarCount = patchedJars;
        final int classCount = patchedClasses;
        LOG.info(() -> "JDK compatibility: " + classCount + " classes in " + jarCount + " of " + jars.size()
            + " jars rewritten");
    }

    /**
     * Rewrites one jar in place.
     *
     * @param jar the jar
     * @return the number of classes rewritten, 0 if the jar was left untouched
     * @throws IOException if the jar cannot be read or written
     */
    static int patchJar(final Path jar) throws IOException {
        final var tmp = jar.resolveSibling(jar.getFileName() + ".patching");
        int patched = 0;
        try (var zip = new ZipFile(jar.toFile())) {
            if (!needsPatch(zip)) {
                return 0;
            }
            try (OutputStream out = Files.newOutputStream(tmp); var zos = new ZipOutputStream(out)) {
                final Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    final var entry = entries.nextElement();
                    final byte[] bytes;
                    try (InputStream in = zip.getInputStream(entry)) {
                        bytes = in.readAllBytes();
                    }
                    final Optional<byte[]> rewritten = entry.getName().endsWith(".class")
                        ? patchClass(entry.getName(), bytes) : Optional.empty();
                    final var copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    zos.putNextEntry(copy);
                    if (rewritten.isPresent()) {
                        patched++;
                    }
                    zos.write(rewritten.orElse(bytes));
                    zos.closeEntry();
                }
                for (var added : addedClasses(zip)) {
                    zos.putNextEntry(new ZipEntry(added));
                    zos.write(ownClass(added));
                    zos.closeEntry();
                    patched++;
                }
            }
        }
        if (patched > 0) {
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(tmp);
        }
        return patched;
    }

    /** The classes to add to a jar: none if it is not one RestconfInputRewriter patches, or was patched already. */
    private static List<String> addedClasses(final ZipFile zip) {
        for (var marker : RestconfInputRewriter.ADDED_CLASSES.entrySet()) {
            if (zip.getEntry(marker.getKey()) != null && zip.getEntry(marker.getValue().get(0)) == null) {
                return marker.getValue();
            }
        }
        return List.of();
    }

    private static byte[] ownClass(final String entry) throws IOException {
        try (InputStream in = JdkCompatPatcher.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException(entry + " is missing from the patcher");
            }
            return in.readAllBytes();
        }
    }

    private static boolean needsPatch(final ZipFile zip) throws IOException {
        final List<String> added = addedClasses(zip);
        if (!added.isEmpty()) {
            return true;
        }
        final Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            final var entry = entries.nextElement();
            if (!entry.getName().endsWith(".class")) {
                continue;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                final byte[] bytes = in.readAllBytes();
                if (PROXY_UTILS.equals(entry.getName()) || contains(bytes, GET_SUBJECT)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Rewrites one class if it needs it.
     *
     * @param name the class entry name in its jar
     * @param bytes the class file
     * @return the rewritten class file, or empty if nothing changed
     */
    static Optional<byte[]> patchClass(final String name, final byte[] bytes) {
        if (PROXY_UTILS.equals(name)) {
            return ProxyVersionCapRewriter.rewrite(bytes);
        }
        if (RestconfInputRewriter.concerns(name)) {
            return RestconfInputRewriter.rewrite(name, bytes);
        }
        return contains(bytes, GET_SUBJECT) ? SubjectCallRewriter.rewrite(bytes) : Optional.empty();
    }

    private static boolean contains(final byte[] haystack, final byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1)
            .contains(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
