package org.atiot.core.crypto;

/** A cryptographic operation failed; the message names the operation, never key material. */
public class CryptoException extends Exception {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
