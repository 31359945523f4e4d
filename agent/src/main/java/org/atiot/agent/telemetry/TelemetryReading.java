package org.atiot.agent.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * A reading as it travels in a telemetry batch: numbered within its boot, stamped with the wall clock and the
 * monotonic clock, either {@linkplain #isOk() ok} with measurements or a fault with a reason.
 *
 * <p>The wall-clock time may be wrong before the clock is synchronised (a Pi has no RTC); the pair
 * (boot number, {@link #sequence()}) orders readings regardless, and {@link #monotonicMillis()} (milliseconds
 * since the agent started) lets a receiver re-derive the time once it knows the offset.
 */
public final class TelemetryReading {
    /** Longer fault reasons are cut, so a chatty driver cannot bloat a batch. */
    public static final int MAX_REASON_LENGTH = 200;

    private final String sensorId;
    private final long sequence;
    private final long takenAtEpochMillis;
    private final long monotonicMillis;
    private final String faultReason;
    private final List<Measurement> measurements;

    private TelemetryReading(String sensorId, long sequence, long takenAtEpochMillis, long monotonicMillis,
                             String faultReason, List<Measurement> measurements) {
        this.sensorId = Names.requireValid("sensor id", sensorId);
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, got " + sequence);
        }
        if (monotonicMillis < 0) {
            throw new IllegalArgumentException("monotonic time must be >= 0, got " + monotonicMillis);
        }
        this.sequence = sequence;
        this.takenAtEpochMillis = takenAtEpochMillis;
        this.monotonicMillis = monotonicMillis;
        this.faultReason = faultReason;
        this.measurements = List.copyOf(measurements);
    }

    /** A successful reading. */
    public static TelemetryReading ok(String sensorId, long sequence, long takenAtEpochMillis, long monotonicMillis,
                                      List<Measurement> measurements) {
        return new TelemetryReading(sensorId, sequence, takenAtEpochMillis, monotonicMillis, null, measurements);
    }

    /**
     * A fault reading; {@code reason} is shortened to {@value #MAX_REASON_LENGTH} characters and stripped of
     * control characters, because it may quote a driver's exception message.
     */
    public static TelemetryReading fault(String sensorId, long sequence, long takenAtEpochMillis, long monotonicMillis,
                                         String reason, List<Measurement> partial) {
        return new TelemetryReading(sensorId, sequence, takenAtEpochMillis, monotonicMillis, cleanReason(reason),
                partial);
    }

    /** Whether {@code id} may name a sensor: 1 to 64 characters of letters, digits, '_', '.' or '-'. */
    public static boolean isValidSensorId(String id) {
        return Names.isValid(id);
    }

    static String cleanReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unknown fault";
        }
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MAX_REASON_LENGTH));
        for (int i = 0; i < reason.length() && sb.length() < MAX_REASON_LENGTH; i++) {
            char c = reason.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString().strip();
    }

    public String sensorId() {
        return sensorId;
    }

    /** Position in the boot's reading sequence (starts at 1, strictly increasing). */
    public long sequence() {
        return sequence;
    }

    /** Wall-clock time the sensor was read, in epoch milliseconds (untrusted before clock sync). */
    public long takenAtEpochMillis() {
        return takenAtEpochMillis;
    }

    /** Monotonic milliseconds since the agent started. */
    public long monotonicMillis() {
        return monotonicMillis;
    }

    public boolean isOk() {
        return faultReason == null;
    }

    /** The fault reason, or {@code null} for an ok reading. */
    public String faultReason() {
        return faultReason;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TelemetryReading)) {
            return false;
        }
        TelemetryReading r = (TelemetryReading) o;
        return sequence == r.sequence && takenAtEpochMillis == r.takenAtEpochMillis
                && monotonicMillis == r.monotonicMillis && sensorId.equals(r.sensorId)
                && Objects.equals(faultReason, r.faultReason) && measurements.equals(r.measurements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, sequence, takenAtEpochMillis);
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + sensorId + (isOk() ? " " + measurements : " fault: " + faultReason);
    }
}
