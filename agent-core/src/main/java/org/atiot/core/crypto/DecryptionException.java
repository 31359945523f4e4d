package org.atiot.core.crypto;

/** Ciphertext could not be decrypted: wrong key, wrong IV, corrupted or truncated data. */
public final class DecryptionException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }

    public DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
