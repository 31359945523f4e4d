package org.atiot.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * An AES-256 key used the way every atPlatform SDK uses it: CTR mode (BouncyCastle "SIC") over a plaintext that is
 * PKCS#7-padded first. The padding is not needed by CTR, but without it no other SDK can decrypt our values.
 *
 * <p>Instances are immutable and thread-safe; a fresh cipher engine is built per call because engines hold state.
 */
public final class AesKey {
    public static final int KEY_BYTES = 32;
    public static final int IV_BYTES = 16;

    private final byte[] key;

    private AesKey(byte[] key) {
        this.key = key;
    }

    /** A fresh random key. */
    public static AesKey generate() {
        return new AesKey(SecureRandoms.bytes(KEY_BYTES));
    }

    /** The key from its base64 text (the form used in .atKeys files and shared-key records). */
    public static AesKey fromBase64(String base64) throws KeyFormatException {
        byte[] raw = Base64s.decode(base64, "AES key");
        if (raw.length != KEY_BYTES) {
            throw new KeyFormatException("AES key must be " + KEY_BYTES + " bytes, got " + raw.length);
        }
        return new AesKey(raw);
    }

    /** A fresh random 16-byte IV, sent as the {@code ivNonce} metadata. */
    public static byte[] randomIv() {
        return SecureRandoms.bytes(IV_BYTES);
    }

    /** The legacy all-zero IV, used when a value carries no {@code ivNonce}. */
    public static byte[] zeroIv() {
        return new byte[IV_BYTES];
    }

    /** The key as base64 text: what .atKeys files store and what RSA encrypts when the key is shared. */
    public String base64() {
        return Base64s.encode(key);
    }

    /** Encrypts UTF-8 text, returning base64 ciphertext; {@code iv == null} means the zero IV. */
    public String encrypt(String plaintext, byte[] iv) {
        return Base64s.encode(encryptBytes(plaintext.getBytes(StandardCharsets.UTF_8), iv));
    }

    /**
     * Decrypts base64 ciphertext to UTF-8 text.
     *
     * <p>CTR carries no integrity check, so a wrong key or IV is only noticed through the PKCS#7 padding and, here,
     * through the result not being UTF-8; together they let a wrong key through far less often than padding alone.
     *
     * @param iv the value's {@code ivNonce}, or {@code null} for the legacy zero IV
     */
    public String decrypt(String ciphertextBase64, byte[] iv) throws DecryptionException {
        if (ciphertextBase64 == null) {
            throw new DecryptionException("ciphertext is missing");
        }
        byte[] cipher;
        try {
            cipher = Base64s.decode(ciphertextBase64, "ciphertext");
        } catch (KeyFormatException e) {
            throw new DecryptionException("ciphertext is not valid base64");
        }
        byte[] plain = decryptBytes(cipher, iv);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecryptionException("wrong key or IV: the decrypted bytes are not UTF-8 text");
        }
    }

    /** Encrypts raw bytes (PKCS#7 padded, CTR); {@code iv == null} means the zero IV. */
    public byte[] encryptBytes(byte[] plaintext, byte[] iv) {
        BufferedBlockCipher cipher = newCipher(true, iv);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            n += cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("padding on encryption cannot fail", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Decrypts raw bytes and strips the PKCS#7 padding; {@code iv == null} means the zero IV. */
    public byte[] decryptBytes(byte[] ciphertext, byte[] iv) throws DecryptionException {
        if (ciphertext.length == 0 || ciphertext.length % IV_BYTES != 0) {
            throw new DecryptionException(
                    "ciphertext length " + ciphertext.length + " is not a positive multiple of 16");
        }
        BufferedBlockCipher cipher = newCipher(false, iv);
        byte[] out = new byte[cipher.getOutputSize(ciphertext.length)];
        int n = cipher.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            n += cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new DecryptionException("wrong key or IV, or corrupted ciphertext: the PKCS#7 padding check failed");
        }
        return Arrays.copyOf(out, n);
    }

    private BufferedBlockCipher newCipher(boolean encrypt, byte[] iv) {
        byte[] counter = iv == null ? zeroIv() : iv;
        if (counter.length != IV_BYTES) {
            throw new IllegalArgumentException("IV must be " + IV_BYTES + " bytes, got " + counter.length);
        }
        PaddedBufferedBlockCipher cipher =
                new PaddedBufferedBlockCipher(SICBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), counter));
        return cipher;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AesKey && Arrays.equals(key, ((AesKey) o).key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never prints key bytes. */
    @Override
    public String toString() {
        return "AesKey[redacted]";
    }
}
