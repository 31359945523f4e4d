package org.atiot.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    /** Verifies the plain-Java model on the shape of a monitor notification. */
    @Test
    void parsesTheNotificationShape() throws Exception {
        Map<String, Object> n = Json.parseObject("{\"id\":\"-1\",\"value\":null,\"epochMillis\":1729733702123,"
                + "\"isEncrypted\":false,\"metadata\":{\"ivNonce\":\"a\\/b\\u00e9\\n\"},\"list\":[1,2.5,-3e2]}");
        assertEquals("-1", n.get("id"));
        assertNull(n.get("value"));
        assertEquals(1729733702123L, n.get("epochMillis"));
        assertEquals(Boolean.FALSE, n.get("isEncrypted"));
        assertEquals("a/b\u00e9\n", JsonFields.optObject(n, "metadata").get("ivNonce"));
        assertEquals(List.of(1L, 2.5, -300.0), n.get("list"));
        assertEquals(List.of("id", "value", "epochMillis", "isEncrypted", "metadata", "list"),
                List.copyOf(n.keySet()), "member order is kept");
    }

    /** Verifies that writing then reading gives the same model, with every escape JSON needs. */
    @Test
    void writesAndReadsBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote\" back\\ tab\t ctl\u0001 nl\n cr\r bs\b ff\f é \uD83C\uDF31");
        m.put("n", 42L);
        m.put("d", 21.5);
        m.put("b", true);
        m.put("z", null);
        m.put("a", Arrays.asList(1L, "x", null));
        m.put("o", Map.of());
        String text = Json.write(m);
        assertEquals("{\"s\":\"quote\\\" back\\\\ tab\\t ctl\\u0001 nl\\n cr\\r bs\\b ff\\f é \uD83C\uDF31\","
                + "\"n\":42,\"d\":21.5,\"b\":true,\"z\":null,\"a\":[1,\"x\",null],\"o\":{}}", text);
        assertEquals(m, Json.parse(text));
    }

    /** Verifies surrogate pairs written as escapes, and whitespace around tokens. */
    @Test
    void unicodeEscapesAndWhitespace() throws Exception {
        assertEquals("\uD83C\uDF31", Json.parse(" \"\\ud83c\\udf31\" "));
        assertEquals(List.of(), Json.parse("\t[ \r\n ]\n"));
    }

    /** Verifies number handling: integers as Long, out-of-long integers as Double, bounds enforced. */
    @Test
    void numbers() throws Exception {
        assertEquals(Long.MAX_VALUE, Json.parse(String.valueOf(Long.MAX_VALUE)));
        assertEquals(Long.MIN_VALUE, Json.parse(String.valueOf(Long.MIN_VALUE)));
        assertEquals(1e30, Json.parse("1000000000000000000000000000000"));
        assertEquals(0L, Json.parse("-0"));
        assertEquals(1.5e-300, Json.parse("1.5e-300"));
        assertThrows(JsonException.class, () -> Json.parse("1e400"), "beyond double range");
        assertThrows(JsonException.class, () -> Json.parse("-1e400"));
        assertThrows(JsonException.class, () -> Json.parse("9".repeat(Json.MAX_NUMBER_LENGTH + 1)));
        assertEquals(1e255, (Double) Json.parse("1" + "0".repeat(255)), 1e240);
    }

    /** Verifies that a million brackets is a typed error, not a StackOverflowError. */
    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        String deepObjects = "{\"a\":".repeat(Json.MAX_DEPTH + 2) + "1" + "}".repeat(Json.MAX_DEPTH + 2);
        assertThrows(JsonException.class, () -> Json.parse(deepObjects));
    }

    /** Verifies that two members with one name are refused (readers disagree on which wins). */
    @Test
    void duplicateNamesAreRefused() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\":1,\"b\":2,\"a\":3}"));
        assertTrue(e.getMessage().contains("duplicate member name 'a'"), e.getMessage());
        assertEquals(13, e.offset());
    }

    /** Verifies that every truncation of a valid document is a typed error with an offset inside the text. */
    @Test
    void everyTruncationIsATypedError() {
        String doc = "{\"id\":\"x\",\"n\":[1,-2.5e3,true,false,null],\"o\":{\"s\":\"\\u00e9\\n\"}}";
        for (int cut = 0; cut < doc.length(); cut++) {
            String part = doc.substring(0, cut);
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(part), part);
            assertTrue(e.offset() >= 0 && e.offset() <= cut, part + " -> " + e.getMessage());
        }
    }

    /** Verifies that random bytes never escape as anything but JsonException (seeded, so reproducible). */
    @Test
    void randomGarbageOnlyEverGivesJsonException() {
        Random random = new Random(42);
        String alphabet = "{}[]:,\"\\/ntrfue0123456789.-+Eabu \t\n\u0000\u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                Json.parse(sb.toString());
            } catch (JsonException expected) {
                // the only acceptable failure
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "[1 2]", "\"\\x\"", "\"\\u12\"",
        "\"\\u12g4\"", "\"\\", "01", "1.", ".5", "1e", "1e+", "-", "+1", "nul", "NaN", "Infinity", "{\"a\":1} x",
        "\"unterminated", "\"ctl\u0001\"", "{1:2}", "{a:1}", "tru", "'single'", "[1]]", "{\"a\" 1}"})
    void malformedDocumentsAreTypedErrors(String text) {
        assertThrows(JsonException.class, () -> Json.parse(text));
    }

    /** Verifies that parseObject insists on an object and that null text is an error, not an NPE. */
    @Test
    void parseObjectNeedsAnObject() {
        assertThrows(JsonException.class, () -> Json.parseObject("[1]"));
        assertThrows(JsonException.class, () -> Json.parse(null));
    }

    /** Verifies typed member reads and that their errors name the member, without a misleading offset. */
    @Test
    void fieldsAreTypedAndErrorsNameTheMember() throws Exception {
        Map<String, Object> o = Json.parseObject("{\"s\":\"x\",\"n\":5,\"b\":true,\"o\":{},\"a\":[],\"d\":1.5}");
        assertEquals("x", JsonFields.string(o, "s"));
        assertNull(JsonFields.optString(o, "missing"));
        assertEquals(5L, JsonFields.number(o, "n"));
        assertTrue(JsonFields.optBoolean(o, "b", false));
        assertTrue(JsonFields.optBoolean(o, "missing", true));
        assertEquals(Map.of(), JsonFields.optObject(o, "o"));
        assertEquals(List.of(), JsonFields.optArray(o, "a"));

        JsonException missing = assertThrows(JsonException.class, () -> JsonFields.string(o, "nope"));
        assertEquals("member 'nope' is missing", missing.getMessage());
        assertEquals(-1, missing.offset());
        assertEquals("member 'n' must be a string",
                assertThrows(JsonException.class, () -> JsonFields.string(o, "n")).getMessage());
        assertThrows(JsonException.class, () -> JsonFields.number(o, "d"));
        assertThrows(JsonException.class, () -> JsonFields.optBoolean(o, "s", false));
        assertThrows(JsonException.class, () -> JsonFields.optObject(o, "a"));
        assertThrows(JsonException.class, () -> JsonFields.optArray(o, "o"));
    }

    /** Verifies that values JSON cannot carry are written as null or refused. */
    @Test
    void unwritableValues() {
        assertEquals("[null,null]", Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
