package org.atiot.agent.config;

import java.time.Duration;
import java.util.Objects;
import org.atiot.agent.config.internal.Ids;

/** One {@code [[sensor]]}: driver type, id, read interval with jitter, and the driver's own settings. */
public final class SensorConfig {
    /** Readings are spread by up to this much, so sensors on one bus do not fire together; none by default. */
    public static final Duration DEFAULT_JITTER = Duration.ZERO;
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    private final String type;
    private final String id;
    private final Duration interval;
    private final Duration jitter;
    private final DriverSettings settings;

    /**
     * @throws IllegalArgumentException naming the bad field: id format, interval outside
     *         {@code 10ms..1d}, jitter negative or not below the interval
     */
    public SensorConfig(String type, String id, Duration interval, Duration jitter, DriverSettings settings) {
        this.type = Ids.checkType(type);
        this.id = Ids.checkId(id);
        this.interval = Objects.requireNonNull(interval, "interval");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be between 10ms and 1d");
        }
        if (jitter.isNegative() || jitter.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("jitter must be at least 0 and less than the interval");
        }
    }

    /** The driver name, checked by the sensors module. */
    public String type() {
        return type;
    }

    public String id() {
        return id;
    }

    public Duration interval() {
        return interval;
    }

    public Duration jitter() {
        return jitter;
    }

    public DriverSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "sensor " + id + " (" + type + ", every " + interval + ")";
    }
}
