package org.atiot.agent.commands;

/** Why a command was rejected or failed; travels as its {@link #code()} in the acknowledgement. */
public enum AckReason {
    /** The payload is not a valid command document. */
    MALFORMED("malformed"),
    /** The command uses a schema version this agent does not understand. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** The sender is not on the allow-list of the actuator (or of any actuator). */
    NOT_ALLOWED("not_allowed"),
    /** No actuator with that id is configured. */
    UNKNOWN_ACTUATOR("unknown_actuator"),
    /** The value is outside the actuator's range. */
    OUT_OF_RANGE("out_of_range"),
    /** The command's expiry time had passed when it was processed. */
    EXPIRED("expired"),
    /** A command with this id from this sender was already processed. */
    REPLAYED("replayed"),
    /** The replay window could not be consulted, so the command is refused rather than risk a replay. */
    REPLAY_CHECK_UNAVAILABLE("replay_check_unavailable"),
    /** The actuator's minimum switching interval has not passed since its last change. */
    RATE_LIMITED("rate_limited"),
    /** The hardware did not carry out the command. */
    HARDWARE_FAILURE("hardware_failure"),
    /** The agent failed unexpectedly while executing; see the device log. */
    INTERNAL_ERROR("internal_error");

    private final String code;

    AckReason(String code) {
        this.code = code;
    }

    /** The stable wire code, e.g. {@code "expired"}. */
    public String code() {
        return code;
    }

    /** The reason with this wire code, or {@code null}. */
    static AckReason fromCode(String code) {
        for (AckReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        return null;
    }
}
