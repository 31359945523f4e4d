package org.atiot.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaKeysTest {
    private static RsaKeyPair alice;
    private static RsaKeyPair bob;

    @BeforeAll
    static void generate() {
        alice = RsaKeyPair.generate();
        bob = RsaKeyPair.generate();
    }

    /** Verifies that generated keys are 2048-bit and their text forms (SPKI, PKCS#8) parse back to the same key. */
    @Test
    void generatedKeysRoundTripThroughTheirTextForms() throws Exception {
        assertEquals(RsaKeyPair.BITS, alice.publicKey().bitLength());
        RsaPublicKey pub = RsaPublicKey.fromBase64(alice.publicKey().base64());
        RsaPrivateKey priv = RsaPrivateKey.fromBase64(alice.privateKey().base64());
        assertEquals(alice.publicKey(), pub);
        assertEquals(alice.publicKey().base64(), pub.base64());
        assertEquals(alice.privateKey().base64(), priv.base64());
        assertEquals(alice.publicKey(), priv.publicKey());
        assertEquals(alice.publicKey().base64(), priv.publicKey().base64(), "SPKI derived the way the SDKs encode it");
        assertNotEquals(alice.publicKey(), bob.publicKey());
        assertTrue(alice.publicKey().base64().startsWith("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A"), "rsaEncryption SPKI");
    }

    /** Verifies sign/verify with both hashes: a SHA-512 signature verifies only as SHA-512, and vice versa. */
    @Test
    void signaturesVerifyOnlyWithTheirHashAndKey() {
        String challenge = "_1b2c@pi01:9f8e";
        String sha256 = alice.privateKey().sign(challenge, HashAlgorithm.SHA256);
        String sha512 = alice.privateKey().sign(challenge, HashAlgorithm.SHA512);
        assertEquals(sha256, alice.privateKey().sign(challenge, HashAlgorithm.SHA256), "deterministic");
        assertNotEquals(sha256, sha512);
        assertTrue(alice.publicKey().verify(challenge, sha256, HashAlgorithm.SHA256));
        assertTrue(alice.publicKey().verify(challenge, sha512, HashAlgorithm.SHA512));
        assertFalse(alice.publicKey().verify(challenge, sha512, HashAlgorithm.SHA256));
        assertFalse(alice.publicKey().verify(challenge, sha256, HashAlgorithm.SHA512));
        assertFalse(bob.publicKey().verify(challenge, sha256, HashAlgorithm.SHA256));
        assertFalse(alice.publicKey().verify(challenge + " ", sha256, HashAlgorithm.SHA256));
    }

    /** Verifies that hostile signatures give false, never an exception. */
    @Test
    void verifyNeverThrowsOnGarbage() {
        for (String sig : new String[] {"", "AAAA", "not base64!", null, Base64s.encode(new byte[256]),
            Base64s.encode(new byte[1000])}) {
            assertFalse(alice.publicKey().verify("m", sig, HashAlgorithm.SHA256));
        }
    }

    /** Verifies encryption of an AES key's text: randomized, and only the right private key recovers it. */
    @Test
    void encryptionIsRandomizedAndOnlyTheRightKeyDecrypts() throws Exception {
        String keyText = AesKey.generate().base64();
        String c1 = bob.publicKey().encrypt(keyText);
        String c2 = bob.publicKey().encrypt(keyText);
        assertNotEquals(c1, c2, "PKCS#1 v1.5 padding is random");
        assertEquals(344, c1.length(), "256 bytes of ciphertext");
        assertEquals(keyText, bob.privateKey().decrypt(c1));
        assertEquals(keyText, bob.privateKey().decrypt(c2));
        assertThrows(DecryptionException.class, () -> alice.privateKey().decrypt(c1));
    }

    /** Verifies that corrupted ciphertext is a DecryptionException with a message and no key material. */
    @Test
    void corruptedCiphertextIsADecryptionError() {
        String cipher = bob.publicKey().encrypt("x");
        byte[] raw = java.util.Base64.getDecoder().decode(cipher);
        raw[0] ^= 0x40;
        String flipped = Base64s.encode(raw);
        DecryptionException e = assertThrows(DecryptionException.class, () -> bob.privateKey().decrypt(flipped));
        assertTrue(e.getMessage().contains("RSA decryption failed"), e.getMessage());
        assertThrows(DecryptionException.class, () -> bob.privateKey().decrypt("not base64!"));
        assertThrows(DecryptionException.class, () -> bob.privateKey().decrypt(Base64s.encode(new byte[10])));
        assertThrows(DecryptionException.class, () -> bob.privateKey().decrypt(null));
    }

    /** Verifies that text too long for one RSA block is refused as a programming error. */
    @Test
    void oversizedPlaintextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> bob.publicKey().encrypt("x".repeat(246)));
    }

    /** Verifies that malformed, non-RSA and weak keys are refused with KeyFormatException. */
    @Test
    void badKeyTextIsAKeyFormatError() throws Exception {
        assertThrows(KeyFormatException.class, () -> RsaPublicKey.fromBase64("not base64!"));
        assertThrows(KeyFormatException.class, () -> RsaPublicKey.fromBase64(Base64s.encode(new byte[64])));
        assertThrows(KeyFormatException.class, () -> RsaPublicKey.fromBase64(alice.privateKey().base64()));
        assertThrows(KeyFormatException.class, () -> RsaPrivateKey.fromBase64(alice.publicKey().base64()));
        assertThrows(KeyFormatException.class, () -> RsaPrivateKey.fromBase64(null));

        X9ECParameters curve = SECNamedCurves.getByName("secp256r1");
        ECKeyPairGenerator ec = new ECKeyPairGenerator();
        ec.init(new ECKeyGenerationParameters(new ECDomainParameters(curve), new SecureRandom()));
        AsymmetricCipherKeyPair ecPair = ec.generateKeyPair();
        String ecPublic = Base64s.encode(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(ecPair.getPublic())
                .getEncoded());
        assertThrows(KeyFormatException.class, () -> RsaPublicKey.fromBase64(ecPublic));

        RSAKeyPairGenerator weak = new RSAKeyPairGenerator();
        weak.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), new SecureRandom(), 1024, 80));
        AsymmetricCipherKeyPair small = weak.generateKeyPair();
        String smallPublic = Base64s.encode(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(small.getPublic())
                .getEncoded());
        String smallPrivate = Base64s.encode(PrivateKeyInfoFactory.createPrivateKeyInfo(small.getPrivate())
                .getEncoded());
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> RsaPublicKey.fromBase64(smallPublic));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
        assertThrows(KeyFormatException.class, () -> RsaPrivateKey.fromBase64(smallPrivate));
    }

    /** Verifies that a pair refuses halves that do not belong together. */
    @Test
    void pairHalvesMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> new RsaKeyPair(alice.publicKey(), bob.privateKey()));
    }

    /** Verifies the pkam hashingAlgo names. */
    @Test
    void hashAlgorithmWireNames() {
        assertEquals("sha256", HashAlgorithm.SHA256.wireName());
        assertEquals(HashAlgorithm.SHA512, HashAlgorithm.fromWireName("sha512"));
        assertEquals(HashAlgorithm.SHA512, HashAlgorithm.fromWireName("SHA512"));
        assertNull(HashAlgorithm.fromWireName("md5"));
        assertNull(HashAlgorithm.fromWireName(null));
    }

    /** Verifies that private keys never print their material. */
    @Test
    void privateKeyIsNeverPrinted() {
        assertFalse(alice.privateKey().toString().contains(alice.privateKey().base64().substring(60, 100)));
        assertTrue(alice.publicKey().toString().contains(Digests.publicKeyChecksum(alice.publicKey().base64())));
    }
}
