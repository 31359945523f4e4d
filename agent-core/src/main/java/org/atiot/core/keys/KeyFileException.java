package org.atiot.core.keys;

import java.io.IOException;

/**
 * A .atKeys file that cannot be used: missing, not JSON, a missing field, or a field that does not decrypt. The
 * message names the file and the field, never key material.
 */
public class KeyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
