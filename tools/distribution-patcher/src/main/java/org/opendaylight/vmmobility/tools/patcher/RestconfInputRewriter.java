/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes netconf 9.0.1's RESTCONF server answer bad request bodies with 400 instead of 500.
 *
 * <p>The cause upstream: an RPC body with an unknown leaf, a repeated leaf, a null or an array where a leaf belongs, or
 * a value failing a YANG pattern makes yangtools' {@code JsonParserStream} throw {@code IllegalStateException} or
 * {@code IllegalArgumentException}, and {@code OperationInputBody.toContainerNode} (restconf-server-api 9.0.1) lets it
 * escape as a servlet exception (500), where the data bodies' parsing turns the same exceptions into 400
 * malformed-message; an XML data body without a namespace escapes {@code XmlResourceBody} as a
 * {@code NullPointerException}.
 *
 * <p>Three rewrites in {@code org.opendaylight.restconf.server.api} (restconf-server-api 9.0.1):
 * <ul>
 *   <li>the body-parsing entry points ({@code OperationInputBody.toContainerNode}, {@code ResourceBody
 *       .toNormalizedNode}, {@code ChildBody.toPayload}) turn a {@link RuntimeException} that escapes the parser
 *       (yangtools' {@code IllegalStateException}, {@code IllegalArgumentException}, {@code NullPointerException}
 *       for bodies it cannot map, {@code YangInvalidValueException} for RPC input) into the same 400
 *       malformed-message request error the data path already throws for those exceptions;</li>
 *   <li>every JSON body class passes the body through {@code StrictInput.json} before Gson reads it leniently, and
 *       creates its parser through {@code StrictInput.create}, which remembers the schema for the shape check
 *       ({@code StrictShape}; the yang-patch body is checked as JSON only);</li>
 *   <li>{@code RequestBody.newServerParseException} gives codec errors without a message the parser's message;</li>
 *   <li>restconf-mdsal-spi's {@code RestconfStrategy.decodeException} first passes a commit failure through
 *       {@code CommitFailures.documented}: the data tree's missing-mandatory-leaf refusal becomes 400
 *       missing-element naming the leaf instead of 500 "not committed correctly".</li>
 * </ul>
 */
final class RestconfInputRewriter {
    static final String PACKAGE = "org/opendaylight/restconf/server/api/";
    static final String STRICT_INPUT = PACKAGE + "StrictInput";
    private static final String STRATEGY_PACKAGE = "org/opendaylight/restconf/mdsal/spi/data/";
    private static final String STRATEGY = STRATEGY_PACKAGE + "RestconfStrategy.class";
    private static final String COMMIT_FAILURES = STRATEGY_PACKAGE + "CommitFailures";
    /** MdsalRestconfStrategy.deleteData's commit callback: answers every failed DELETE 500, refusals included. */
    private static final String DELETE_CALLBACK = STRATEGY_PACKAGE + "MdsalRestconfStrategy$1$1.class";
    private static final String REQUEST_EXCEPTION = "org/opendaylight/netconf/databind/RequestException";
    /** A class that marks a jar to patch -> the classes the build adds to that jar. */
    static final Map<String, List<String>> ADDED_CLASSES = Map.of(
        PACKAGE + "OperationInputBody.class", List.of(STRICT_INPUT + ".class", PACKAGE + "StrictShape.class",
            PACKAGE + "StrictShape$JsonNumber.class"),
        STRATEGY, List.of(COMMIT_FAILURES + ".class"));
    private static final String JSON_PARSER_STREAM = "org/opendaylight/yangtools/yang/data/codec/gson/JsonParserStream";
    private static final String REQUEST_BODY = PACKAGE + "RequestBody";
    private static final String INPUT_STREAM_READER_INIT = "(Ljava/io/InputStream;Ljava/nio/charset/Charset;)V";
    private static final String MALFORMED = "newProtocolMalformedMessageServerException";
    private static final String MALFORMED_DESC = "(Lorg/opendaylight/netconf/databind/DatabindPath;Ljava/lang/String;"
        + "Ljava/lang/Exception;)Lorg/opendaylight/netconf/databind/RequestException;";
    private static final String EXCEPTION_ERRORS_DESC =
        "(Lorg/opendaylight/netconf/databind/DatabindContext;Ljava/lang/Exception;)Ljava/util/List;";
    /** Entry point class -> "method name + descriptor"; the DatabindPath is the first argument of each. */
    private static final Map<String, String> ENTRY_POINTS = Map.of(
        PACKAGE + "OperationInputBody.class", "toContainerNode(Lorg/opendaylight/netconf/databind/DatabindPath$"
            + "OperationPath;)Lorg/opendaylight/yangtools/yang/data/api/schema/ContainerNode;",
        PACKAGE + "ResourceBody.class", "toNormalizedNode(Lorg/opendaylight/netconf/databind/DatabindPath$Data;)"
            + "Lorg/opendaylight/yangtools/yang/data/api/schema/NormalizedNode;",
        PACKAGE + "ChildBody.class", "toPayload(Lorg/opendaylight/netconf/databind/DatabindPath$Data;)"
            + "Lorg/opendaylight/restconf/server/api/ChildBody$PrefixAndBody;");

    private RestconfInputRewriter() {
        // utility class
    }

    static boolean concerns(final String entry) {
        return ENTRY_POINTS.containsKey(entry) || isJsonBody(entry) || (REQUEST_BODY + ".class").equals(entry)
            || STRATEGY.equals(entry) || DELETE_CALLBACK.equals(entry);
    }

    private static boolean isJsonBody(final String entry) {
        return entry.startsWith(PACKAGE + "Json") && entry.endsWith("Body.class") && entry.indexOf('$') < 0;
    }

    /**
     * Rewrites a class of restconf-server-api.
     *
     * @param entry the class entry name in its jar
     * @param bytes the class file
     * @return the rewritten class file with its number of rewritten sites, or empty if nothing changed
     */
    static Optional<Rewritten> rewrite(final String entry, final byte[] bytes) {
        final var reader = new ClassReader(bytes);
        final var writer = new ClassWriter(reader, 0);
        final int[] count = {0};
        final String entryPoint = ENTRY_POINTS.get(entry);
        final boolean jsonBody = isJsonBody(entry);
        final boolean requestBody = (REQUEST_BODY + ".class").equals(entry);
        final boolean strategy = STRATEGY.equals(entry);
        final boolean deleteCallback = DELETE_CALLBACK.equals(entry);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;

            @Override
            public void visit(final int version, final int access, final String name, final String signature,
                    final String superName, final String[] interfaces) {
                owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(final int access, final String name, final String descriptor,
                    final String signature, final String[] exceptions) {
                final var next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (entryPoint != null && entryPoint.equals(name + descriptor)) {
                    count[0]++;
                    return new EntryPointGuard(next, owner, descriptor);
                }
                if (jsonBody) {
                    return new StrictJsonInsert(next, count, !entry.endsWith("JsonPatchBody.class"));
                }
                if (requestBody && "newServerParseException".equals(name)) {
                    return new MessageFill(next, count);
                }
                if (deleteCallback && "onFailure".equals(name) && "(Ljava/lang/Throwable;)V".equals(descriptor)) {
                    return new MethodVisitor(Opcodes.ASM9, next) {
                        @Override
                        public void visitMethodInsn(final int opcode, final String methodOwner, final String method,
                                final String methodDescriptor, final boolean isInterface) {
                            if ("completeWith".equals(method)
                                    && ("(L" + REQUEST_EXCEPTION + ";)V").equals(methodDescriptor)) {
                                // request.completeWith(CommitFailures.deleteFailed(exception, cause))
                                count[0]++;
                                super.visitVarInsn(Opcodes.ALOAD, 1);
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, COMMIT_FAILURES, "deleteFailed",
                                    "(L" + REQUEST_EXCEPTION + ";Ljava/lang/Throwable;)L" + REQUEST_EXCEPTION + ";",
                                    false);
                            }
                            super.visitMethodInsn(opcode, methodOwner, method, methodDescriptor, isInterface);
                        }
                    };
                }
                if (strategy && "decodeException".equals(name)) {
                    count[0]++;
                    return new MethodVisitor(Opcodes.ASM9, next) {
                        @Override
                        public void visitCode() {
                            super.visitCode();
                            // failure = CommitFailures.documented(failure)
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, COMMIT_FAILURES, "documented",
                                "(Ljava/lang/Throwable;)Ljava/lang/Throwable;", false);
                            super.visitVarInsn(Opcodes.ASTORE, 0);
                        }
                    };
                }
                return next;
            }
        }, 0);
        return count[0] == 0 ? Optional.empty() : Optional.of(new Rewritten(writer.toByteArray(), count[0]));
    }

    /** Catches a RuntimeException anywhere in the method and throws 400 malformed-message instead. */
    private static final class EntryPointGuard extends MethodVisitor {
        private final String owner;
        private final String pathType;
        private final Label start = new Label();

        EntryPointGuard(final MethodVisitor next, final String owner, final String descriptor) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.pathType = descriptor.substring(2, descriptor.indexOf(';'));
        }

        @Override
        public void visitCode() {
            super.visitCode();
            super.visitLabel(start);
        }

        @Override
        public void visitMaxs(final int maxStack, final int maxLocals) {
            final var end = new Label();
            final var handler = new Label();
            super.visitLabel(end);
            // Appended last: the method's own handlers (stream closing, IOException) keep precedence.
            super.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
            super.visitLabel(handler);
            super.visitFrame(Opcodes.F_FULL, 2, new Object[] {owner, pathType}, 1,
                new Object[] {"java/lang/RuntimeException"});
            super.visitVarInsn(Opcodes.ASTORE, maxLocals);
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitLdcInsn("Invalid input");
            super.visitVarInsn(Opcodes.ALOAD, maxLocals);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STRICT_INPUT, "explain",
                "(Ljava/lang/RuntimeException;)Ljava/lang/Exception;", false);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, REQUEST_BODY, MALFORMED, MALFORMED_DESC, false);
            super.visitInsn(Opcodes.ATHROW);
            super.visitMaxs(Math.max(maxStack, 3), maxLocals + 1);
        }
    }

    /**
     * Before {@code new InputStreamReader(stream, charset)}: stream = StrictInput.json(stream); with schema, the
     * parser is created through StrictInput, which remembers the schema for that check.
     */
    private static final class StrictJsonInsert extends MethodVisitor {
        private final int[] count;
        private final boolean withSchema;

        StrictJsonInsert(final MethodVisitor next, final int[] count, final boolean withSchema) {
            super(Opcodes.ASM9, next);
            this.count = count;
            this.withSchema = withSchema;
        }

        @Override
        public void visitMethodInsn(final int opcode, final String owner, final String name, final String desc,
                final boolean isInterface) {
            if (opcode == Opcodes.INVOKESPECIAL && "java/io/InputStreamReader".equals(owner)
                    && "<init>".equals(name) && INPUT_STREAM_READER_INIT.equals(desc)) {
                count[0]++;
                super.visitInsn(Opcodes.SWAP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, STRICT_INPUT, withSchema ? "json" : "jsonWithoutSchema",
                    "(Ljava/io/InputStream;)Ljava/io/InputStream;", false);
                super.visitInsn(Opcodes.SWAP);
            } else if (withSchema && opcode == Opcodes.INVOKESTATIC && JSON_PARSER_STREAM.equals(owner)
                    && "create".equals(name)) {
                count[0]++;
                super.visitMethodInsn(opcode, STRICT_INPUT, name, desc, false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
        }
    }

    /** After {@code exceptionErrors(databind, exception)}: errors = StrictInput.withMessage(errors, message). */
    private static final class MessageFill extends MethodVisitor {
        private final int[] count;

        MessageFill(final MethodVisitor next, final int[] count) {
            super(Opcodes.ASM9, next);
            this.count = count;
        }

        @Override
        public void visitMethodInsn(final int opcode, final String owner, final String name, final String desc,
                final boolean isInterface) {
            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
            if (opcode == Opcodes.INVOKESTATIC && REQUEST_BODY.equals(owner) && "exceptionErrors".equals(name)
                    && EXCEPTION_ERRORS_DESC.equals(desc)) {
                count[0]++;
                // local 5: the message newServerParseException built ("<what>: <exception message>")
                super.visitVarInsn(Opcodes.ALOAD, 5);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, STRICT_INPUT, "withMessage",
                    "(Ljava/util/List;Ljava/lang/String;)Ljava/util/List;", false);
            }
        }
    }
}
