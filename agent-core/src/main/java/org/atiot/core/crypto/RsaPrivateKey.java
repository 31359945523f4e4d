package org.atiot.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** An RSA private key held as its atPlatform text form: base64 of DER PKCS#8 PrivateKeyInfo. */
public final class RsaPrivateKey {
    private final String base64;
    private final RSAPrivateCrtKeyParameters params;
    private final RsaPublicKey publicKey;

    RsaPrivateKey(String base64, RSAPrivateCrtKeyParameters params) {
        this.base64 = base64;
        this.params = params;
        this.publicKey = derivePublicKey(params);
    }

    public static RsaPrivateKey fromBase64(String pkcs8Base64) throws KeyFormatException {
        byte[] der = Base64s.decode(pkcs8Base64, "RSA private key");
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("RSA private key is not a DER PKCS#8 PrivateKeyInfo", e);
        }
        if (!(key instanceof RSAPrivateCrtKeyParameters)) {
            throw new KeyFormatException("private key is not an RSA (CRT) key");
        }
        RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) key;
        RsaPublicKey.checkStrength(rsa.getModulus().bitLength(), "private");
        return new RsaPrivateKey(pkcs8Base64.trim(), rsa);
    }

    /** The base64 PKCS#8 text, for writing key files only. */
    public String base64() {
        return base64;
    }

    /** The matching public key, derived from the modulus and public exponent (SPKI, as the SDKs encode it). */
    public RsaPublicKey publicKey() {
        return publicKey;
    }

    private static RsaPublicKey derivePublicKey(RSAPrivateCrtKeyParameters params) {
        RSAKeyParameters pub = new RSAKeyParameters(false, params.getModulus(), params.getPublicExponent());
        try {
            String text = Base64s.encode(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded());
            return new RsaPublicKey(text, pub);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an RSA public key failed", e);
        }
    }

    /** Decrypts RSAES-PKCS1-v1_5 base64 ciphertext to UTF-8 text. */
    public String decrypt(String ciphertextBase64) throws DecryptionException {
        if (ciphertextBase64 == null) {
            throw new DecryptionException("RSA ciphertext is missing");
        }
        byte[] in;
        try {
            in = Base64s.decode(ciphertextBase64, "RSA ciphertext");
        } catch (KeyFormatException e) {
            throw new DecryptionException("RSA ciphertext is not valid base64");
        }
        AsymmetricBlockCipher cipher = new PKCS1Encoding(new RSABlindedEngine());
        cipher.init(false, params);
        try {
            return new String(cipher.processBlock(in, 0, in.length), StandardCharsets.UTF_8);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new DecryptionException(
                    "RSA decryption failed: the ciphertext was not made for this key, or is corrupted");
        }
    }

    /** RSASSA-PKCS1-v1_5 signature over the UTF-8 message, base64 (deterministic). */
    public String sign(String message, HashAlgorithm hash) {
        RSADigestSigner signer = new RSADigestSigner(hash.newDigest());
        signer.init(true, params);
        byte[] in = message.getBytes(StandardCharsets.UTF_8);
        signer.update(in, 0, in.length);
        try {
            return Base64s.encode(signer.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "RsaPrivateKey[redacted]";
    }
}
