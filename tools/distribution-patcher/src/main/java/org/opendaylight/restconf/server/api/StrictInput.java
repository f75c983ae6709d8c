/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.restconf.server.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendaylight.netconf.databind.ErrorMessage;
import org.opendaylight.netconf.databind.RequestError;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactory;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.model.api.EffectiveStatementInference;

/**
 * Strict input checks that the build adds to netconf 9.0.1's {@code restconf-server-api} bundle (see
 * {@code org.opendaylight.vmmobility.tools.patcher.RestconfInputRewriter}); it lives in that bundle's package.
 *
 * <p>{@link #json(InputStream)} runs before every JSON request body reaches the lenient Gson reader: the body must
 * be valid UTF-8 holding exactly one JSON object that RFC 8259 accepts (no single quotes, comments, unquoted names,
 * NaN, trailing content) and no object may repeat a member name; and the members the schema knows must have their
 * JSON shape ({@link StrictShape}), which yangtools does not insist on (it takes an object for a one-entry list and
 * an array for a leaf). A violation is an {@link IllegalArgumentException} naming the problem (and, for syntax, its
 * line and column), which RESTCONF answers with 400 malformed-message.
 *
 * <p>{@link #withMessage(List, String)} gives an error that a YANG codec raised without a message (a type, length or
 * pattern violation) the parser's message, so that a refusal always says what was wrong.
 */
public final class StrictInput {
    private static final int MAX_DEPTH = 256;
    /** The schema of the body the current thread's RESTCONF request is about to parse. */
    private static final ThreadLocal<StrictShape> SCHEMA = new ThreadLocal<>();

    private final String text;
    private int pos;
    private int depth;

    private StrictInput(final String text) {
        this.text = text;
    }

    /**
     * Creates a JSON parser for data at the root of the schema, remembering the schema for {@link #json(InputStream)}.
     *
     * @param writer where the parser writes
     * @param codecs the codecs
     * @return the parser {@link JsonParserStream#create(NormalizedNodeStreamWriter, JSONCodecFactory)} creates
     */
    public static JsonParserStream create(final NormalizedNodeStreamWriter writer, final JSONCodecFactory codecs) {
        SCHEMA.set(new StrictShape(codecs.modelContext(), null));
        return JsonParserStream.create(writer, codecs);
    }

    /**
     * Creates a JSON parser for data below a schema node, remembering the node for {@link #json(InputStream)}.
     *
     * @param writer where the parser writes
     * @param codecs the codecs
     * @param parent where the body's top-level members are
     * @return the parser {@link JsonParserStream#create(NormalizedNodeStreamWriter, JSONCodecFactory,
     *     EffectiveStatementInference)} creates
     */
    public static JsonParserStream create(final NormalizedNodeStreamWriter writer, final JSONCodecFactory codecs,
            final EffectiveStatementInference parent) {
        final var path = parent.statementPath();
        SCHEMA.set(new StrictShape(parent.modelContext(), path.isEmpty() ? null : path.get(path.size() - 1)));
        return JsonParserStream.create(writer, codecs, parent);
    }

    /**
     * Reads a JSON body and checks it: strict JSON, and, when the parser for it was created through this class, the
     * JSON shape of every member the schema knows (a list is an array of objects, a container an object, a leaf one
     * value, a leaf-list an array of values; a module prefix names a module).
     *
     * @param in the body
     * @return the same bytes, to be parsed as before
     * @throws IllegalArgumentException naming the problem when the body is not strict JSON
     */
    public static InputStream json(final InputStream in) {
        final StrictShape shape = SCHEMA.get();
        SCHEMA.remove();
        final byte[] bytes = read(in);
        final Object tree = new StrictInput(decode(bytes)).document();
        if (shape != null) {
            shape.check(tree);
        }
        return new ByteArrayInputStream(bytes);
    }

    /**
     * Reads a JSON body and checks that it is strict JSON (for bodies whose schema this class does not see).
     *
     * @param in the body
     * @return the same bytes, to be parsed as before
     * @throws IllegalArgumentException naming the problem when the body is not strict JSON
     */
    public static InputStream jsonWithoutSchema(final InputStream in) {
        SCHEMA.remove();
        final byte[] bytes = read(in);
        new StrictInput(decode(bytes)).document();
        return new ByteArrayInputStream(bytes);
    }

    /**
     * Parses strict JSON (for tests).
     *
     * @param text the JSON text
     * @return maps, lists, strings, booleans, {@link StrictShape.JsonNumber}s and {@link StrictShape}'s NULL marker
     */
    static Object tree(final String text) {
        return new StrictInput(text).document();
    }

    private static byte[] read(final InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(final byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the body is not valid UTF-8", e);
        }
    }

    /**
     * Says what a parser exception that RESTCONF let escape means, where its own message does not.
     *
     * @param failure what the parser threw
     * @return the exception to report
     */
    public static Exception explain(final RuntimeException failure) {
        final String message = failure.getMessage();
        if (failure instanceof NullPointerException && message != null && message.contains("docRootNs")) {
            return new IllegalArgumentException("the XML root element has no namespace: give it the module's xmlns",
                failure);
        }
        if (failure instanceof IllegalStateException && message != null
                && message.startsWith("Holder ") && message.endsWith(" has not been completed")) {
            return new IllegalArgumentException("the body holds no data for this resource", failure);
        }
        return failure;
    }

    /**
     * Gives errors without a message the parser's message.
     *
     * @param errors the errors a codec exception carried, or null
     * @param message what the parser said
     * @return the errors, each with a message
     */
    public static List<RequestError> withMessage(final List<RequestError> errors, final String message) {
        if (errors == null) {
            return null;
        }
        return errors.stream()
            .map(error -> error.message() != null ? error : new RequestError(error.type(), error.tag(),
                new ErrorMessage(message), error.appTag(), error.path(), error.info()))
            .toList();
    }

    private Object document() {
        skipSpace();
        if (pos == text.length()) {
            throw problem("the body is empty, a JSON object was expected");
        }
        if (text.charAt(pos) != '{') {
            throw problem("the body must be one JSON object");
        }
        final Object tree = value();
        skipSpace();
        if (pos != text.length()) {
            throw problem("unexpected content after the JSON object");
        }
        return tree;
    }

    private Object value() {
        if (pos == text.length()) {
            throw problem("the body ends where a value was expected");
        }
        final char first = text.charAt(pos);
        return switch (first) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", StrictShape.NULL);
            default -> {
                if (first == '-' || first >= '0' && first <= '9') {
                    final int start = pos;
                    number();
                    yield new StrictShape.JsonNumber(text.substring(start, pos));
                }
                throw problem("unexpected character '" + printable(first) + "' where a value was expected");
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        final var members = new LinkedHashMap<String, Object>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return members;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw problem("a member name in double quotes was expected");
            }
            final int at = pos;
            final String name = string();
            if (members.containsKey(name)) {
                pos = at;
                throw problem("the member \"" + name + "\" appears twice in one object");
            }
            skipSpace();
            expect(':');
            skipSpace();
            members.put(name, value());
            skipSpace();
            final char next = peek();
            pos++;
            if (next == '}') {
                depth--;
                return members;
            }
            if (next != ',') {
                pos--;
                throw problem("',' or '}' was expected after a member");
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++;
        final var elements = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return elements;
        }
        while (true) {
            skipSpace();
            elements.add(value());
            skipSpace();
            final char next = peek();
            pos++;
            if (next == ']') {
                depth--;
                return elements;
            }
            if (next != ',') {
                pos--;
                throw problem("',' or ']' was expected after an array element");
            }
        }
    }

    private String string() {
        final int start = ++pos;
        final var out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start - 1;
                throw problem("a string is not closed");
            }
            final char ch = text.charAt(pos++);
            if (ch == '"') {
                return out.toString();
            }
            if (ch < 0x20) {
                pos--;
                throw problem("a control character must be escaped in a string");
            }
            if (ch != '\\') {
                out.append(ch);
                continue;
            }
            final char esc = peek();
            pos++;
            switch (esc) {
                case '"', '\\', '/' -> out.append(esc);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    pos--;
                    throw problem("invalid escape '\\" + printable(esc) + "' in a string");
                }
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw problem("a \\u escape needs four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            final int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw problem("a \\u escape needs four hex digits");
            }
            code = code * 16 + digit;
        }
        pos += 4;
        return (char) code;
    }

    private void number() {
        final int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            pos = start;
            throw problem("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                pos = start;
                throw problem("invalid number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                pos = start;
                throw problem("invalid number");
            }
        }
    }

    private boolean digits() {
        final int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object literal(final String word, final Object value) {
        if (!text.startsWith(word, pos)) {
            throw problem("unexpected word where a value was expected (strings need double quotes)");
        }
        pos += word.length();
        return value;
    }

    private void expect(final char ch) {
        if (peek() != ch) {
            throw problem("'" + ch + "' was expected");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw problem("the body nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            final char ch = text.charAt(pos);
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
                return;
            }
            pos++;
        }
    }

    private IllegalArgumentException problem(final String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IllegalArgumentException("not strict JSON: " + what + " (line " + line + ", column " + column
            + ")");
    }

    private static String printable(final char ch) {
        return ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\u%04x", (int) ch);
    }
}
