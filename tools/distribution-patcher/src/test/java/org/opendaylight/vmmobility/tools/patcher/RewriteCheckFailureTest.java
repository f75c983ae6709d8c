/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A pinned jar that lacks what the patcher expects to rewrite (as after an upgrade of netconf or Karaf) fails the
 * check with a message naming the jar, the class, the rewrite, the expected and the found count.
 */
public final class RewriteCheckFailureTest {
    private static final String WHOAMI = "org/apache/karaf/jaas/command/WhoamiCommand.class";
    private static final String JSON_OPERATION_INPUT =
        "org/opendaylight/restconf/server/api/JsonOperationInputBody.class";
    private static final String JSON_PATCH = "org/opendaylight/restconf/server/api/JsonPatchBody.class";

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aClassWithoutItsCallSiteFails() throws IOException {
        final var root = assemblyOf(PinnedAssembly.JAAS_COMMAND);
        // the call site removed: the class as it is after the rewrite
        PinnedAssembly.modify(root.resolve(PinnedAssembly.JAAS_COMMAND), WHOAMI,
            bytes -> SubjectCallRewriter.rewrite(bytes).orElseThrow().bytes());
        assertEquals(List.of(PinnedAssembly.JAAS_COMMAND + ": " + WHOAMI + ": subject-current: expected 1 rewrites,"
            + " found 0"), mismatches(root, PinnedAssembly.JAAS_COMMAND));
    }

    @Test
    public void aRestconfClassWithOneCallSiteLessFails() throws IOException {
        final var root = assemblyOf(PinnedAssembly.RESTCONF_SERVER_API);
        // JsonParserStream.create no longer called (as if netconf created its parser another way)
        PinnedAssembly.modify(root.resolve(PinnedAssembly.RESTCONF_SERVER_API), JSON_OPERATION_INPUT,
            RewriteCheckFailureTest::withoutParserCreate);
        assertEquals(List.of(PinnedAssembly.RESTCONF_SERVER_API + ": " + JSON_OPERATION_INPUT
            + ": restconf-input: expected 2 rewrites, found 1"), mismatches(root, PinnedAssembly.RESTCONF_SERVER_API));
    }

    @Test
    public void aMissingClassFails() throws IOException {
        final var root = assemblyOf(PinnedAssembly.RESTCONF_SERVER_API);
        PinnedAssembly.modify(root.resolve(PinnedAssembly.RESTCONF_SERVER_API), JSON_PATCH, bytes -> null);
        assertEquals(List.of(PinnedAssembly.RESTCONF_SERVER_API + ": " + JSON_PATCH
            + ": restconf-input: class missing from the jar (expected 1 rewrites, found 0)"),
            mismatches(root, PinnedAssembly.RESTCONF_SERVER_API));
    }

    @Test
    public void anUpgradedJarFailsAsMissingAndUnexpected() throws IOException {
        final var root = assemblyOf(PinnedAssembly.RESTCONF_SERVER_API);
        final var upgraded = PinnedAssembly.RESTCONF_SERVER_API.replace("9.0.1", "9.0.2");
        Files.createDirectories(root.resolve(upgraded).getParent());
        Files.move(root.resolve(PinnedAssembly.RESTCONF_SERVER_API), root.resolve(upgraded));
        final var messages = mismatches(root, PinnedAssembly.RESTCONF_SERVER_API);
        assertEquals(PinnedAssembly.RESTCONF_SERVER_API + ": jar missing from the assembly (expected 15 rewrites in"
            + " it)", messages.get(0));
        assertTrue(messages.toString(), messages.contains(upgraded + ": " + JSON_PATCH
            + ": restconf-input: expected 0 rewrites, found 1"));
    }

    @Test
    public void anUnexpectedRewriteFails() throws IOException {
        final var root = assemblyOf(PinnedAssembly.JAAS_COMMAND);
        final var expected = RewriteCounts.parse(RewriteCounts.expected().ofJar(PinnedAssembly.JAAS_COMMAND).format()
            .lines().filter(line -> !line.contains(WHOAMI)).map(line -> line + "\n").reduce("", String::concat));
        final var failure = assertThrows(IllegalStateException.class,
            () -> DistributionPatcher.patch(root, expected, null));
        assertTrue(failure.getMessage(), failure.getMessage().endsWith("\n  " + PinnedAssembly.JAAS_COMMAND + ": "
            + WHOAMI + ": subject-current: expected 0 rewrites, found 1"));
    }

    @Test
    public void aRerunOnPatchedJarsReportsTheSameCounts() throws IOException {
        final var root = assemblyOf(PinnedAssembly.RESTCONF_SERVER_API);
        final var expected = RewriteCounts.expected().ofJar(PinnedAssembly.RESTCONF_SERVER_API);
        final var first = DistributionPatcher.patch(root, expected, null);
        final var again = DistributionPatcher.patch(root, expected, null);
        assertEquals(expected.format(), first.format());
        assertEquals(first.format(), again.format());
    }

    private Path assemblyOf(final String jar) throws IOException {
        PinnedAssembly.assumePresent();
        return PinnedAssembly.copy(tmp.newFolder().toPath(), List.of(jar));
    }

    /** The check's messages when the assembly is patched against the expected counts of one jar. */
    private static List<String> mismatches(final Path root, final String jar) throws IOException {
        final var failure = assertThrows(IllegalStateException.class,
            () -> DistributionPatcher.patch(root, RewriteCounts.expected().ofJar(jar), null));
        final var lines = failure.getMessage().split("\n  ");
        assertTrue(lines[0], lines[0].contains("differ from the expected ones"));
        return List.of(lines).subList(1, lines.length);
    }

    private static byte[] withoutParserCreate(final byte[] bytes) {
        final var reader = new ClassReader(bytes);
        final var writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(final int access, final String name, final String descriptor,
                    final String signature, final String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                        exceptions)) {
                    @Override
                    public void visitMethodInsn(final int opcode, final String owner, final String method,
                            final String desc, final boolean isInterface) {
                        super.visitMethodInsn(opcode, "create".equals(method) ? "org/example/OtherParser" : owner,
                            method, desc, isInterface);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
