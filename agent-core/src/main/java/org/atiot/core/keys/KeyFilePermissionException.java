package org.atiot.core.keys;

/** A key file that other users could read or change; the message says how to fix it. */
public final class KeyFilePermissionException extends KeyFileException {
    private static final long serialVersionUID = 1L;

    public KeyFilePermissionException(String message) {
        super(message);
    }
}
