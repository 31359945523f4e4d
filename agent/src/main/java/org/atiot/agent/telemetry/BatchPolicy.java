package org.atiot.agent.telemetry;

import java.time.Duration;

/** When a batch is finished: at {@code maxReadings}, at {@code maxAge}, or before it would exceed {@code maxBytes}. */
public final class BatchPolicy {
    public static final int DEFAULT_MAX_READINGS = 50;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(2);
    /**
     * 64 KiB of JSON grows to about 90 KB once encrypted and Base64-encoded: far below the atServer's 10,240,000-byte
     * command limit, and small enough that a batch never strains a 512 MB device.
     */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Smallest allowed size limit; one reading with a few values must always fit. */
    public static final int MIN_MAX_BYTES = 4 * 1024;
    /** Largest allowed size limit, still an order of magnitude below the server's command limit. */
    public static final int MAX_MAX_BYTES = 1024 * 1024;

    private final int maxReadings;
    private final Duration maxAge;
    private final int maxBytes;

    private BatchPolicy(Builder b) {
        this.maxReadings = b.maxReadings;
        this.maxAge = b.maxAge;
        this.maxBytes = b.maxBytes;
    }

    public static BatchPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxReadings() {
        return maxReadings;
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** Upper bound of a batch document in UTF-8 bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    @Override
    public String toString() {
        return "max " + maxReadings + " readings, " + maxAge.toMillis() + " ms, " + maxBytes + " bytes";
    }

    /** Builds a {@link BatchPolicy}; each setter checks its value at once. */
    public static final class Builder {
        private int maxReadings = DEFAULT_MAX_READINGS;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private int maxBytes = DEFAULT_MAX_BYTES;

        private Builder() {
        }

        public Builder maxReadings(int readings) {
            if (readings < 1 || readings > 10_000) {
                throw new IllegalArgumentException("max readings per batch must be 1..10000, got " + readings);
            }
            this.maxReadings = readings;
            return this;
        }

        /** Zero: send whenever the link is free, see {@link Batcher#flushDue()}; lowest latency. */
        public Builder maxAge(Duration age) {
            if (age.isNegative() || age.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("max batch age must be 0..1h, got " + age);
            }
            this.maxAge = age;
            return this;
        }

        public Builder maxBytes(int bytes) {
            if (bytes < MIN_MAX_BYTES || bytes > MAX_MAX_BYTES) {
                throw new IllegalArgumentException("max batch size must be " + MIN_MAX_BYTES + ".." + MAX_MAX_BYTES
                        + " bytes, got " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        public BatchPolicy build() {
            return new BatchPolicy(this);
        }
    }
}
