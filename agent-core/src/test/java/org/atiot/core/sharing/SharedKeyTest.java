package org.atiot.core.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.RsaKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sender side of sharing between @alice (sender) and @bob (recipient), and the round trip to bob. */
class SharedKeyTest {
    private static RsaKeyPair alice;
    private static RsaKeyPair bob;
    private static RsaKeyPair mallory;

    private final Random random = new Random(7);

    @BeforeAll
    static void generate() {
        alice = RsaKeyPair.generate();
        bob = RsaKeyPair.generate();
        mallory = RsaKeyPair.generate();
    }

    /** Verifies that both copies (alice's own, bob's) recover the same key, each only with its own private key. */
    @Test
    void bothCopiesRecoverTheKeyWithTheRightPrivateKeyOnly() throws Exception {
        SharedKey key = SharedKey.generate();
        String ownCopy = key.copyFor(alice.publicKey());
        String bobsCopy = key.copyFor(bob.publicKey());
        assertNotEquals(ownCopy, bobsCopy);
        assertEquals(key, SharedKey.recover(ownCopy, alice.privateKey()));
        assertEquals(key, SharedKey.recover(bobsCopy, bob.privateKey()));
        assertThrows(DecryptionException.class, () -> SharedKey.recover(bobsCopy, alice.privateKey()));
        assertThrows(DecryptionException.class, () -> SharedKey.recover(ownCopy, mallory.privateKey()));
        assertThrows(DecryptionException.class, () -> SharedKey.recover("garbage!", bob.privateKey()));
        assertThrows(DecryptionException.class, () -> SharedKey.recover(null, bob.privateKey()));
    }

    /** Verifies that a copy that decrypts but holds no AES key (e.g. a hostile sender's) is a DecryptionException. */
    @Test
    void copyHoldingSomethingElseIsRefused() {
        String notAKey = bob.publicKey().encrypt("hello");
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> SharedKey.recover(notAKey, bob.privateKey()));
        assertTrue(e.getMessage().contains("AES-256"), e.getMessage());
    }

    /** Verifies what a Dart receiver needs: random IV in ivNonce, bob's copy in sharedKeyEnc, pubKeyCS of bob's key. */
    @Test
    void encryptForSetsTheMetadataDartReceiversNeed() throws Exception {
        SharedKey key = SharedKey.generate();
        String bobsCopy = key.copyFor(bob.publicKey());
        EncryptedValue value = key.encryptFor("{\"temp\":21.5}", bob.publicKey(), bobsCopy);
        assertEquals(bobsCopy, value.sharedKeyEnc(), "the stored copy is reused");
        assertEquals(Digests.publicKeyChecksum(bob.publicKey().base64()), value.pubKeyCs());
        assertEquals(AesKey.IV_BYTES, Base64s.decode(value.ivNonce(), "ivNonce").length);
        assertEquals("{\"temp\":21.5}", key.decrypt(value.ciphertext(), value.ivNonce()));
        assertEquals(List.of("isEncrypted", "sharedKeyEnc", "pubKeyCS", "ivNonce"),
                List.copyOf(value.metadata().keySet()), "the order the server's grammar requires");
        assertEquals("true", value.metadata().get("isEncrypted"));
        for (String v : value.metadata().values()) {
            assertFalse(v.contains(":") || v.contains("@") || v.contains(" "), "metadata value " + v);
        }

        EncryptedValue second = key.encryptFor("{\"temp\":21.5}", bob.publicKey(), bobsCopy);
        assertNotEquals(value.ivNonce(), second.ivNonce(), "a fresh IV per value");
        assertNotEquals(value.ciphertext(), second.ciphertext());
    }

    /** Verifies that without a stored copy a fresh one for the recipient is inlined. */
    @Test
    void encryptForWithoutAStoredCopyMakesOne() throws Exception {
        SharedKey key = SharedKey.generate();
        EncryptedValue value = key.encryptFor("21.5", bob.publicKey(), null);
        assertEquals(key, SharedKey.recover(value.sharedKeyEnc(), bob.privateKey()));
        EncryptedValue viaAesKey = EncryptedValue.encrypt("21.5", key.aesKey(), bob.publicKey(), null);
        assertEquals(key, SharedKey.recover(viaAesKey.sharedKeyEnc(), bob.privateKey()));
        assertEquals("21.5", key.decrypt(viaAesKey.ciphertext(), viaAesKey.ivNonce()));
    }

    /** Verifies that the zero IV is used when ivNonce is absent, empty or the text "null", and bad ones are typed. */
    @Test
    void ivNonceForms() throws Exception {
        SharedKey key = SharedKey.of(seededKey());
        String zeroIvCipher = key.aesKey().encrypt("21.5", AesKey.zeroIv());
        for (String absent : new String[] {null, "", "null", "  "}) {
            assertEquals("21.5", key.decrypt(zeroIvCipher, absent));
        }
        assertThrows(DecryptionException.class, () -> key.decrypt(zeroIvCipher, "AAAA"), "12-byte IV");
        assertThrows(DecryptionException.class, () -> key.decrypt(zeroIvCipher, "not base64!"));
        assertNull(SharedKey.ivFrom("null"));
    }

    /** Verifies tampering: a changed IV or padding byte is a DecryptionException (seeded, so deterministic). */
    @Test
    void tamperedValuesAreDecryptionErrors() throws Exception {
        SharedKey key = SharedKey.of(seededKey());
        byte[] iv = new byte[AesKey.IV_BYTES];
        random.nextBytes(iv);
        EncryptedValue value = key.encryptFor("21.5", bob.publicKey(), null, iv);
        byte[] otherIv = iv.clone();
        otherIv[0] ^= 0x01;
        assertThrows(DecryptionException.class, () -> key.decrypt(value.ciphertext(), Base64s.encode(otherIv)));
        byte[] cipher = Base64s.decode(value.ciphertext(), "ciphertext");
        cipher[cipher.length - 1] ^= 0x02;
        assertThrows(DecryptionException.class, () -> key.decrypt(Base64s.encode(cipher), value.ivNonce()));
        assertThrows(DecryptionException.class, () -> SharedKey.of(seededKey()).decrypt(value.ciphertext(),
                value.ivNonce()), "another shared key");
    }

    /** Verifies that the key never shows in toString and equality follows the key bytes. */
    @Test
    void valueSemantics() {
        AesKey raw = seededKey();
        assertEquals(SharedKey.of(raw), SharedKey.of(raw));
        assertEquals(SharedKey.of(raw).hashCode(), SharedKey.of(raw).hashCode());
        assertFalse(SharedKey.of(raw).toString().contains(raw.base64()));
        EncryptedValue v = new EncryptedValue("abc", "null", "", null);
        assertNull(v.ivNonce());
        assertNull(v.sharedKeyEnc());
        assertEquals(Map.of("isEncrypted", "true"), v.metadata());
        assertEquals(v, new EncryptedValue("abc", null, null, null));
        assertTrue(v.toString().contains("zero IV"));
    }

    private AesKey seededKey() {
        byte[] raw = new byte[AesKey.KEY_BYTES];
        random.nextBytes(raw);
        try {
            return AesKey.fromBase64(Base64s.encode(raw));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
