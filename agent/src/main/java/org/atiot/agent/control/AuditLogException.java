package org.atiot.agent.control;

import java.io.IOException;

/** The audit log could not be written; the message names the file. */
public final class AuditLogException extends IOException {
    private static final long serialVersionUID = 1L;

    public AuditLogException(String message) {
        super(message);
    }

    public AuditLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
