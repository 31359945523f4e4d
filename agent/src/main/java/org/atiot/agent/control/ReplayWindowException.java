package org.atiot.agent.control;

import java.io.IOException;

/**
 * The replay window cannot vouch for a command id (its file was damaged, it is full, or it cannot be written),
 * so the command must be refused rather than risk executing a replay.
 */
public final class ReplayWindowException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReplayWindowException(String message) {
        super(message);
    }

    public ReplayWindowException(String message, Throwable cause) {
        super(message, cause);
    }
}
