package org.atiot.agent.commands;

import java.io.IOException;

/** A command or acknowledgement document is invalid; {@link #reason()} classifies it for the acknowledgement. */
public final class CommandFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final AckReason reason;

    CommandFormatException(AckReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@link AckReason#MALFORMED} or {@link AckReason#UNSUPPORTED_VERSION}. */
    public AckReason reason() {
        return reason;
    }
}
