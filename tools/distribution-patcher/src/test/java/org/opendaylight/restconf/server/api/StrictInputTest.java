/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.restconf.server.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;
import org.opendaylight.netconf.databind.ErrorMessage;
import org.opendaylight.netconf.databind.RequestError;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;

public class StrictInputTest {
    private static String refusal(final String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(final byte[] body) {
        return assertThrows(IllegalArgumentException.class,
            () -> StrictInput.json(new ByteArrayInputStream(body))).getMessage();
    }

    @Test
    public void wellFormedBodiesPassUnchanged() throws IOException {
        for (String body : List.of("{}", " {\"a\":[1,-2.5e3,true,false,null,\"x\\u00e9\\n\"],\"b\":{\"c\":{}}}\r\n",
                "{\"vm-mobility:vm\":[{\"id\":\"db\",\"home-address\":\"10.0.1.3\"}]}", "{\"a\":\"déb\"}")) {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(body, bytes, StrictInput.json(new ByteArrayInputStream(bytes)).readAllBytes());
        }
    }

    @Test
    public void eachLenientFormIsRefusedNamingTheProblem() {
        assertTrue(refusal("{\"a\":1,\"a\":2}").contains("the member \"a\" appears twice"));
        assertTrue(refusal("{\"a\":{\"b\":1,\"b\":1}}").contains("\"b\" appears twice"));
        assertTrue(refusal("{\"a\":1} {\"b\":2}").contains("unexpected content after the JSON object"));
        assertTrue(refusal("{\"a\":1}garbage").contains("unexpected content after"));
        assertTrue(refusal("{'a':1}").contains("a member name in double quotes was expected"));
        assertTrue(refusal("{\"a\":'x'}").contains("unexpected character '''"));
        assertTrue(refusal("{a:1}").contains("double quotes"));
        assertTrue(refusal("{\"a\":NaN}").contains("unexpected character 'N'"));
        assertTrue(refusal("{\"a\":1,}").contains("a member name in double quotes"));
        assertTrue(refusal("{\"a\":[1,]}").contains("unexpected character ']'"));
        assertTrue(refusal("{\"a\":01}").contains("',' or '}' was expected"));
        assertTrue(refusal("{\"a\":\"x\ty\"}").contains("control character"));
        assertTrue(refusal("{\"a\":\"\\q\"}").contains("invalid escape"));
        assertTrue(refusal("{\"a\":tru}").contains("unexpected word"));
        assertTrue(refusal("{\"a\":1 // c\n}").contains("',' or '}' was expected"));
        assertTrue(refusal("{\"a\":\"open}").contains("a string is not closed"));
        assertTrue(refusal("{\"a\":").contains("ends where a value was expected"));
    }

    @Test
    public void theBodyMustBeOneObjectOfValidUtf8() {
        assertEquals("not strict JSON: the body is empty, a JSON object was expected (line 1, column 1)",
            refusal(""));
        assertTrue(refusal("  \n ").contains("the body is empty"));
        assertTrue(refusal("[{\"a\":1}]").contains("the body must be one JSON object"));
        assertTrue(refusal("\"x\"").contains("the body must be one JSON object"));
        assertEquals("the body is not valid UTF-8",
            refusal(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}));
        assertTrue(refusal("{\"a\":\n  [1 2]}").contains("(line 2, column 6)"));
        assertTrue(refusal("{\"a\":" + "[".repeat(300)).contains("nests deeper than 256"));
    }

    @Test
    public void codecErrorsWithoutAMessageGetTheParsersMessage() {
        final var bare = new RequestError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE, null, null, null, null);
        final var told = new RequestError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE, new ErrorMessage("own"), null,
            null, null);
        final var filled = StrictInput.withMessage(List.of(bare, told), "Error parsing input: port 0 out of range");
        assertEquals(new ErrorMessage("Error parsing input: port 0 out of range"), filled.get(0).message());
        assertEquals(ErrorTag.INVALID_VALUE, filled.get(0).tag());
        assertEquals(told, filled.get(1));
        assertEquals(null, StrictInput.withMessage(null, "x"));
    }
}
