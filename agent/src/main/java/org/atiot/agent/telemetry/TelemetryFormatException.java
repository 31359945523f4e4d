package org.atiot.agent.telemetry;

import java.io.IOException;

/** A received telemetry document is not a valid batch; the message says which member is wrong and why. */
public final class TelemetryFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TelemetryFormatException(String message) {
        super(message);
    }
}
