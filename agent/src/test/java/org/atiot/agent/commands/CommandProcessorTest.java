package org.atiot.agent.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.atiot.core.AtSign;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandProcessorTest {
    private static final AtSign OPERATOR = AtSign.of("@operator");
    private static final AtSign TECHNICIAN = AtSign.of("@technician");
    private static final AtSign STRANGER = AtSign.of("@mallory");
    private static final Instant NOW = Instant.ofEpochMilli(1_732_500_000_000L);

    private final AtomicLong nanos = new AtomicLong(10_000_000_000L);
    private final Map<String, Instant> seen = new HashMap<>();
    private final List<CommandAuditRecord> audit = new ArrayList<>();
    private ReplayGuard replayGuard = (key, expiresAt) -> seen.putIfAbsent(key, expiresAt) == null;
    private AuditTrail auditTrail = audit::add;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private TestRelay relay;
    private TestRelay fan;

    @BeforeEach
    void setUp() {
        relay = new TestRelay("relay1", Duration.ofSeconds(5), nanos::get);
        fan = new TestRelay("fan", Duration.ZERO, nanos::get);
    }

    private CommandProcessor processor() {
        return CommandProcessor.builder(replayGuard, auditTrail).clock(clock)
                .actuator(relay, Set.of(OPERATOR))
                .actuator(fan, Set.of(OPERATOR, TECHNICIAN))
                .build();
    }

    private static String command(String id, String actuator, double value) {
        return CommandRequest.of(id, actuator, value, NOW.minusSeconds(1), NOW.plusSeconds(60)).toJson();
    }

    /** Verifies that a valid command switches the relay and is acknowledged with the new state and audited. */
    @Test
    void validCommandSwitchesRelay() {
        CommandAck ack = processor().process(OPERATOR, command("c-1", "relay1", 1), NOW);

        assertTrue(ack.isOk(), ack.toString());
        assertEquals("c-1", ack.id());
        assertEquals("relay1", ack.actuator());
        assertEquals(Map.of("value", 1L), ack.state());
        assertEquals(NOW, ack.receivedAt());
        assertEquals(1.0, relay.value());
        assertEquals(1, audit.size());
        CommandAuditRecord record = audit.get(0);
        assertEquals("@operator", record.from());
        assertEquals("c-1", record.commandId());
        assertEquals("relay1", record.actuator());
        assertEquals(1.0, record.value());
        assertEquals(CommandOutcome.OK, record.outcome());
        assertNull(record.reason());
    }

    /** Verifies that a stranger is rejected without learning whether the actuator exists. */
    @Test
    void strangerIsRejectedAndAudited() {
        CommandProcessor processor = processor();
        CommandAck known = processor.process(STRANGER, command("c-1", "relay1", 1), NOW);
        CommandAck unknown = processor.process(STRANGER, command("c-2", "boiler", 1), NOW);

        assertEquals(AckReason.NOT_ALLOWED, known.reason());
        assertEquals(AckReason.NOT_ALLOWED, unknown.reason());
        assertEquals(known.detail(), unknown.detail());
        assertTrue(known.state().isEmpty(), "a stranger must not see the actuator's state");
        assertEquals(0.0, relay.value());
        assertEquals(0, relay.writes());
        assertEquals(2, audit.size());
        assertEquals(CommandOutcome.REJECTED, audit.get(0).outcome());
        assertEquals("@mallory", audit.get(0).from());
    }

    /** Verifies the per-actuator allow-list: allowed on the fan does not mean allowed on the relay. */
    @Test
    void allowListIsPerActuator() {
        CommandProcessor processor = processor();
        CommandAck relayAck = processor.process(TECHNICIAN, command("c-1", "relay1", 1), NOW);
        CommandAck fanAck = processor.process(TECHNICIAN, command("c-2", "fan", 1), NOW);

        assertEquals(AckReason.NOT_ALLOWED, relayAck.reason());
        assertTrue(relayAck.detail().contains("relay1"), relayAck.detail());
        assertTrue(fanAck.isOk(), fanAck.toString());
        assertEquals(0.0, relay.value());
    }

    /** Verifies that a replayed command id is rejected, audited and not executed again. */
    @Test
    void replayedCommandIsRejected() {
        CommandProcessor processor = processor();
        String payload = command("c-1", "fan", 1);
        assertTrue(processor.process(OPERATOR, payload, NOW).isOk());

        CommandAck replay = processor.process(OPERATOR, payload, NOW);

        assertEquals(CommandOutcome.REJECTED, replay.outcome());
        assertEquals(AckReason.REPLAYED, replay.reason());
        assertEquals(1, fan.writes());
        assertEquals(2, audit.size());
        assertEquals(AckReason.REPLAYED, audit.get(1).reason());
        assertEquals(Set.of("operator:c-1"), seen.keySet());
    }

    /** Verifies that ids are per sender: one operator's id does not block another's. */
    @Test
    void replayKeysArePerSender() {
        CommandProcessor processor = processor();
        assertTrue(processor.process(OPERATOR, command("c-1", "fan", 1), NOW).isOk());
        assertTrue(processor.process(TECHNICIAN, command("c-1", "fan", 0), NOW).isOk());
    }

    /** Verifies that an expired command is rejected, not executed, and does not use up its id. */
    @Test
    void expiredCommandIsRejected() {
        String payload = CommandRequest.of("c-1", "relay1", 1, NOW.minusSeconds(120), NOW.minusSeconds(60)).toJson();
        CommandAck ack = processor().process(OPERATOR, payload, NOW);

        assertEquals(AckReason.EXPIRED, ack.reason());
        assertEquals(0, relay.writes());
        assertEquals(Map.of("value", 0L), ack.state());
        assertTrue(seen.isEmpty());
        assertEquals(AckReason.EXPIRED, audit.get(0).reason());
    }

    /** Verifies that a command received in time but processed late (replay after an outage) counts as expired. */
    @Test
    void commandExpiringBeforeProcessingIsRejected() {
        String payload = command("c-1", "relay1", 1);
        clock = Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC);
        assertEquals(AckReason.EXPIRED, processor().process(OPERATOR, payload, NOW).reason());
        assertEquals(0, relay.writes());
    }

    /** Verifies that a value outside the actuator's range is rejected before reaching it. */
    @Test
    void outOfRangeIsRejected() {
        CommandAck ack = processor().process(OPERATOR, command("c-1", "relay1", 2), NOW);
        assertEquals(AckReason.OUT_OF_RANGE, ack.reason());
        assertTrue(ack.detail().contains("0..1"), ack.detail());
        assertEquals(0, relay.writes());
        assertEquals(AckReason.OUT_OF_RANGE, audit.get(0).reason());
    }

    /** Verifies that the actuator's own range rule (0 or 1) also ends as a rejection. */
    @Test
    void actuatorRangeRuleIsRejection() {
        CommandAck ack = processor().process(OPERATOR, command("c-1", "relay1", 0.5), NOW);
        assertEquals(CommandOutcome.REJECTED, ack.outcome());
        assertEquals(AckReason.OUT_OF_RANGE, ack.reason());
    }

    /** Verifies that an allowed sender naming an unknown actuator is told so. */
    @Test
    void unknownActuatorIsRejected() {
        CommandAck ack = processor().process(OPERATOR, command("c-1", "boiler", 1), NOW);
        assertEquals(AckReason.UNKNOWN_ACTUATOR, ack.reason());
        assertEquals("boiler", ack.actuator());
        assertEquals(1, audit.size());
    }

    /** Verifies that malformed payloads are rejected and audited, keeping a valid id for correlation. */
    @Test
    void malformedPayloadIsRejected() {
        CommandProcessor processor = processor();
        CommandAck garbage = processor.process(OPERATOR, "{not json", NOW);
        CommandAck badValue = processor.process(OPERATOR, "{\"v\":1,\"id\":\"c-7\",\"actuator\":\"relay1\","
                + "\"value\":\"on\",\"issuedAt\":1,\"expiresAt\":2}", NOW);
        CommandAck future = processor.process(OPERATOR, command("c-8", "relay1", 1).replace("\"v\":1", "\"v\":9"),
                NOW);

        assertEquals(AckReason.MALFORMED, garbage.reason());
        assertNull(garbage.id());
        assertEquals(AckReason.MALFORMED, badValue.reason());
        assertEquals("c-7", badValue.id());
        assertEquals(AckReason.UNSUPPORTED_VERSION, future.reason());
        assertEquals(3, audit.size());
        assertNull(audit.get(0).value());
        assertEquals(0, relay.writes());
    }

    /** Verifies that a hardware failure is a failed command with the state still reported. */
    @Test
    void hardwareFailureIsFailed() {
        relay.failNextWrite();
        CommandAck ack = processor().process(OPERATOR, command("c-1", "relay1", 1), NOW);
        assertEquals(CommandOutcome.FAILED, ack.outcome());
        assertEquals(AckReason.HARDWARE_FAILURE, ack.reason());
        assertEquals(Map.of("value", 0L), ack.state());
        assertEquals(CommandOutcome.FAILED, audit.get(0).outcome());
    }

    /** Verifies that the minimum switching interval rejects a too-early change as rate limited. */
    @Test
    void rateLimitRejects() {
        CommandProcessor processor = processor();
        assertTrue(processor.process(OPERATOR, command("c-1", "relay1", 1), NOW).isOk());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        CommandAck tooSoon = processor.process(OPERATOR, command("c-2", "relay1", 0), NOW);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        CommandAck later = processor.process(OPERATOR, command("c-3", "relay1", 0), NOW);

        assertEquals(AckReason.RATE_LIMITED, tooSoon.reason());
        assertEquals(Map.of("value", 1L), tooSoon.state());
        assertTrue(later.isOk(), later.toString());
        assertEquals(0.0, relay.value());
    }

    /** Verifies that an unreadable replay window refuses the command instead of risking a replay. */
    @Test
    void replayWindowFailureRefuses() {
        replayGuard = (key, expiresAt) -> {
            throw new IOException("replay window file is corrupt");
        };
        CommandAck ack = processor().process(OPERATOR, command("c-1", "relay1", 1), NOW);
        assertEquals(AckReason.REPLAY_CHECK_UNAVAILABLE, ack.reason());
        assertEquals(0, relay.writes());
    }

    /** Verifies that a failing audit log neither changes the outcome nor escapes, and is counted. */
    @Test
    void auditFailureIsCounted() {
        auditTrail = record -> {
            throw new IOException("No space left on device");
        };
        CommandProcessor processor = processor();
        CommandAck ack = processor.process(OPERATOR, command("c-1", "relay1", 1), NOW);
        assertTrue(ack.isOk());
        assertEquals(1, processor.auditFailures());
    }

    /** Verifies that a driver bug becomes a failed command, not an exception. */
    @Test
    void driverBugIsInternalError() {
        relay.throwOnNextWrite(new IllegalStateException("boom"));
        CommandAck ack = processor().process(OPERATOR, command("c-1", "relay1", 1), NOW);
        assertEquals(CommandOutcome.FAILED, ack.outcome());
        assertEquals(AckReason.INTERNAL_ERROR, ack.reason());
    }

    /** Verifies that hostile payloads never escape as exceptions, each is audited and each ack is well-formed. */
    @Test
    void hostilePayloadsAreAlwaysAnswered() throws Exception {
        CommandProcessor processor = processor();
        Random random = new Random(7);
        String base = command("c-1", "fan", 1);
        int n = 2000;
        int executed = 0;
        for (int i = 0; i < n; i++) {
            char[] chars = base.toCharArray();
            chars[random.nextInt(chars.length)] = (char) random.nextInt(0x3000);
            CommandAck ack = processor.process(OPERATOR, new String(chars), NOW);
            CommandAck reparsed = CommandAck.parse(ack.toJson());
            assertEquals(ack.outcome(), reparsed.outcome());
            assertEquals(ack.reason(), reparsed.reason());
            executed += ack.isOk() ? 1 : 0;
        }
        processor.process(OPERATOR, null, NOW);
        assertEquals(n + 1, audit.size());
        assertEquals(executed, fan.writes(), "exactly the acknowledged commands were executed");
    }

    /** Verifies the builder's checks. */
    @Test
    void builderChecks() {
        CommandProcessor.Builder b = CommandProcessor.builder(replayGuard, auditTrail);
        assertThrows(IllegalArgumentException.class, () -> b.actuator(relay, Set.of()));
        b.actuator(relay, Set.of(OPERATOR));
        assertThrows(IllegalArgumentException.class, () -> b.actuator(relay, Set.of(OPERATOR)));
    }
}
