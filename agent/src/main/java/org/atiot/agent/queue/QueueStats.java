package org.atiot.agent.queue;

/**
 * A snapshot of the queue's counters, for {@code atiot status} and the footprint report.
 *
 * <p>Sequences are {@link #NO_SEQUENCE} when there is no such entry.
 */
public final class QueueStats {
    /** Stands for "no entry" in the sequence fields. */
    public static final long NO_SEQUENCE = 0;

    private final long depth;
    private final long bytes;
    private final long dropped;
    private final long appended;
    private final long bytesWrittenToDisk;
    private final long oldestSequence;
    private final long newestSequence;
    private final long durableSequence;

    QueueStats(long depth, long bytes, long dropped, long appended, long bytesWrittenToDisk,
               long oldestSequence, long newestSequence, long durableSequence) {
        this.depth = depth;
        this.bytes = bytes;
        this.dropped = dropped;
        this.appended = appended;
        this.bytesWrittenToDisk = bytesWrittenToDisk;
        this.oldestSequence = oldestSequence;
        this.newestSequence = newestSequence;
        this.durableSequence = durableSequence;
    }

    /** Entries appended and not yet acknowledged or dropped (durable or not). */
    public long depth() {
        return depth;
    }

    /** On-disk bytes of those entries, record framing included; this is what {@code maxBytes} bounds. */
    public long bytes() {
        return bytes;
    }

    /** Entries discarded unsent because the queue was full or unreadable; persisted across restarts. */
    public long dropped() {
        return dropped;
    }

    /** Entries appended since this queue was opened. */
    public long appended() {
        return appended;
    }

    /** Bytes written to the storage device since open (records, segment headers, metadata): flash wear. */
    public long bytesWrittenToDisk() {
        return bytesWrittenToDisk;
    }

    /** The oldest entry still queued. */
    public long oldestSequence() {
        return oldestSequence;
    }

    /** The newest entry appended. */
    public long newestSequence() {
        return newestSequence;
    }

    /** Every entry up to this one has been forced to the storage device. */
    public long durableSequence() {
        return durableSequence;
    }

    @Override
    public String toString() {
        return "QueueStats{depth=" + depth + ", bytes=" + bytes + ", dropped=" + dropped + ", appended=" + appended
                + ", bytesWrittenToDisk=" + bytesWrittenToDisk + ", oldest=" + oldestSequence
                + ", newest=" + newestSequence + ", durable=" + durableSequence + '}';
    }
}
