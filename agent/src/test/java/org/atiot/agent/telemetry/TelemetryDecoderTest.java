package org.atiot.agent.telemetry;

import static org.atiot.agent.telemetry.TelemetryFixtures.door;
import static org.atiot.agent.telemetry.TelemetryFixtures.fault;
import static org.atiot.agent.telemetry.TelemetryFixtures.temperature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.atiot.core.AtSign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryDecoderTest {
    private static final String JSON_CHARS = "{}[]\",:0123456789-.enul";
    private static final String VALID = new TelemetryBatch(AtSign.of("@pi01"),
            UUID.fromString("3f0c2a4e-9b1d-4c6e-8f00-1a2b3c4d5e6f"), 2, 0, 1000, 10,
            List.of(temperature(1, 21.5), door(2), fault(3))).toJson();

    /** Verifies that each broken rule gives a typed error naming the member. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"v\":1|\"v\":2|version 2 is not supported",
        "\"v\":1,|\"w\":1,|member 'v'",
        "\"device\":\"@pi01\"|\"device\":\"@pi 01\"|member 'device'",
        "\"device\":\"@pi01\"|\"device\":7|member 'device'",
        "\"boot\":\"3f0c2a4e|\"boot\":\"xf0c2a4e|member 'boot'",
        "\"bootNo\":2|\"bootNo\":0|member 'bootNo'",
        "\"prev\":0|\"prev\":-1|member 'prev'",
        "\"first\":1|\"first\":2|do not match",
        "\"last\":3|\"last\":3.5|member 'last'",
        "\"seq\":2|\"seq\":1|appears twice",
        "\"seq\":2|\"seq\":\"2\"|member 'readings[1].seq'",
        "\"sensor\":\"door\"|\"sensor\":\"do or\"|member 'readings[1].sensor'",
        "\"status\":\"ok\",\"values\":[{\"name\":\"state\"|\"status\":\"maybe\",\"values\":[{\"name\":\"state\"|member 'readings[1].status'",
        "\"reason\":\"device|\"reasons\":\"device|member 'readings[2].reason'",
        "\"value\":1.0|\"value\":\"1\"|member 'readings[1].values[0].value'",
        "\"unit\":\"\"|\"unit\":null|member 'readings[1].values[0].unit'",
        "\"name\":\"state\"|\"name\":\"\"|member 'readings[1].values[0].name'",
        "\"readings\":[|\"readings\":7,\"x\":[|member 'readings'",
    })
    void brokenRuleIsNamed(String find, String replace, String expected) {
        assertTrue(VALID.contains(find), "fixture lacks " + find);
        String broken = VALID.replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replace));
        TelemetryFormatException e = assertThrows(TelemetryFormatException.class,
                () -> TelemetryDecoder.decode(broken));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Verifies that non-batch inputs are refused with a typed error. */
    @Test
    void nonBatchesAreRefused() {
        for (String input : new String[] {null, "", "[]", "null", "{", "{\"v\":1}", "{\"v\":1.0}",
                "{\"v\":1,\"device\":\"@a\"}", "[".repeat(10_000), "x".repeat(TelemetryDecoder.MAX_DOCUMENT_CHARS + 1),
                VALID.replace("\"readings\":[", "\"readings\":[],\"x\":[")}) {
            assertThrows(TelemetryFormatException.class, () -> TelemetryDecoder.decode(input),
                    () -> "accepted " + (input == null ? null : input.substring(0, Math.min(60, input.length()))));
        }
    }

    /** Verifies that unknown members are ignored, so a newer agent can add some. */
    @Test
    void unknownMembersAreIgnored() throws Exception {
        String extended = VALID.replace("\"v\":1,", "\"v\":1,\"site\":\"greenhouse-3\",")
                .replace("\"seq\":1,", "\"seq\":1,\"quality\":{\"a\":[1,2]},");
        assertEquals(TelemetryDecoder.decode(VALID).readings(), TelemetryDecoder.decode(extended).readings());
    }

    /** Verifies that seeded random corruption yields a batch or a typed error, never anything else. */
    @Test
    void randomCorruptionNeverEscapesAsOtherException() {
        Random random = new Random(20261125L);
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            char[] chars = VALID.toCharArray();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                chars[random.nextInt(chars.length)] = (char) (random.nextBoolean() ? random.nextInt(128)
                        : JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())));
            }
            String mutated = random.nextInt(10) == 0
                    ? new String(chars, 0, random.nextInt(chars.length)) : new String(chars);
            try {
                TelemetryDecoder.decode(mutated);
            } catch (TelemetryFormatException expected) {
                refused++;
            } catch (RuntimeException e) {
                fail("input " + mutated + " escaped as " + e, e);
            }
        }
        assertTrue(refused > 2500, "most corruptions must be caught, got " + refused);
    }
}
