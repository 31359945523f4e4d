package org.atiot.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesKeyTest {
    private final Random random = new Random(20261125L);
    private final AesKey key = seededKey();

    /** Verifies PKCS#7 before CTR: 0..15 bytes give one block, 16 give two, as the other SDKs expect. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 32, 1000})
    void paddingRoundTripsAtEveryBoundary(int length) throws Exception {
        String text = "x".repeat(length);
        byte[] iv = seededIv();
        byte[] cipher = key.encryptBytes(text.getBytes(StandardCharsets.UTF_8), iv);
        assertEquals((length / 16 + 1) * 16, cipher.length);
        assertEquals(text, key.decrypt(Base64s.encode(cipher), iv));
        assertEquals(text, new String(key.decryptBytes(cipher, iv), StandardCharsets.UTF_8));
    }

    /** Verifies CTR against the NIST SP 800-38A F.5.5 known answer (IV = first counter block). */
    @Test
    void firstBlockMatchesNistCtrVector() throws Exception {
        AesKey nist = AesKey.fromBase64(Base64s.encode(
                Hex.decode("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")));
        byte[] iv = Hex.decode("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] cipher = nist.encryptBytes(Hex.decode("6bc1bee22e409f96e93d7e117393172a"), iv);
        assertEquals("601ec313775789a5b7a7f504bbf3d228", Hex.toHexString(Arrays.copyOf(cipher, 16)));
    }

    /** Verifies that the whole 16-byte counter block is incremented (it wraps from all-ones to all-zeros). */
    @Test
    void counterSpansTheWholeBlock() {
        byte[] zeros = new byte[32];
        byte[] allOnes = new byte[16];
        Arrays.fill(allOnes, (byte) 0xff);
        byte[] fromAllOnes = key.encryptBytes(Arrays.copyOf(zeros, 31), allOnes);
        byte[] fromZero = key.encryptBytes(Arrays.copyOf(zeros, 15), AesKey.zeroIv());
        // Second block under IV ff..ff uses counter 00..00, the first block's counter under the zero IV.
        assertArrayEquals(Arrays.copyOf(fromZero, 15), Arrays.copyOfRange(fromAllOnes, 16, 31));
    }

    /** Verifies that non-ASCII text survives as UTF-8, and that a null IV means the zero IV. */
    @Test
    void utf8TextSurvivesAndNullIvIsZeroIv() throws Exception {
        String text = "Gewächshaus 21.5 °C ✓ \uD83C\uDF31";
        assertEquals(key.encrypt(text, AesKey.zeroIv()), key.encrypt(text, null));
        assertEquals(text, key.decrypt(key.encrypt(text, AesKey.zeroIv()), null));
    }

    /** Verifies that a wrong key is a DecryptionException, never wrong text. */
    @Test
    void wrongKeyIsADecryptionError() {
        String cipher = key.encrypt("21.5", AesKey.zeroIv());
        for (int i = 0; i < 50; i++) {
            AesKey other = seededKey();
            assertThrows(DecryptionException.class, () -> other.decrypt(cipher, null));
        }
    }

    /** Verifies that a wrong key whose output happens to pass the padding check is still refused (not UTF-8). */
    @Test
    void wrongKeyPassingThePaddingCheckIsStillRefused() throws Exception {
        byte[] cipher = key.encryptBytes("{\"temp\":21.5}".getBytes(StandardCharsets.UTF_8), AesKey.zeroIv());
        for (int i = 0; i < 100_000; i++) {
            AesKey other = seededKey();
            byte[] plain;
            try {
                plain = other.decryptBytes(cipher, null);
            } catch (DecryptionException expected) {
                continue; // the usual outcome
            }
            if (!isUtf8(plain)) {
                DecryptionException e = assertThrows(DecryptionException.class,
                        () -> other.decrypt(Base64s.encode(cipher), null));
                assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
                return;
            }
        }
        throw new AssertionError("no wrong key passed the padding check in 100000 tries");
    }

    /** Verifies that changing the IV or the padding byte is detected, and truncated or bad input is typed. */
    @Test
    void tamperedOrMalformedCiphertextIsADecryptionError() throws Exception {
        byte[] iv = seededIv();
        byte[] cipher = key.encryptBytes("21.5".getBytes(StandardCharsets.UTF_8), iv);
        byte[] flippedPad = cipher.clone();
        flippedPad[flippedPad.length - 1] ^= 0x01;
        assertThrows(DecryptionException.class, () -> key.decryptBytes(flippedPad, iv));
        assertThrows(DecryptionException.class, () -> key.decrypt(Base64s.encode(cipher), null), "IV ignored");
        assertThrows(DecryptionException.class, () -> key.decrypt(Base64s.encode(cipher), seededIv()), "other IV");
        assertThrows(DecryptionException.class, () -> key.decryptBytes(Arrays.copyOf(cipher, 15), iv));
        assertThrows(DecryptionException.class, () -> key.decrypt("", null));
        assertThrows(DecryptionException.class, () -> key.decrypt("AAAA", null));
        assertThrows(DecryptionException.class, () -> key.decrypt("not base64!", null));
        assertThrows(DecryptionException.class, () -> key.decrypt(null, null));
    }

    /** Verifies that an IV of the wrong size is a programming error, not a silent truncation. */
    @Test
    void ivMustBeSixteenBytes() {
        assertThrows(IllegalArgumentException.class, () -> key.encrypt("x", new byte[12]));
    }

    /** Verifies key text validation and that the key never shows in toString. */
    @Test
    void keyTextIsValidatedAndNeverPrinted() throws Exception {
        assertThrows(KeyFormatException.class, () -> AesKey.fromBase64("AAAA"));
        assertThrows(KeyFormatException.class, () -> AesKey.fromBase64("*not base64*"));
        assertThrows(KeyFormatException.class, () -> AesKey.fromBase64(null));
        assertEquals(key, AesKey.fromBase64(key.base64()));
        assertEquals(key.hashCode(), AesKey.fromBase64(key.base64()).hashCode());
        assertFalse(key.toString().contains(key.base64()));
        assertEquals(44, AesKey.generate().base64().length());
    }

    /** Verifies that random IVs and keys differ from call to call. */
    @Test
    void randomIvsAndKeysDiffer() {
        assertNotEquals(key.encrypt("same", AesKey.randomIv()), key.encrypt("same", AesKey.randomIv()));
        assertNotEquals(AesKey.generate(), AesKey.generate());
        assertArrayEquals(new byte[16], AesKey.zeroIv());
    }

    private AesKey seededKey() {
        byte[] raw = new byte[AesKey.KEY_BYTES];
        random.nextBytes(raw);
        try {
            return AesKey.fromBase64(Base64s.encode(raw));
        } catch (KeyFormatException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] seededIv() {
        byte[] iv = new byte[AesKey.IV_BYTES];
        random.nextBytes(iv);
        return iv;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
