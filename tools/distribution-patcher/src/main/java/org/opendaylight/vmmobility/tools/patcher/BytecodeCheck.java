/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Checks a rewritten class the way a verifier would, without loading the classes it refers to: ASM's data-flow
 * analysis of every method with {@link BasicVerifier} (stack heights, primitive versus reference values, locals,
 * operand kinds of every instruction, {@code maxStack}/{@code maxLocals}). The unit tests load the rewritten classes
 * into the JVM for its full verification.
 */
final class BytecodeCheck {
    private BytecodeCheck() {
        // utility class
    }

    /**
     * Verifies a class file.
     *
     * @param what the class, for the message (jar and entry)
     * @param bytes the class file
     * @throws IllegalStateException naming the class, method and instruction if a method does not verify
     */
    static void verify(final String what, final byte[] bytes) {
        final var node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        for (var method : node.methods) {
            try {
                new Analyzer<>(new BasicVerifier()).analyze(node.name, method);
            } catch (AnalyzerException e) {
                throw new IllegalStateException(what + ": rewritten method " + method.name + method.desc
                    + " does not verify: " + e.getMessage(), e);
            }
        }
    }
}
