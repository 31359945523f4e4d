package org.atiot.core.sharing;

import java.util.Objects;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.core.crypto.RsaPublicKey;

/**
 * The AES-256 key a sender uses for everything it shares with one recipient (crypto reference §6).
 *
 * <p>It is stored twice, each copy being the RSA (PKCS#1 v1.5) encryption of the key's base64 text: the sender's own
 * copy under the sender's encryption public key ({@code shared_key.bob@alice}) and the recipient's copy under the
 * recipient's public key ({@code @bob:shared_key@alice}, also inlined as {@code sharedKeyEnc}). Both are made with
 * {@link #copyFor(RsaPublicKey)} and either is turned back into the key with {@link #recover}.
 *
 * <p>Immutable; {@link #toString()} never shows the key.
 */
public final class SharedKey {
    private final AesKey key;

    private SharedKey(AesKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** A fresh random key, for a recipient we have not shared with yet. */
    public static SharedKey generate() {
        return new SharedKey(AesKey.generate());
    }

    /** Wraps a key the caller already holds (for example from its cache). */
    public static SharedKey of(AesKey key) {
        return new SharedKey(key);
    }

    /**
     * Recovers the key from a copy that was encrypted for us.
     *
     * @param encryptedCopy     base64 RSA ciphertext: our own copy, or a copy a sender made for us
     * @param ownEncryptionKey  our encryption private key (from the .atKeys file)
     * @throws DecryptionException if the copy was made for another key, is corrupted, or does not hold an AES key
     */
    public static SharedKey recover(String encryptedCopy, RsaPrivateKey ownEncryptionKey) throws DecryptionException {
        String keyText = ownEncryptionKey.decrypt(encryptedCopy);
        try {
            return new SharedKey(AesKey.fromBase64(keyText));
        } catch (KeyFormatException e) {
            throw new DecryptionException("the shared key copy decrypts, but not to a base64 AES-256 key");
        }
    }

    public AesKey aesKey() {
        return key;
    }

    /** A copy of this key for the holder of {@code publicKey}: RSA of the key's base64 text, base64 (randomized). */
    public String copyFor(RsaPublicKey publicKey) {
        return publicKey.encrypt(key.base64());
    }

    /**
     * Encrypts {@code plaintext} for {@code recipient} the way Dart receivers expect: a random IV sent as
     * {@code ivNonce}, the recipient's copy of this key inlined as {@code sharedKeyEnc}, and {@code pubKeyCS}, the
     * checksum of the public key that copy was made with.
     *
     * @param recipientCopy the recipient's stored copy (reused so the recipient sees one stable copy), or
     *                      {@code null} to make a new one; it must have been made with {@code recipient}
     */
    public EncryptedValue encryptFor(String plaintext, RsaPublicKey recipient, String recipientCopy) {
        return encryptFor(plaintext, recipient, recipientCopy, AesKey.randomIv());
    }

    /** As {@link #encryptFor(String, RsaPublicKey, String)} with a given IV; only tests may pick the IV. */
    EncryptedValue encryptFor(String plaintext, RsaPublicKey recipient, String recipientCopy, byte[] iv) {
        String copy = recipientCopy != null ? recipientCopy : copyFor(recipient);
        return new EncryptedValue(key.encrypt(plaintext, iv), Base64s.encode(iv), copy,
                Digests.publicKeyChecksum(recipient.base64()));
    }

    /**
     * Decrypts a value made with this key.
     *
     * @param ivNonce the value's {@code ivNonce} metadata; {@code null}, empty or {@code "null"} mean the zero IV
     */
    public String decrypt(String ciphertext, String ivNonce) throws DecryptionException {
        return key.decrypt(ciphertext, ivFrom(ivNonce));
    }

    /** The IV named by an {@code ivNonce} metadata value, or {@code null} for the legacy zero IV. */
    static byte[] ivFrom(String ivNonce) throws DecryptionException {
        String text = EncryptedValue.present(ivNonce);
        if (text == null) {
            return null;
        }
        byte[] iv;
        try {
            iv = Base64s.decode(text, "ivNonce");
        } catch (KeyFormatException e) {
            throw new DecryptionException("ivNonce is not valid base64");
        }
        if (iv.length != AesKey.IV_BYTES) {
            throw new DecryptionException("ivNonce must be " + AesKey.IV_BYTES + " bytes, got " + iv.length);
        }
        return iv;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedKey && ((SharedKey) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "SharedKey[redacted]";
    }
}
