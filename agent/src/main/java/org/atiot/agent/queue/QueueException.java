package org.atiot.agent.queue;

import java.io.IOException;

/** The durable queue could not read or write its files; the message names the file and what to do about it. */
public class QueueException extends IOException {
    private static final long serialVersionUID = 1L;

    public QueueException(String message) {
        super(message);
    }

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
