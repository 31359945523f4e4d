package org.atiot.agent.commands;

import java.time.Instant;

/**
 * One command and its outcome, for the audit log. Holds no secrets: the payload itself is never kept, only the
 * validated fields (or, for a malformed payload, nothing of it).
 */
public final class CommandAuditRecord {
    private final Instant time;
    private final String from;
    private final CommandAck ack;
    private final Double value;

    CommandAuditRecord(Instant time, String from, CommandAck ack, Double value) {
        this.time = time;
        this.from = from;
        this.ack = ack;
        this.value = value;
    }

    /** When processing finished. */
    public Instant time() {
        return time;
    }

    /** The sender's atSign, as authenticated by the atServer. */
    public String from() {
        return from;
    }

    /** The command id, or {@code null} for a payload without a valid one. */
    public String commandId() {
        return ack.id();
    }

    /** The actuator id, or {@code null} for a payload without a valid one. */
    public String actuator() {
        return ack.actuator();
    }

    /** The requested value, or {@code null} for a payload that could not be decoded. */
    public Double value() {
        return value;
    }

    public CommandOutcome outcome() {
        return ack.outcome();
    }

    /** {@code null} for ok. */
    public AckReason reason() {
        return ack.reason();
    }

    /** {@code null} for ok. */
    public String detail() {
        return ack.detail();
    }

    /** The acknowledgement that was sent. */
    public CommandAck ack() {
        return ack;
    }

    @Override
    public String toString() {
        return time + " " + from + " " + ack;
    }
}
