package org.atiot.sensors;

import java.util.Objects;

/** Whether a reading is good; a fault carries a reason a person can act on. */
public final class Status {
    public static final Status OK = new Status(null);

    private final String reason;

    private Status(String reason) {
        this.reason = reason;
    }

    public static Status fault(String reason) {
        return new Status(Objects.requireNonNull(reason, "reason"));
    }

    public boolean isOk() {
        return reason == null;
    }

    /** The fault reason; empty for OK. */
    public String reason() {
        return reason == null ? "" : reason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Status status && Objects.equals(reason, status.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(reason);
    }

    @Override
    public String toString() {
        return isOk() ? "OK" : "FAULT(" + reason + ")";
    }
}
