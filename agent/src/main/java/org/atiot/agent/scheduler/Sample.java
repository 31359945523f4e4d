package org.atiot.agent.scheduler;

import java.util.List;
import org.atiot.agent.telemetry.Measurement;

/** What one read of a sensor produced, before the scheduler numbers it: values, or a fault with a reason. */
public final class Sample {
    private final long takenAtEpochMillis;
    private final List<Measurement> measurements;
    private final String faultReason;

    private Sample(long takenAtEpochMillis, List<Measurement> measurements, String faultReason) {
        this.takenAtEpochMillis = takenAtEpochMillis;
        this.measurements = List.copyOf(measurements);
        this.faultReason = faultReason;
    }

    /** A successful read at {@code takenAtEpochMillis}. */
    public static Sample ok(long takenAtEpochMillis, List<Measurement> measurements) {
        return new Sample(takenAtEpochMillis, measurements, null);
    }

    /** A failed read; {@code partial} holds whatever values could still be read (often none). */
    public static Sample fault(long takenAtEpochMillis, String reason, List<Measurement> partial) {
        return new Sample(takenAtEpochMillis, partial, reason == null ? "unknown fault" : reason);
    }

    public long takenAtEpochMillis() {
        return takenAtEpochMillis;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public boolean isOk() {
        return faultReason == null;
    }

    /** {@code null} for an ok sample. */
    public String faultReason() {
        return faultReason;
    }
}
