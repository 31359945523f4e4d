package org.atiot.agent.outbox;

/** A queued entry that cannot be sent because it cannot be read. */
public final class OutboxFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public OutboxFormatException(String message) {
        super(message);
    }
}
