package org.atiot.agent.telemetry;

import java.io.IOException;

/** The persisted boot counter cannot be read or advanced; the message names the file and the fix. */
public final class BootStateException extends IOException {
    private static final long serialVersionUID = 1L;

    public BootStateException(String message) {
        super(message);
    }

    public BootStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
