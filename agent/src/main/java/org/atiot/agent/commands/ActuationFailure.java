package org.atiot.agent.commands;

/** An actuator refused or failed to carry out a value; {@link #kind()} decides the acknowledgement. */
public final class ActuationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the actuator did not act. */
    public enum Kind {
        /** The value is outside the actuator's range: rejected. */
        OUT_OF_RANGE,
        /** The minimum switching interval has not passed: rejected, try later. */
        TOO_SOON,
        /** The hardware failed: the command failed. */
        HARDWARE
    }

    private final Kind kind;

    public ActuationFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
