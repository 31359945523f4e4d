package org.atiot.agent.scheduler;

import java.time.Duration;
import org.atiot.agent.telemetry.TelemetryReading;

/** A snapshot of one sensor's recent history, for {@code atiot status}. Immutable. */
public final class SensorStatus {
    private final String sensorId;
    private final Duration interval;
    private final long reads;
    private final long faults;
    private final long consecutiveFaults;
    private final TelemetryReading lastReading;
    private final String lastFaultReason;
    private final long lastFaultAtEpochMillis;

    SensorStatus(String sensorId, Duration interval, long reads, long faults, long consecutiveFaults,
                 TelemetryReading lastReading, String lastFaultReason, long lastFaultAtEpochMillis) {
        this.sensorId = sensorId;
        this.interval = interval;
        this.reads = reads;
        this.faults = faults;
        this.consecutiveFaults = consecutiveFaults;
        this.lastReading = lastReading;
        this.lastFaultReason = lastFaultReason;
        this.lastFaultAtEpochMillis = lastFaultAtEpochMillis;
    }

    static SensorStatus initial(String sensorId, Duration interval) {
        return new SensorStatus(sensorId, interval, 0, 0, 0, null, null, 0);
    }

    /** The status after {@code reading}. */
    SensorStatus after(TelemetryReading reading) {
        if (reading.isOk()) {
            return new SensorStatus(sensorId, interval, reads + 1, faults, 0, reading, lastFaultReason,
                    lastFaultAtEpochMillis);
        }
        return new SensorStatus(sensorId, interval, reads + 1, faults + 1, consecutiveFaults + 1, reading,
                reading.faultReason(), reading.takenAtEpochMillis());
    }

    public String sensorId() {
        return sensorId;
    }

    public Duration interval() {
        return interval;
    }

    /** Reads so far, faults included. */
    public long reads() {
        return reads;
    }

    public long faults() {
        return faults;
    }

    /** Faults since the last ok reading; 0 when the sensor is healthy. */
    public long consecutiveFaults() {
        return consecutiveFaults;
    }

    /** The latest reading, ok or fault; {@code null} before the first read. */
    public TelemetryReading lastReading() {
        return lastReading;
    }

    /** The latest fault's reason, even if the sensor has recovered since; {@code null} if it never faulted. */
    public String lastFaultReason() {
        return lastFaultReason;
    }

    /** When the latest fault happened, epoch ms; 0 if it never faulted. */
    public long lastFaultAtEpochMillis() {
        return lastFaultAtEpochMillis;
    }

    @Override
    public String toString() {
        return sensorId + ": " + reads + " reads, " + faults + " faults"
                + (lastReading == null ? "" : ", last " + lastReading);
    }
}
