package org.atiot.agent.systemd;

import java.io.IOException;

/** A notification could not be delivered to the service manager's notify socket. */
public final class SdNotifyException extends IOException {
    private static final long serialVersionUID = 1L;

    public SdNotifyException(String message) {
        super(message);
    }

    public SdNotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
