package org.atiot.core.keys;

import java.io.IOException;

/** A .atKeys file that cannot be used: not JSON, a missing field, or a field that does not decrypt. Never quotes key material. */
public class KeyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
