package org.atiot.agent.queue;

/**
 * An append (or the segment it needed) could not be written, typically because the disk is full. The queue is
 * left exactly as it was before the call: nothing already queued is lost and the failed entry got no sequence
 * number, so the caller may retry once space is freed.
 */
public final class QueueWriteException extends QueueException {
    private static final long serialVersionUID = 1L;

    public QueueWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
