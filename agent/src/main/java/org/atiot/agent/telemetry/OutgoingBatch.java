package org.atiot.agent.telemetry;

import org.atiot.core.AtSign;

/**
 * A finished batch on its way out: the plaintext document for one recipient. It lives only in memory; the sink
 * encrypts it for {@link #recipient()} before anything is written to disk.
 */
public final class OutgoingBatch {
    private final AtSign recipient;
    private final String json;
    private final long bootNumber;
    private final long firstSequence;
    private final long lastSequence;
    private final int readingCount;

    OutgoingBatch(AtSign recipient, String json, long bootNumber, long firstSequence, long lastSequence,
                  int readingCount) {
        this.recipient = recipient;
        this.json = json;
        this.bootNumber = bootNumber;
        this.firstSequence = firstSequence;
        this.lastSequence = lastSequence;
        this.readingCount = readingCount;
    }

    public AtSign recipient() {
        return recipient;
    }

    /** The batch document (schema in {@link TelemetryBatch}); plaintext, never to be logged or stored. */
    public String json() {
        return json;
    }

    public long bootNumber() {
        return bootNumber;
    }

    public long firstSequence() {
        return firstSequence;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public int readingCount() {
        return readingCount;
    }

    /** Describes the batch without its content. */
    @Override
    public String toString() {
        return "batch for " + recipient + " boot " + bootNumber + " #" + firstSequence + ".." + lastSequence
                + " (" + readingCount + " readings, " + json.length() + " chars)";
    }
}
