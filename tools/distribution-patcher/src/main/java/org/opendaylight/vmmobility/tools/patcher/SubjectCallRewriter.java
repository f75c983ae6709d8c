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
 * Replaces {@code Subject.getSubject(AccessControlContext)} (always throws since JDK 24) with
 * {@code Subject.current()} (JDK 18+): the context argument is popped and the current subject is returned instead.
 */
final class SubjectCallRewriter {
    static final String SUBJECT = "javax/security/auth/Subject";
    static final String GET_SUBJECT_DESC = "(Ljava/security/AccessControlContext;)Ljavax/security/auth/Subject;";
    static final String CURRENT_DESC = "()Ljavax/security/auth/Subject;";

    private SubjectCallRewriter() {
        // utility class
    }

    /**
     * Rewrites a class.
     *
     * @param bytes the class file
     * @return the rewritten class file with its number of rewritten sites, or empty if it has no such call
     */
    static Optional<Rewritten> rewrite(final byte[] bytes) {
        final var reader = new ClassReader(bytes);
        final var writer = new ClassWriter(reader, 0);
        final int[] count = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(final int access, final String name, final String descriptor,
                    final String signature, final String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9,
                        super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(final int opcode, final String owner, final String method,
                            final String desc, final boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && SUBJECT.equals(owner) && "getSubject".equals(method)
                                && GET_SUBJECT_DESC.equals(desc)) {
                            count[0]++;
                            super.visitInsn(Opcodes.POP);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, SUBJECT, "current", CURRENT_DESC, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return count[0] == 0 ? Optional.empty() : Optional.of(new Rewritten(writer.toByteArray(), count[0]));
    }
}
