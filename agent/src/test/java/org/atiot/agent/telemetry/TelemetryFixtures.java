package org.atiot.agent.telemetry;

import java.util.List;

/** Readings for telemetry tests. */
final class TelemetryFixtures {
    private TelemetryFixtures() {
    }

    static TelemetryReading temperature(long seq, double celsius) {
        return TelemetryReading.ok("greenhouse", seq, 1_732_500_000_000L + seq * 1000, seq * 1000,
                List.of(Measurement.of("temperature_c", celsius, "°C"), Measurement.of("humidity_pct", 55.5, "%")));
    }

    static TelemetryReading door(long seq) {
        return TelemetryReading.ok("door", seq, 1_732_500_000_000L + seq * 1000, seq * 1000,
                List.of(Measurement.of("state", 1, "")));
    }

    static TelemetryReading fault(long seq) {
        return TelemetryReading.fault("greenhouse", seq, 1_732_500_000_000L + seq * 1000, seq * 1000,
                "device not responding (NACK at 0x76)", List.of());
    }
}
