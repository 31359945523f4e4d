package org.atiot.core.sharing;

import java.util.Objects;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.RsaPrivateKey;

/**
 * Decrypts values other atSigns shared with us, whichever SDK made them: the shared key comes from the inlined
 * {@code sharedKeyEnc} when present (Dart, atiot) or from the copy the caller looked up
 * ({@code lookup:shared_key@<sender>}, at_java and at_c); the IV is {@code ivNonce} when present, else zero.
 */
public final class SharedValueDecryptor {
    private final RsaPrivateKey ownEncryptionKey;
    private final String ownPublicKeyChecksum;

    /** @param ownEncryptionKey our encryption private key (the .atKeys file's {@code aesEncryptPrivateKey}) */
    public SharedValueDecryptor(RsaPrivateKey ownEncryptionKey) {
        this.ownEncryptionKey = Objects.requireNonNull(ownEncryptionKey, "ownEncryptionKey");
        this.ownPublicKeyChecksum = Digests.publicKeyChecksum(ownEncryptionKey.publicKey().base64());
    }

    /** Recovers the shared AES key from a copy RSA-encrypted for us. */
    public AesKey sharedKey(String encryptedCopy) throws DecryptionException {
        return SharedKey.recover(encryptedCopy, ownEncryptionKey).aesKey();
    }

    /**
     * Decrypts a received value.
     *
     * @param value        the value with its received metadata
     * @param lookedUpCopy our copy of the sender's shared key from a lookup, used when the value carries no
     *                     {@code sharedKeyEnc}; may be {@code null} otherwise
     * @throws DecryptionException if no shared key is available, {@code pubKeyCS} shows the sender used another
     *                             public key of ours, or the key or ciphertext is wrong
     */
    public String decrypt(EncryptedValue value, String lookedUpCopy) throws DecryptionException {
        if (value.sharedKeyEnc() != null && value.pubKeyCs() != null
                && !value.pubKeyCs().equals(ownPublicKeyChecksum)) {
            throw new DecryptionException("the value's sharedKeyEnc was made for another public key (pubKeyCS "
                    + value.pubKeyCs() + ", ours is " + ownPublicKeyChecksum
                    + "); the sender must fetch our current public key");
        }
        return decrypt(value.ciphertext(), value.ivNonce(), value.sharedKeyEnc(), lookedUpCopy);
    }

    /**
     * Decrypts a received value given as its parts.
     *
     * @param ciphertext   the base64 value
     * @param ivNonce      the {@code ivNonce} metadata, or {@code null}
     * @param sharedKeyEnc the {@code sharedKeyEnc} metadata, or {@code null}
     * @param lookedUpCopy our copy of the sender's shared key from a lookup, used when {@code sharedKeyEnc} is absent
     */
    public String decrypt(String ciphertext, String ivNonce, String sharedKeyEnc, String lookedUpCopy)
            throws DecryptionException {
        String inlined = EncryptedValue.present(sharedKeyEnc);
        String copy = inlined != null ? inlined : EncryptedValue.present(lookedUpCopy);
        if (copy == null) {
            throw new DecryptionException(
                    "no shared key: the value carries no sharedKeyEnc and no copy was looked up from the sender");
        }
        return SharedKey.recover(copy, ownEncryptionKey).decrypt(ciphertext, ivNonce);
    }

    /** Decrypts with a shared key the caller already holds (for example from its cache). */
    public static String decrypt(String ciphertext, String ivNonce, AesKey sharedKey) throws DecryptionException {
        return SharedKey.of(sharedKey).decrypt(ciphertext, ivNonce);
    }
}
