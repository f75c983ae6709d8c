/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Caps Aries Proxy's {@code ProxyUtils.JAVA_CLASS_VERSION} at {@value #CAP} (Java 21) in its static initialiser, so
 * that {@code getWeavingJavaVersion()} no longer throws "Invalid Java version" on a newer JDK. On JDK 21 the value is
 * already 65 and nothing changes.
 */
final class ProxyVersionCapRewriter {
    static final int CAP = 65;
    static final String FIELD = "JAVA_CLASS_VERSION";

    private ProxyVersionCapRewriter() {
        // utility class
    }

    /**
     * Rewrites ProxyUtils.
     *
     * @param bytes the class file
     * @return the rewritten class file with its number of rewritten sites, or empty if the field was not assigned
     */
    static Optional<Rewritten> rewrite(final byte[] bytes) {
        final var reader = new ClassReader(bytes);
        final var writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        final int[] count = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(final int access, final String name, final String descriptor,
                    final String signature, final String[] exceptions) {
                final var delegate = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!"<clinit>".equals(name)) {
                    return delegate;
                }
                return new MethodVisitor(Opcodes.ASM9, delegate) {
                    @Override
                    public void visitFieldInsn(final int opcode, final String owner, final String field,
                            final String desc) {
                        if (opcode == Opcodes.PUTSTATIC && FIELD.equals(field)) {
                            if ("Ljava/lang/Integer;".equals(desc)) {
                                count[0]++;
                                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I",
                                    false);
                                capInt();
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf",
                                    "(I)Ljava/lang/Integer;", false);
                            } else if ("I".equals(desc)) {
                                count[0]++;
                                capInt();
                            }
                        }
                        super.visitFieldInsn(opcode, owner, field, desc);
                    }

                    private void capInt() {
                        super.visitIntInsn(Opcodes.BIPUSH, CAP);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "min", "(II)I", false);
                    }
                };
            }
        }, 0);
        return count[0] == 0 ? Optional.empty() : Optional.of(new Rewritten(writer.toByteArray(), count[0]));
    }
}
