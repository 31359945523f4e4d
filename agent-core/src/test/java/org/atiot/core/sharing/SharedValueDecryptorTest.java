package org.atiot.core.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.RsaKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Receiver side: @bob decrypts what @alice shared, in the form each SDK sends it. */
class SharedValueDecryptorTest {
    private static RsaKeyPair bob;
    private static RsaKeyPair mallory;
    private static SharedValueDecryptor bobsDecryptor;

    @BeforeAll
    static void generate() {
        bob = RsaKeyPair.generate();
        mallory = RsaKeyPair.generate();
        bobsDecryptor = new SharedValueDecryptor(bob.privateKey());
    }

    /** Verifies the Dart/atiot form: ivNonce and sharedKeyEnc inlined, no lookup needed. */
    @Test
    void inlinedSharedKeyAndRandomIv() throws Exception {
        SharedKey key = SharedKey.generate();
        EncryptedValue sent = key.encryptFor("21.5", bob.publicKey(), null);
        assertEquals("21.5", bobsDecryptor.decrypt(sent, null));
        assertEquals("21.5", bobsDecryptor.decrypt(sent.ciphertext(), sent.ivNonce(), sent.sharedKeyEnc(), null));
        // An inlined copy wins over a looked-up one (which may be stale).
        String stale = SharedKey.generate().copyFor(bob.publicKey());
        assertEquals("21.5", bobsDecryptor.decrypt(sent, stale));
    }

    /** Verifies the at_java form: zero IV, no metadata, the copy looked up from the sender. */
    @Test
    void lookedUpSharedKeyAndZeroIv() throws Exception {
        SharedKey key = SharedKey.generate();
        String bobsCopy = key.copyFor(bob.publicKey());
        String cipher = key.aesKey().encrypt("21.5", AesKey.zeroIv());
        assertEquals("21.5", bobsDecryptor.decrypt(new EncryptedValue(cipher, null, null, null), bobsCopy));
        assertEquals("21.5", bobsDecryptor.decrypt(cipher, "null", "null", bobsCopy), "server's \"null\" texts");
        assertEquals(key.aesKey(), bobsDecryptor.sharedKey(bobsCopy));
        assertEquals("21.5", SharedValueDecryptor.decrypt(cipher, null, key.aesKey()), "cached key");
    }

    /** Verifies the at_c form: random IV in ivNonce, copy looked up. */
    @Test
    void lookedUpSharedKeyAndRandomIv() throws Exception {
        SharedKey key = SharedKey.generate();
        byte[] iv = AesKey.randomIv();
        String cipher = key.aesKey().encrypt("{\"t\":21.5}", iv);
        EncryptedValue received = new EncryptedValue(cipher, Base64s.encode(iv), null, null);
        assertEquals("{\"t\":21.5}", bobsDecryptor.decrypt(received, key.copyFor(bob.publicKey())));
    }

    /** Verifies that no available shared key is a DecryptionException that says what is missing. */
    @Test
    void noSharedKeyAtAll() {
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> bobsDecryptor.decrypt(new EncryptedValue("AAAA", null, null, null), null));
        assertTrue(e.getMessage().contains("no shared key"), e.getMessage());
    }

    /** Verifies that a value meant for someone else (wrong RSA key) is a DecryptionException. */
    @Test
    void valueForSomeoneElse() {
        EncryptedValue forMallory = SharedKey.generate().encryptFor("21.5", mallory.publicKey(), null);
        EncryptedValue withoutChecksum = new EncryptedValue(forMallory.ciphertext(), forMallory.ivNonce(),
                forMallory.sharedKeyEnc(), null);
        assertThrows(DecryptionException.class, () -> bobsDecryptor.decrypt(withoutChecksum, null));
    }

    /** Verifies the Dart rule: a pubKeyCS that is not our key's checksum is refused with a clear message. */
    @Test
    void pubKeyChecksumMismatchIsRefused() {
        EncryptedValue sent = SharedKey.generate().encryptFor("21.5", bob.publicKey(), null);
        EncryptedValue wrongChecksum = new EncryptedValue(sent.ciphertext(), sent.ivNonce(), sent.sharedKeyEnc(),
                Digests.publicKeyChecksum(mallory.publicKey().base64()));
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> bobsDecryptor.decrypt(wrongChecksum, null));
        assertTrue(e.getMessage().contains("pubKeyCS"), e.getMessage());
    }

    /** Verifies that a tampered sharedKeyEnc or ciphertext is a DecryptionException, never wrong text. */
    @Test
    void tamperedPartsAreDecryptionErrors() throws Exception {
        EncryptedValue sent = SharedKey.generate().encryptFor("21.5", bob.publicKey(), null);
        byte[] copy = Base64s.decode(sent.sharedKeyEnc(), "sharedKeyEnc");
        copy[10] ^= 0x01;
        assertThrows(DecryptionException.class, () -> bobsDecryptor.decrypt(new EncryptedValue(sent.ciphertext(),
                sent.ivNonce(), Base64s.encode(copy), sent.pubKeyCs()), null));
        byte[] cipher = Base64s.decode(sent.ciphertext(), "ciphertext");
        cipher[cipher.length - 1] ^= 0x04;
        assertThrows(DecryptionException.class, () -> bobsDecryptor.decrypt(new EncryptedValue(Base64s.encode(cipher),
                sent.ivNonce(), sent.sharedKeyEnc(), sent.pubKeyCs()), null));
        assertThrows(DecryptionException.class, () -> bobsDecryptor.decrypt(new EncryptedValue("%%%",
                sent.ivNonce(), sent.sharedKeyEnc(), sent.pubKeyCs()), null));
        assertThrows(DecryptionException.class, () -> bobsDecryptor.decrypt(new EncryptedValue(sent.ciphertext(),
                "AAAA", sent.sharedKeyEnc(), sent.pubKeyCs()), null));
    }
}
