package org.atiot.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesKeyTest {
    private final AesKey key = AesKey.generate();

    /** PKCS#7 is applied before CTR: 0..15 bytes give one block, 16 gives two, as the other SDKs expect. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 32, 1000})
    void paddingRoundTripsAtEveryBoundary(int length) throws Exception {
        String text = "x".repeat(length);
        byte[] iv = AesKey.randomIv();
        byte[] cipher = key.encryptBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), iv);
        assertEquals((length / 16 + 1) * 16, cipher.length);
        assertEquals(text, key.decrypt(key.encrypt(text, iv), iv));
    }

    @Test
    void utf8TextSurvives() throws Exception {
        String text = "Gewächshaus 21.5 °C ✓";
        assertEquals(text, key.decrypt(key.encrypt(text, AesKey.zeroIv()), null));
    }

    @Test
    void wrongKeyOrTruncatedCiphertextIsADecryptionError() {
        String cipher = key.encrypt("21.5", AesKey.zeroIv());
        assertThrows(DecryptionException.class, () -> AesKey.generate().decrypt(cipher, null));
        assertThrows(DecryptionException.class, () -> key.decrypt("AAAA", null));
        assertThrows(DecryptionException.class, () -> key.decrypt("not base64!", null));
    }

    @Test
    void randomIvsDiffer() {
        assertNotEquals(key.encrypt("same", AesKey.randomIv()), key.encrypt("same", AesKey.randomIv()));
    }

    @Test
    void keyTextOfWrongLengthIsRejected() {
        assertThrows(KeyFormatException.class, () -> AesKey.fromBase64("AAAA"));
    }
}
