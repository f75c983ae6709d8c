/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The patcher on the real jars the distribution assembles (Karaf 4.4.8, Aries Proxy 1.1.14, netconf 9.0.1): every
 * rewrite applies exactly as often as {@code expected-rewrites.txt} says, no {@code Subject.getSubject} call is left,
 * and every rewritten class passes the JVM's verifier.
 */
public final class PinnedJarsRewriteTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static Path assembly;
    private static RewriteCounts expected;
    private static RewriteCounts found;

    @BeforeClass
    public static void patchThePinnedJars() throws IOException {
        PinnedAssembly.assumePresent();
        expected = RewriteCounts.expected();
        assembly = PinnedAssembly.copy(TMP.newFolder("assembly").toPath(), PinnedAssembly.jars());
        found = DistributionPatcher.patch(assembly, expected, TMP.getRoot().toPath().resolve("found.txt"));
    }

    @Test
    public void everyPinnedJarIsExpectedAndEveryExpectedJarIsPinned() throws IOException {
        assertEquals("pinned jars (tools/distribution-patcher/pom.xml) vs jars of expected-rewrites.txt",
            List.copyOf(expected.jars()), PinnedAssembly.jars());
    }

    @Test
    public void everyExpectedRewriteAppliesExactlyAsOftenAsExpected() {
        assertFalse(expected.isEmpty());
        assertEquals(expected.format(), found.format());
    }

    @Test
    public void noSubjectGetSubjectCallIsLeft() throws IOException {
        int current = 0;
        for (var jar : PinnedAssembly.jars()) {
            try (var zip = new ZipFile(assembly.resolve(jar).toFile())) {
                for (var entry : zip.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        final int[] calls = subjectCalls(in.readAllBytes());
                        assertEquals(jar + ": " + entry.getName() + " still calls Subject.getSubject", 0, calls[0]);
                        current += calls[1];
                    }
                }
            }
        }
        final int rewritten = expected.sites().stream().filter(site -> site.rewrite() == Rewrite.SUBJECT_CURRENT)
            .mapToInt(expected::count).sum();
        assertTrue("Subject.current() calls " + current + " < rewritten call sites " + rewritten,
            current >= rewritten && rewritten > 0);
    }

    @Test
    public void rewrittenClassesPassTheJvmVerifier() throws Exception {
        final var urls = new ArrayList<URL>();
        for (var jar : PinnedAssembly.jars()) {
            urls.add(url(assembly.resolve(jar)));
        }
        int verified = 0;
        try (var all = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            for (var site : found.sites()) {
                final var name = site.entry().substring(0, site.entry().length() - ".class".length()).replace('/', '.');
                // each jar's own copy (several Karaf jars embed JaasHelper), its references resolved in all jars
                try (var loader = new JarFirstLoader(url(assembly.resolve(site.jar())), all)) {
                    // Initialising links the class: the JVM verifies it first (VerifyError if it fails).
                    final var loaded = Class.forName(name, true, loader);
                    assertEquals(site.toString(), loader, loaded.getClassLoader());
                } catch (ExceptionInInitializerError e) {
                    // verified and linked; its static initialiser failed outside an OSGi container
                    assertFalse(site + ": " + e, e.getCause() instanceof LinkageError);
                }
                verified++;
            }
        }
        assertEquals(found.sites().size(), verified);
    }

    @Test
    public void ariesProxyVersionIsCappedAt21() throws Exception {
        try (var loader = new URLClassLoader(new URL[] {url(assembly.resolve(PinnedAssembly.ARIES_PROXY))},
                getClass().getClassLoader())) {
            final var proxyUtils = Class.forName("org.apache.aries.proxy.impl.ProxyUtils", true, loader);
            final int version = proxyUtils.getField(ProxyVersionCapRewriter.FIELD).getInt(null);
            assertEquals(Math.min(ProxyVersionCapRewriter.CAP, (int) Double.parseDouble(
                System.getProperty("java.class.version"))), version);
            // Unpatched, this throws "Invalid Java version" on JDK 22 and later.
            assertTrue((Integer) proxyUtils.getMethod("getWeavingJavaVersion").invoke(null) > 0);
        }
    }

    /** Loads the classes of one jar from that jar, everything else from its parent. */
    private static final class JarFirstLoader extends URLClassLoader {
        JarFirstLoader(final URL jar, final ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                final var loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try {
                    return findClass(name);
                } catch (ClassNotFoundException e) {
                    return super.loadClass(name, resolve);
                }
            }
        }
    }

    private static URL url(final Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }

    /** Counts calls of Subject.getSubject(AccessControlContext) [0] and of Subject.current() [1] in a class. */
    private static int[] subjectCalls(final byte[] bytes) {
        final int[] calls = new int[2];
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(final int access, final String name, final String descriptor,
                    final String signature, final String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(final int opcode, final String owner, final String method,
                            final String desc, final boolean isInterface) {
                        if (SubjectCallRewriter.SUBJECT.equals(owner)) {
                            if (SubjectCallRewriter.GET_SUBJECT_DESC.equals(desc)) {
                                calls[0]++;
                            } else if ("current".equals(method)) {
                                calls[1]++;
                            }
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }
}
