package org.atiot.agent.telemetry;

import static org.atiot.agent.telemetry.TelemetryFixtures.door;
import static org.atiot.agent.telemetry.TelemetryFixtures.fault;
import static org.atiot.agent.telemetry.TelemetryFixtures.temperature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;
import org.junit.jupiter.api.Test;

class TelemetryBatchTest {
    private static final AtSign DEVICE = AtSign.of("@pi01");
    private static final UUID BOOT = UUID.fromString("3f0c2a4e-9b1d-4c6e-8f00-1a2b3c4d5e6f");

    /** Verifies that a batch survives encoding and decoding unchanged, faults and non-ASCII units included. */
    @Test
    void roundTrip() throws Exception {
        List<TelemetryReading> readings = List.of(temperature(5, 21.53), door(6), fault(7));
        TelemetryBatch batch = new TelemetryBatch(DEVICE, BOOT, 7, 4, 1_732_500_009_000L, 9_000, readings);

        TelemetryBatch decoded = TelemetryDecoder.decode(batch.toJson());

        assertEquals(DEVICE, decoded.device());
        assertEquals(BOOT, decoded.bootId());
        assertEquals(7, decoded.bootNumber());
        assertEquals(4, decoded.previousSequence());
        assertEquals(5, decoded.firstSequence());
        assertEquals(7, decoded.lastSequence());
        assertEquals(1_732_500_000_000L, decoded.clockOffsetMillis());
        assertEquals(readings, decoded.readings());
        assertFalse(decoded.readings().get(2).isOk());
    }

    /** Verifies the documented member names and that the document is compact. */
    @Test
    void documentFollowsSchema() throws Exception {
        String json = new TelemetryBatch(DEVICE, BOOT, 1, 0, 10, 2, List.of(door(1))).toJson();

        assertFalse(json.contains(" "), json);
        assertEquals("{\"v\":1,\"device\":\"@pi01\",\"boot\":\"" + BOOT + "\",\"bootNo\":1,\"prev\":0,\"first\":1,"
                + "\"last\":1,\"sentAt\":10,\"sentMono\":2,\"readings\":[{\"seq\":1,\"sensor\":\"door\","
                + "\"t\":1732500001000,\"mono\":1000,\"status\":\"ok\",\"values\":[{\"name\":\"state\",\"value\":1.0,"
                + "\"unit\":\"\"}]}]}", json);
        Map<String, Object> parsed = Json.parseObject(json);
        assertEquals(1L, parsed.get("v"));
    }

    /** Verifies that a value that is not a number travels as null and comes back as NaN. */
    @Test
    void notANumberTravelsAsNull() throws Exception {
        TelemetryReading r = TelemetryReading.fault("adc", 1, 0, 0, "overrange",
                List.of(Measurement.of("voltage_v", Double.NaN, "V")));
        String json = new TelemetryBatch(DEVICE, BOOT, 1, 0, 0, 0, List.of(r)).toJson();

        assertTrue(json.contains("\"value\":null"), json);
        assertTrue(Double.isNaN(TelemetryDecoder.decode(json).readings().get(0).measurements().get(0).value()));
    }

    /** Verifies that a driver's fault message is cut and cleaned of control characters. */
    @Test
    void faultReasonIsCleaned() {
        TelemetryReading r = TelemetryReading.fault("s", 1, 0, 0, "line1\nline2\u0000\"q\"" + "x".repeat(500),
                List.of());
        assertEquals(TelemetryReading.MAX_REASON_LENGTH, r.faultReason().length());
        assertTrue(r.faultReason().startsWith("line1 line2 \"q\""), r.faultReason());
        assertEquals("unknown fault", TelemetryReading.fault("s", 1, 0, 0, " ", List.of()).faultReason());
    }

    /** Verifies that ids which could garble a terminal or a key are refused. */
    @Test
    void invalidNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TelemetryReading.ok("bad id", 1, 0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> TelemetryReading.ok("s", 0, 0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Measurement.of("t\u001b[2J", 1, "C"));
        assertThrows(IllegalArgumentException.class,
                () -> new TelemetryBatch(DEVICE, BOOT, 1, 0, 0, 0, List.of()));
    }
}
