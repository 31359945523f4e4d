package org.atiot.sensors.actuators;

import java.time.Duration;
import java.util.Optional;

/** A command was not applied. {@link #reason()} says why, so the caller can answer the requester precisely. */
public final class ActuationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a command was refused. */
    public enum Reason {
        /** The value is outside the actuator's configured range. */
        OUT_OF_RANGE,
        /** The minimum switching interval has not passed since the last change; see {@link #retryAfter()}. */
        TOO_SOON,
        /** The hardware rejected the write. */
        HARDWARE_FAILURE
    }

    private final Reason reason;
    private final transient Duration retryAfter;

    private ActuationException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public static ActuationException outOfRange(String actuatorId, double value, double min, double max) {
        return new ActuationException(Reason.OUT_OF_RANGE, "actuator " + actuatorId + ": value " + value
                + " is outside " + min + ".." + max, null, null);
    }

    public static ActuationException tooSoon(String actuatorId, Duration minInterval, Duration retryAfter) {
        return new ActuationException(Reason.TOO_SOON, "actuator " + actuatorId + ": switched less than "
                + minInterval.toMillis() + " ms ago (min_switch_interval); retry in " + retryAfter.toMillis() + " ms",
                retryAfter, null);
    }

    public static ActuationException hardware(String actuatorId, Throwable cause) {
        return new ActuationException(Reason.HARDWARE_FAILURE, "actuator " + actuatorId + ": hardware write failed: "
                + cause.getMessage(), null, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#TOO_SOON}: how long until the command would be accepted. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
