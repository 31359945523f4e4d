package org.atiot.agent.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link DurableQueue}; build with {@link #builder(Path)}.
 *
 * <p>Disk use stays below {@code maxBytes + 2 * segmentBytes}: {@code maxBytes} bounds the unsent entries, and
 * at most the oldest partly sent segment and the active segment also hold bytes already acknowledged.
 */
public final class QueueOptions {
    /** 64 MiB of unsent entries: days of telemetry from a handful of sensors. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** 4 MiB segments: small enough to reclaim space promptly, large enough to rarely create files. */
    public static final long DEFAULT_SEGMENT_BYTES = 4L * 1024 * 1024;
    /** Group commit: at most one fsync per second, to spare SD cards. */
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);
    /** Below this a segment could not hold a useful entry. */
    public static final long MIN_SEGMENT_BYTES = 256;
    /** The record format stores segment offsets in 31 bits. */
    public static final long MAX_SEGMENT_BYTES = Integer.MAX_VALUE;

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final Duration fsyncInterval;

    private QueueOptions(Builder b) {
        this.directory = b.directory;
        this.maxBytes = b.maxBytes;
        this.segmentBytes = b.segmentBytes;
        this.fsyncInterval = b.fsyncInterval;
    }

    /** Starts options for a queue kept in {@code directory} (created on open if missing). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Bound on the bytes of unsent entries; beyond it the oldest entries are dropped and counted. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Size at which the active segment file is sealed and a new one started. */
    public long segmentBytes() {
        return segmentBytes;
    }

    /** Longest time an append may stay unforced; {@link Duration#ZERO} forces every append. */
    public Duration fsyncInterval() {
        return fsyncInterval;
    }

    /** The largest payload one entry may carry with these options. */
    public int maxPayloadBytes() {
        long room = Math.min(segmentBytes - org.atiot.agent.queue.internal.SegmentFormat.HEADER_BYTES, maxBytes);
        return (int) (room - org.atiot.agent.queue.internal.RecordFormat.OVERHEAD_BYTES);
    }

    public Builder toBuilder() {
        return new Builder(directory).maxBytes(maxBytes).segmentBytes(segmentBytes).fsyncInterval(fsyncInterval);
    }

    @Override
    public String toString() {
        return "QueueOptions{dir=" + directory + ", maxBytes=" + maxBytes + ", segmentBytes=" + segmentBytes
                + ", fsyncInterval=" + fsyncInterval + '}';
    }

    /** Validates each setting as it is given; {@link #build()} checks them together. */
    public static final class Builder {
        private final Path directory;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private Duration fsyncInterval = DEFAULT_FSYNC_INTERVAL;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        public Builder maxBytes(long maxBytes) {
            if (maxBytes < MIN_SEGMENT_BYTES) {
                throw new IllegalArgumentException("queue maxBytes " + maxBytes + " is below " + MIN_SEGMENT_BYTES);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder segmentBytes(long segmentBytes) {
            if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
                throw new IllegalArgumentException("queue segmentBytes " + segmentBytes + " is outside "
                        + MIN_SEGMENT_BYTES + ".." + MAX_SEGMENT_BYTES);
            }
            this.segmentBytes = segmentBytes;
            return this;
        }

        public Builder fsyncInterval(Duration fsyncInterval) {
            Objects.requireNonNull(fsyncInterval, "fsyncInterval");
            if (fsyncInterval.isNegative()) {
                throw new IllegalArgumentException("queue fsyncInterval " + fsyncInterval + " is negative");
            }
            this.fsyncInterval = fsyncInterval;
            return this;
        }

        /** @throws IllegalStateException if {@code segmentBytes} exceeds {@code maxBytes} */
        public QueueOptions build() {
            if (segmentBytes > maxBytes) {
                throw new IllegalStateException("queue segmentBytes (" + segmentBytes
                        + ") must not exceed maxBytes (" + maxBytes + ")");
            }
            return new QueueOptions(this);
        }
    }
}
