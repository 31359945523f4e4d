package org.atiot.agent.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.atiot.agent.commands.CommandAuditRecord;
import org.atiot.agent.commands.CommandOutcome;

/**
 * One line of the audit log: a command and how it ended. Holds only these fields, never a payload or key, so
 * nothing secret can reach the log. Free-text fields are cut to {@value #MAX_TEXT} characters.
 */
public final class AuditEntry {
    public static final int MAX_TEXT = 256;

    private final Instant time;
    private final String from;
    private final String commandId;
    private final String actuator;
    private final Double value;
    private final CommandOutcome outcome;
    private final String reason;
    private final String detail;

    /**
     * @param commandId {@code null} if the command had no valid id
     * @param actuator {@code null} if the command named none
     * @param value {@code null} if the command could not be decoded
     * @param reason a stable code such as {@code expired}; {@code null} for ok
     * @param detail a human explanation; {@code null} if none
     */
    public AuditEntry(Instant time, String from, String commandId, String actuator, Double value,
                      CommandOutcome outcome, String reason, String detail) {
        this.time = Objects.requireNonNull(time, "time");
        this.from = cut(Objects.requireNonNull(from, "from"));
        this.commandId = cut(commandId);
        this.actuator = cut(actuator);
        this.value = value;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.reason = cut(reason);
        this.detail = cut(detail);
    }

    /** The entry for a command the processor handled. */
    public static AuditEntry of(CommandAuditRecord r) {
        return new AuditEntry(r.time(), r.from(), r.commandId(), r.actuator(), r.value(), r.outcome(),
                r.reason() == null ? null : r.reason().code(), r.detail());
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }

    public Instant time() {
        return time;
    }

    public String from() {
        return from;
    }

    public String commandId() {
        return commandId;
    }

    public String actuator() {
        return actuator;
    }

    public Double value() {
        return value;
    }

    public CommandOutcome outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** The JSON object written to the log; absent fields are left out. */
    Map<String, Object> toJsonObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time.toString());
        m.put("from", from);
        putIfPresent(m, "id", commandId);
        putIfPresent(m, "actuator", actuator);
        if (value != null && Double.isFinite(value)) {
            m.put("value", value);
        }
        m.put("outcome", outcome.wireName());
        putIfPresent(m, "reason", reason);
        putIfPresent(m, "detail", detail);
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    @Override
    public String toString() {
        return time + " " + from + " " + commandId + " " + actuator + " " + outcome.wireName()
                + (reason != null ? " " + reason : "");
    }
}
