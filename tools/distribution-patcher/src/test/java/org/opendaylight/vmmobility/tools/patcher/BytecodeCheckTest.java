/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

public final class BytecodeCheckTest {
    @Test
    public void aMethodPoppingAnEmptyStackIsRefusedByName() {
        final var failure = assertThrows(IllegalStateException.class,
            () -> BytecodeCheck.verify("some.jar: Broken.class", broken()));
        assertTrue(failure.getMessage(), failure.getMessage().startsWith(
            "some.jar: Broken.class: rewritten method run()V does not verify: "));
    }

    @Test
    public void aSoundClassPasses() {
        BytecodeCheck.verify("some.jar: Sound.class", classWith(false));
    }

    private static byte[] broken() {
        return classWith(true);
    }

    /** A class with a static method run()V, which pops an empty stack if broken. */
    private static byte[] classWith(final boolean broken) {
        final var writer = new ClassWriter(0);
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC, broken ? "Broken" : "Sound", null, "java/lang/Object", null);
        final var method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        if (broken) {
            method.visitInsn(Opcodes.POP);
        }
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(1, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
