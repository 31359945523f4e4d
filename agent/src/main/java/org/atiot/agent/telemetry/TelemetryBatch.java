package org.atiot.agent.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atiot.agent.telemetry.internal.BatchFormat;
import org.atiot.core.AtSign;

/**
 * A telemetry batch: the value of one telemetry notification, as decoded by a receiver.
 *
 * <h2>Document schema, version 1</h2>
 * Compact JSON (no whitespace), UTF-8, at most {@link BatchPolicy#maxBytes()} bytes:
 * <pre>
 * {"v":1,                      schema version; receivers reject other versions
 *  "device":"@pi01",           the sending device's atSign
 *  "boot":"3f0c…-…",           random UUID of this agent run
 *  "bootNo":7,                 persisted per-device run counter, increments on every start
 *  "prev":118,                 last sequence of the previous batch sent to this recipient in this run, 0 if none
 *  "first":120,"last":131,     lowest and highest reading sequence in the batch
 *  "sentAt":1732500000000,     wall clock when the batch was built, epoch ms (untrusted before clock sync)
 *  "sentMono":123456,          monotonic ms since the run started, when the batch was built
 *  "readings":[
 *   {"seq":120,                reading sequence within the run: 1, 2, 3, ... shared by all sensors
 *    "sensor":"greenhouse",    sensor id, [A-Za-z0-9_.-]{1,64}
 *    "t":1732499999000,        wall clock when read, epoch ms
 *    "mono":122000,            monotonic ms since the run started, when read
 *    "status":"ok",            "ok" or "fault"
 *    "values":[{"name":"temperature_c","value":21.53,"unit":"°C"}]},   value null = not a number
 *   {"seq":121,"sensor":"door","t":…,"mono":…,"status":"fault","reason":"device not responding","values":[]}]}
 * </pre>
 * Ordering: (bootNo, seq) orders readings even when the wall clock was wrong; {@code sentAt - sentMono} is the
 * run's clock offset at send time, from which a receiver can re-date readings taken before the clock was set.
 * A recipient subscribed to some sensors only sees gaps in {@code seq}; {@code prev} chains its batches, so a
 * missing batch is still detectable (see {@link SequenceTracker}).
 */
public final class TelemetryBatch {
    private final AtSign device;
    private final UUID bootId;
    private final long bootNumber;
    private final long previousSequence;
    private final long sentAtEpochMillis;
    private final long sentMonotonicMillis;
    private final List<TelemetryReading> readings;
    private final long firstSequence;
    private final long lastSequence;

    /** Readings must be non-empty; {@code previousSequence} is 0 for a recipient's first batch of the run. */
    public TelemetryBatch(AtSign device, UUID bootId, long bootNumber, long previousSequence, long sentAtEpochMillis,
                          long sentMonotonicMillis, List<TelemetryReading> readings) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one reading");
        }
        if (bootNumber < 1 || previousSequence < 0) {
            throw new IllegalArgumentException("boot number must be >= 1 and previous sequence >= 0");
        }
        this.device = device;
        this.bootId = bootId;
        this.bootNumber = bootNumber;
        this.previousSequence = previousSequence;
        this.sentAtEpochMillis = sentAtEpochMillis;
        this.sentMonotonicMillis = sentMonotonicMillis;
        this.readings = List.copyOf(readings);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (TelemetryReading r : this.readings) {
            min = Math.min(min, r.sequence());
            max = Math.max(max, r.sequence());
        }
        this.firstSequence = min;
        this.lastSequence = max;
    }

    public AtSign device() {
        return device;
    }

    public UUID bootId() {
        return bootId;
    }

    public long bootNumber() {
        return bootNumber;
    }

    /** The last sequence of the batch sent before this one to the same recipient in this run; 0 if none. */
    public long previousSequence() {
        return previousSequence;
    }

    public long firstSequence() {
        return firstSequence;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public long sentAtEpochMillis() {
        return sentAtEpochMillis;
    }

    public long sentMonotonicMillis() {
        return sentMonotonicMillis;
    }

    /** The wall clock minus the monotonic clock at send time, to re-date readings: {@code t ≈ offset + mono}. */
    public long clockOffsetMillis() {
        return sentAtEpochMillis - sentMonotonicMillis;
    }

    public List<TelemetryReading> readings() {
        return readings;
    }

    /** The compact JSON document of this batch. */
    public String toJson() {
        List<String> fragments = new ArrayList<>(readings.size());
        int bytes = 0;
        for (TelemetryReading r : readings) {
            String f = BatchFormat.readingFragment(r);
            fragments.add(f);
            bytes += f.length();
        }
        return BatchFormat.document(device.toString(), bootId, bootNumber, previousSequence, firstSequence,
                lastSequence, sentAtEpochMillis, sentMonotonicMillis, fragments, bytes);
    }

    @Override
    public String toString() {
        return "batch from " + device + " boot " + bootNumber + " #" + firstSequence + ".." + lastSequence
                + " (" + readings.size() + " readings)";
    }
}
