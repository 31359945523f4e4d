package org.atiot.agent.commands;

/** How a command ended, as told in its acknowledgement. */
public enum CommandOutcome {
    /** Executed; the acknowledgement carries the actuator's new state. */
    OK("ok"),
    /** Not executed: invalid, not allowed, expired, replayed or rate-limited. Safe to correct and resend. */
    REJECTED("rejected"),
    /** Accepted but the hardware or the agent failed while executing; the state reports what is known. */
    FAILED("failed");

    private final String wireName;

    CommandOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The outcome with this wire name, or {@code null}. */
    static CommandOutcome fromWireName(String name) {
        for (CommandOutcome o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        return null;
    }
}
