package org.atiot.agent.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandAckTest {
    private static final Instant RECEIVED = Instant.ofEpochMilli(1_732_500_000_000L);
    private static final Instant DONE = RECEIVED.plusMillis(12);

    /** Verifies the documented layout of an ok acknowledgement and its round trip. */
    @Test
    void okRoundTrip() throws Exception {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("value", 1.0);
        state.put("safe", false);
        CommandAck ack = CommandAck.ok("c-1", "relay1", state, RECEIVED, DONE);

        assertEquals("{\"v\":1,\"id\":\"c-1\",\"actuator\":\"relay1\",\"outcome\":\"ok\",\"state\":{\"value\":1,"
                + "\"safe\":false},\"receivedAt\":1732500000000,\"completedAt\":1732500000012}", ack.toJson());
        CommandAck parsed = CommandAck.parse(ack.toJson());
        assertTrue(parsed.isOk());
        assertEquals("c-1", parsed.id());
        assertEquals(Map.of("value", 1L, "safe", false), parsed.state());
        assertEquals(DONE, parsed.completedAt());
        assertNull(parsed.reason());
    }

    /** Verifies that a rejection without id or actuator round-trips with its reason and cleaned detail. */
    @Test
    void rejectionRoundTrip() throws Exception {
        CommandAck ack = CommandAck.notOk(CommandOutcome.REJECTED, AckReason.MALFORMED, "bad\njson", null, null,
                Map.of(), RECEIVED, DONE);
        CommandAck parsed = CommandAck.parse(ack.toJson());
        assertEquals(CommandOutcome.REJECTED, parsed.outcome());
        assertEquals(AckReason.MALFORMED, parsed.reason());
        assertEquals("bad json", parsed.detail());
        assertNull(parsed.id());
        assertNull(parsed.actuator());
    }

    /** Verifies that broken acknowledgements are refused with a typed error. */
    @Test
    void brokenAcksAreRefused() {
        String ok = CommandAck.ok("c-1", "relay1", Map.of("value", 1L), RECEIVED, DONE).toJson();
        for (String broken : new String[] {
            ok.replace("\"ok\"", "\"maybe\""),
            ok.replace("\"outcome\":\"ok\"", "\"outcome\":\"rejected\""),
            ok.replace("\"outcome\":\"ok\"", "\"outcome\":\"rejected\",\"reason\":\"tired\",\"detail\":\"x\""),
            ok.replace("\"state\":{\"value\":1}", "\"state\":{\"value\":{\"deep\":1}}"),
            ok.replace("\"receivedAt\"", "\"receivedAtt\""),
            ok.replace("\"id\":\"c-1\"", "\"id\":null"),
            ok.replace("\"v\":1", "\"v\":3"),
            "", "{}", "nope"}) {
            assertThrows(CommandFormatException.class, () -> CommandAck.parse(broken), broken);
        }
    }

    /** Verifies that ok() cannot be bypassed and state values are restricted to plain values. */
    @Test
    void factoriesCheckTheirInput() {
        assertThrows(IllegalArgumentException.class, () -> CommandAck.notOk(CommandOutcome.OK,
                AckReason.EXPIRED, "x", "c", "a", Map.of(), RECEIVED, DONE));
        assertThrows(IllegalArgumentException.class, () -> CommandAck.ok("c", "a",
                Map.of("value", Double.NaN), RECEIVED, DONE));
        assertThrows(IllegalArgumentException.class, () -> CommandAck.ok("c", "a",
                Map.of("bad key", 1L), RECEIVED, DONE));
    }
}
