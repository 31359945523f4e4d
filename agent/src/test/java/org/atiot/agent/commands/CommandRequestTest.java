package org.atiot.agent.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandRequestTest {
    private static final Instant ISSUED = Instant.ofEpochMilli(1_732_500_000_000L);
    private static final String VALID = "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1,"
            + "\"issuedAt\":1732500000000,\"expiresAt\":1732500060000}";

    /** Verifies the documented layout and a round trip. */
    @Test
    void roundTrip() throws Exception {
        CommandRequest c = CommandRequest.of("c-1", "relay1", 1, ISSUED, ISSUED.plusSeconds(60));
        assertEquals(VALID, c.toJson());
        CommandRequest parsed = CommandRequest.parse(VALID);
        assertEquals("c-1", parsed.id());
        assertEquals("relay1", parsed.actuator());
        assertEquals(1.0, parsed.value());
        assertEquals(ISSUED, parsed.issuedAt());
        assertEquals(ISSUED.plusSeconds(60), parsed.expiresAt());
        assertEquals(37.5, CommandRequest.parse(VALID.replace("\"value\":1", "\"value\":37.5")).value());
    }

    /** Verifies that booleans are read as a relay's on and off. */
    @Test
    void booleansMeanOneAndZero() throws Exception {
        assertEquals(1.0, CommandRequest.parse(VALID.replace("\"value\":1", "\"value\":true")).value());
        assertEquals(0.0, CommandRequest.parse(VALID.replace("\"value\":1", "\"value\":false")).value());
    }

    /** Verifies that created commands get distinct random ids and the given lifetime. */
    @Test
    void createGivesFreshIds() {
        CommandRequest a = CommandRequest.create("relay1", 1, ISSUED, CommandRequest.DEFAULT_LIFETIME);
        CommandRequest b = CommandRequest.create("relay1", 1, ISSUED, CommandRequest.DEFAULT_LIFETIME);
        assertNotEquals(a.id(), b.id());
        assertEquals(ISSUED.plus(CommandRequest.DEFAULT_LIFETIME), a.expiresAt());
        assertFalse(a.isExpiredAt(a.expiresAt()));
        assertTrue(a.isExpiredAt(a.expiresAt().plusMillis(1)));
    }

    /** Verifies that each schema violation is rejected as malformed, with the member named. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":1,\"expiresAt\":2}|'v'",
        "{\"v\":1,\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":1,\"expiresAt\":2}|'id'",
        "{\"v\":1,\"id\":\"c 1\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":1,\"expiresAt\":2}|'id'",
        "{\"v\":1,\"id\":\"c:1@x\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":1,\"expiresAt\":2}|'id'",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":7,\"value\":1,\"issuedAt\":1,\"expiresAt\":2}|'actuator'",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":\"on\",\"issuedAt\":1,\"expiresAt\":2}|'value'",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":null,\"issuedAt\":1,\"expiresAt\":2}|'value'",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1e400,\"issuedAt\":1,\"expiresAt\":2}|out of range",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":-1,\"expiresAt\":2}|'issuedAt'",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":1.5,\"expiresAt\":2}|'issuedAt'",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":5,\"expiresAt\":5}|after",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":0,\"expiresAt\":86400001}|at most",
        "{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"value\":1,\"issuedAt\":1,\"expiresAt\":2,\"sudo\":1}|'sudo'",
        "[1,2]|JSON",
        "{\"v\":1,|JSON",
        "|empty",
    })
    void violationsAreMalformed(String caseText) {
        String[] parts = caseText.split("\\|");
        String payload = parts[0];
        CommandFormatException e = assertThrows(CommandFormatException.class, () -> CommandRequest.parse(payload));
        assertEquals(AckReason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    }

    /** Verifies that another schema version is told apart from a malformed payload. */
    @Test
    void otherVersionIsUnsupported() {
        CommandFormatException e = assertThrows(CommandFormatException.class,
                () -> CommandRequest.parse(VALID.replace("\"v\":1", "\"v\":2")));
        assertEquals(AckReason.UNSUPPORTED_VERSION, e.reason());
    }

    /** Verifies that oversized and deeply nested payloads are refused without parsing them fully. */
    @Test
    void hostileSizesAreRefused() {
        assertThrows(CommandFormatException.class, () -> CommandRequest.parse("{\"v\":1,\"id\":\""
                + "a".repeat(CommandRequest.MAX_DOCUMENT_CHARS) + "\"}"));
        assertThrows(CommandFormatException.class, () -> CommandRequest.parse("[".repeat(2000)));
        assertThrows(CommandFormatException.class, () -> CommandRequest.parse(null));
    }

    /** Verifies that the id of a broken command is recovered when valid, for correlating the rejection. */
    @Test
    void idIsSalvagedFromBrokenCommands() {
        assertEquals("c-9", CommandRequest.salvageId("{\"id\":\"c-9\",\"value\":\"x\"}"));
        assertNull(CommandRequest.salvageId("{\"id\":\"c 9\"}"));
        assertNull(CommandRequest.salvageId("{\"id\":"));
        assertNull(CommandRequest.salvageId("[\"c-9\"]"));
    }

    /** Verifies that seeded random corruption yields a command or a typed error, never anything else. */
    @Test
    void randomCorruptionNeverEscapes() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            char[] chars = VALID.toCharArray();
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
            }
            String mutated = new String(chars);
            try {
                CommandRequest.parse(mutated);
                CommandRequest.salvageId(mutated);
            } catch (CommandFormatException expected) {
                // the only allowed failure
            } catch (RuntimeException e) {
                fail("input " + mutated + " escaped as " + e, e);
            }
        }
    }

    /** Verifies that invalid members are refused when building a command too. */
    @Test
    void builderSideChecks() {
        assertThrows(IllegalArgumentException.class,
                () -> CommandRequest.of("c-1", "relay 1", 1, ISSUED, ISSUED.plusSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> CommandRequest.of("c-1", "relay1", Double.NaN, ISSUED, ISSUED.plusSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> CommandRequest.create("relay1", 1, ISSUED, Duration.ofDays(2)));
    }
}
