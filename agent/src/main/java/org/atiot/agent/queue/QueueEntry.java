package org.atiot.agent.queue;

/**
 * One queued entry: its sequence number, stable across restarts, and its payload as appended.
 *
 * <p>The payload array is freshly read for every peek and handed over to the caller (not copied again).
 */
public final class QueueEntry {
    private final long sequence;
    private final byte[] payload;

    public QueueEntry(long sequence, byte[] payload) {
        this.sequence = sequence;
        this.payload = payload;
    }

    /** The number {@link DurableQueue#append(byte[])} returned for this entry. */
    public long sequence() {
        return sequence;
    }

    /** The bytes appended; the caller owns this array. */
    public byte[] payload() {
        return payload;
    }

    @Override
    public String toString() {
        return "QueueEntry{seq=" + sequence + ", " + payload.length + " bytes}";
    }
}
