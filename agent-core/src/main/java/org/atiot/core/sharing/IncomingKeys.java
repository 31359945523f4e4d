package org.atiot.core.sharing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.CryptoException;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.RsaPrivateKey;

/**
 * Finds the key to decrypt a value another atSign sent us. Live notifications usually carry it inline
 * ({@code sharedKeyEnc}); notifications replayed by {@code monitor} never do (the real server drops it from the
 * replay form), so then the sender's copy for us ({@code @us:shared_key@sender}) is looked up through our server.
 * RSA is the costly step, so keys are remembered: by inline copy, and by sender for looked-up ones.
 */
public final class IncomingKeys {
    private static final int MAX_REMEMBERED = 256;

    /** Looks up {@code shared_key@sender} through our own atServer; returns the copy encrypted for us. */
    @FunctionalInterface
    public interface CopyLookup {
        String copyFrom(AtSign sender) throws IOException;
    }

    private final SharedValueDecryptor decryptor;
    private final CopyLookup lookup;
    private final Map<String, AesKey> byCopy = new ConcurrentHashMap<>();
    private final Map<AtSign, AesKey> bySender = new ConcurrentHashMap<>();

    public IncomingKeys(RsaPrivateKey ownEncryptionKey, CopyLookup lookup) {
        this.decryptor = new SharedValueDecryptor(ownEncryptionKey);
        this.lookup = lookup;
    }

    /**
     * Decrypts a value from {@code sender}.
     *
     * @throws IOException the sender's copy could not be looked up (offline, or the sender never shared one)
     * @throws CryptoException the value does not decrypt with the key found
     */
    public String decrypt(AtSign sender, String ciphertext, String ivNonce, String sharedKeyEnc)
            throws IOException, CryptoException {
        String inline = EncryptedValue.present(sharedKeyEnc);
        if (inline != null) {
            AesKey key = byCopy.get(inline);
            if (key == null) {
                key = decryptor.sharedKey(inline);
                remember(byCopy, inline, key);
            }
            return SharedValueDecryptor.decrypt(ciphertext, ivNonce, key);
        }
        AesKey known = bySender.get(sender);
        if (known != null) {
            try {
                return SharedValueDecryptor.decrypt(ciphertext, ivNonce, known);
            } catch (DecryptionException stale) {
                bySender.remove(sender); // the sender may have made a new key: look it up again
            }
        }
        String copy = lookup.copyFrom(sender);
        if (copy == null) {
            throw new DecryptionException(sender + " has shared no key with us");
        }
        AesKey key = decryptor.sharedKey(copy);
        remember(bySender, sender, key);
        return SharedValueDecryptor.decrypt(ciphertext, ivNonce, key);
    }

    private static <K> void remember(Map<K, AesKey> map, K k, AesKey key) {
        if (map.size() >= MAX_REMEMBERED) {
            map.clear();
        }
        map.put(k, key);
    }
}
