package org.atiot.core.sharing;

import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaPrivateKey;

/**
 * Decrypts a value another atSign shared with us, whichever SDK made it: the shared key comes from the inlined
 * {@code sharedKeyEnc} when present (Dart, atiot) or from the copy the caller looked up
 * ({@code lookup:shared_key@<sender>}, at_java and at_c); the IV is {@code ivNonce} when present, else zero.
 */
public final class SharedValueDecryptor {
    private final RsaPrivateKey ownEncryptionKey;

    public SharedValueDecryptor(RsaPrivateKey ownEncryptionKey) {
        this.ownEncryptionKey = ownEncryptionKey;
    }

    /** Recovers the shared AES key from a copy RSA-encrypted for us. */
    public AesKey sharedKey(String encryptedCopy) throws DecryptionException {
        String keyText = ownEncryptionKey.decrypt(encryptedCopy);
        try {
            return AesKey.fromBase64(keyText);
        } catch (KeyFormatException e) {
            throw new DecryptionException("shared key copy does not hold an AES-256 key");
        }
    }

    /**
     * @param ciphertext       the base64 value
     * @param ivNonce          the {@code ivNonce} metadata, or {@code null}
     * @param sharedKeyEnc     the {@code sharedKeyEnc} metadata, or {@code null}
     * @param lookedUpCopy     our copy of the sender's shared key from a lookup, used when {@code sharedKeyEnc} is absent
     */
    public String decrypt(String ciphertext, String ivNonce, String sharedKeyEnc, String lookedUpCopy)
            throws DecryptionException {
        String copy = sharedKeyEnc != null ? sharedKeyEnc : lookedUpCopy;
        if (copy == null) {
            throw new DecryptionException("no shared key: the value carries no sharedKeyEnc and none was looked up");
        }
        return decrypt(ciphertext, ivNonce, sharedKey(copy));
    }

    /** Decrypts with a shared key the caller already holds (for example from its cache). */
    public static String decrypt(String ciphertext, String ivNonce, AesKey sharedKey) throws DecryptionException {
        byte[] iv = null;
        if (ivNonce != null && !ivNonce.isEmpty() && !ivNonce.equals("null")) {
            try {
                iv = Base64s.decode(ivNonce, "ivNonce");
            } catch (KeyFormatException e) {
                throw new DecryptionException("ivNonce is not valid base64");
            }
            if (iv.length != AesKey.IV_BYTES) {
                throw new DecryptionException("ivNonce must be 16 bytes, got " + iv.length);
            }
        }
        return sharedKey.decrypt(ciphertext, iv);
    }
}
