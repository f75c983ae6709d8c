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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of one jar in place and counts the sites it rewrote. Every rewritten class is checked by
 * {@link BytecodeCheck} before it is written. A rewritten jar gets a {@value #RECORD} entry with its counts, so that
 * running the patcher again on the same jar rewrites nothing and reports the counts of the first run.
 */
final class JarRewriter {
    /** The entry a rewritten jar records its counts in. */
    static final String RECORD = "META-INF/vmmobility-distribution-patcher.txt";
    private static final byte[] GET_SUBJECT = "getSubject".getBytes(StandardCharsets.US_ASCII);
    private static final String PROXY_UTILS = "org/apache/aries/proxy/impl/ProxyUtils.class";

    private JarRewriter() {
        // utility class
    }

    /**
     * Rewrites one jar in place.
     *
     * @param jar the jar
     * @param name the jar's name in the counts (its path relative to the assembly)
     * @return the sites rewritten, empty if the jar was left untouched
     * @throws IOException if the jar cannot be read or written
     * @throws IllegalStateException if a rewritten class does not verify
     */
    static RewriteCounts rewrite(final Path jar, final String name) throws IOException {
        final var tmp = jar.resolveSibling(jar.getFileName() + ".patching");
        final var found = new RewriteCounts();
        try (var zip = new ZipFile(jar.toFile())) {
            final var record = zip.getEntry(RECORD);
            if (record != null) {
                return recorded(zip, record, name);
            }
            if (!needsPatch(zip)) {
                return found;
            }
            try (OutputStream out = Files.newOutputStream(tmp); var zos = new ZipOutputStream(out)) {
                final Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    final var entry = entries.nextElement();
                    final byte[] bytes;
                    try (InputStream in = zip.getInputStream(entry)) {
                        bytes = in.readAllBytes();
                    }
                    final var copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    zos.putNextEntry(copy);
                    zos.write(rewriteEntry(name, entry.getName(), bytes, found));
                    zos.closeEntry();
                }
                for (var added : addedClasses(zip)) {
                    zos.putNextEntry(new ZipEntry(added));
                    zos.write(ownClass(added));
                    zos.closeEntry();
                    found.add(new RewriteSite(name, added, Rewrite.ADDED_CLASS), 1);
                }
                if (!found.isEmpty()) {
                    zos.putNextEntry(new ZipEntry(RECORD));
                    zos.write(found.format().getBytes(StandardCharsets.UTF_8));
                    zos.closeEntry();
                }
            }
        }
        if (found.isEmpty()) {
            Files.deleteIfExists(tmp);
        } else {
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return found;
    }

    private static byte[] rewriteEntry(final String jar, final String entry, final byte[] bytes,
            final RewriteCounts found) {
        if (!entry.endsWith(".class")) {
            return bytes;
        }
        final Rewrite kind = kindOf(entry, bytes);
        if (kind == null) {
            return bytes;
        }
        final Optional<Rewritten> rewritten = switch (kind) {
            case PROXY_VERSION_CAP -> ProxyVersionCapRewriter.rewrite(bytes);
            case RESTCONF_INPUT -> RestconfInputRewriter.rewrite(entry, bytes);
            case SUBJECT_CURRENT -> SubjectCallRewriter.rewrite(bytes);
            case ADDED_CLASS -> throw new IllegalStateException("not a rewrite of an existing class");
        };
        if (rewritten.isEmpty()) {
            return bytes;
        }
        final byte[] result = rewritten.orElseThrow().bytes();
        BytecodeCheck.verify(jar + ": " + entry, result);
        found.add(new RewriteSite(jar, entry, kind), rewritten.orElseThrow().sites());
        return result;
    }

    /** The rewrite that concerns a class, or null if none does. */
    private static Rewrite kindOf(final String entry, final byte[] bytes) {
        if (PROXY_UTILS.equals(entry)) {
            return Rewrite.PROXY_VERSION_CAP;
        }
        if (RestconfInputRewriter.concerns(entry)) {
            return Rewrite.RESTCONF_INPUT;
        }
        return contains(bytes, GET_SUBJECT) ? Rewrite.SUBJECT_CURRENT : null;
    }

    /** The counts a jar rewritten by an earlier run recorded, under the jar's current name. */
    private static RewriteCounts recorded(final ZipFile zip, final ZipEntry record, final String name)
            throws IOException {
        final String text;
        try (InputStream in = zip.getInputStream(record)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final var result = new RewriteCounts();
        final var earlier = RewriteCounts.parse(text);
        for (var site : earlier.sites()) {
            result.add(new RewriteSite(name, site.entry(), site.rewrite()), earlier.count(site));
        }
        return result;
    }

    /** The classes to add to a jar: none if it is not one RestconfInputRewriter patches, or has them already. */
    private static List<String> addedClasses(final ZipFile zip) {
        for (var marker : RestconfInputRewriter.ADDED_CLASSES.entrySet()) {
            if (zip.getEntry(marker.getKey()) != null && zip.getEntry(marker.getValue().get(0)) == null) {
                return marker.getValue();
            }
        }
        return List.of();
    }

    private static byte[] ownClass(final String entry) throws IOException {
        try (InputStream in = JarRewriter.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException(entry + " is missing from the patcher");
            }
            return in.readAllBytes();
        }
    }

    private static boolean needsPatch(final ZipFile zip) throws IOException {
        if (!addedClasses(zip).isEmpty()) {
            return true;
        }
        final Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            final var entry = entries.nextElement();
            if (!entry.getName().endsWith(".class")) {
                continue;
            }
            if (PROXY_UTILS.equals(entry.getName()) || RestconfInputRewriter.concerns(entry.getName())) {
                return true;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                if (contains(in.readAllBytes(), GET_SUBJECT)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(final byte[] haystack, final byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1)
            .contains(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
