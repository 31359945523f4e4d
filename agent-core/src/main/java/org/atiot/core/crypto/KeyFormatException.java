package org.atiot.core.crypto;

/** Key text that is not the expected base64 DER structure (SPKI, PKCS#8 or a 32-byte AES key). */
public final class KeyFormatException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
