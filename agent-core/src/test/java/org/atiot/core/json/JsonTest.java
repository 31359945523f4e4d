package org.atiot.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
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
    }

    @Test
    void writesAndReadsBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote\" back\\ tab\t ctl\u0001");
        m.put("n", 42L);
        m.put("d", 21.5);
        m.put("b", true);
        m.put("z", null);
        m.put("a", Arrays.asList(1L, "x", null));
        String text = Json.write(m);
        assertEquals("{\"s\":\"quote\\\" back\\\\ tab\\t ctl\\u0001\",\"n\":42,\"d\":21.5,\"b\":true,\"z\":null,"
                + "\"a\":[1,\"x\",null]}", text);
        assertEquals(m, Json.parse(text));
    }

    @Test
    void hugeIntegersBecomeDoubles() throws Exception {
        assertEquals(1e30, Json.parse("1000000000000000000000000000000"));
        assertEquals(Long.MAX_VALUE, Json.parse(String.valueOf(Long.MAX_VALUE)));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(JsonException.class, () -> Json.parse(deep));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "\"\\x\"", "\"\\u12\"", "01", "1.", "-", "nul",
        "{\"a\":1} x", "\"unterminated", "\"ctl\u0001\"", "{1:2}", "tru"})
    void malformedDocumentsAreTypedErrors(String text) {
        assertThrows(JsonException.class, () -> Json.parse(text));
    }
}
