package org.atiot.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/** An RSA public key held as its atPlatform text form: base64 of DER X.509 SubjectPublicKeyInfo. */
public final class RsaPublicKey {
    private final String base64;
    private final RSAKeyParameters params;

    RsaPublicKey(String base64, RSAKeyParameters params) {
        this.base64 = base64;
        this.params = params;
    }

    public static RsaPublicKey fromBase64(String spkiBase64) throws KeyFormatException {
        byte[] der = Base64s.decode(spkiBase64, "RSA public key");
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("RSA public key is not a DER SubjectPublicKeyInfo", e);
        }
        if (!(key instanceof RSAKeyParameters) || key.isPrivate()) {
            throw new KeyFormatException("public key is not an RSA key");
        }
        RSAKeyParameters rsa = (RSAKeyParameters) key;
        checkStrength(rsa.getModulus().bitLength(), "public");
        return new RsaPublicKey(spkiBase64.trim(), rsa);
    }

    /** Every SDK makes 2048-bit keys; anything weaker is refused rather than used. */
    static void checkStrength(int modulusBits, String which) throws KeyFormatException {
        if (modulusBits < RsaKeyPair.BITS) {
            throw new KeyFormatException("RSA " + which + " key has a " + modulusBits + "-bit modulus; at least "
                    + RsaKeyPair.BITS + " bits are required");
        }
    }

    /** The exact base64 text, as published at {@code public:publickey@<atSign>}. */
    public String base64() {
        return base64;
    }

    public int bitLength() {
        return params.getModulus().bitLength();
    }

    /**
     * RSAES-PKCS1-v1_5 of the UTF-8 text (the SDKs encrypt the base64 text of an AES key), randomized, base64.
     *
     * @throws IllegalArgumentException if the text does not fit one block (245 bytes for a 2048-bit key)
     */
    public String encrypt(String text) {
        AsymmetricBlockCipher cipher = new PKCS1Encoding(new RSABlindedEngine());
        cipher.init(true, new ParametersWithRandom(params, SecureRandoms.get()));
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64s.encode(cipher.processBlock(in, 0, in.length));
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("text too long for one RSA block: " + in.length + " bytes", e);
        }
    }

    /** RSASSA-PKCS1-v1_5 verification; never throws on hostile input, answers false instead. */
    public boolean verify(String message, String signatureBase64, HashAlgorithm hash) {
        byte[] sig;
        try {
            sig = Base64s.decode(signatureBase64, "signature");
        } catch (KeyFormatException e) {
            return false;
        }
        RSADigestSigner verifier = new RSADigestSigner(hash.newDigest());
        verifier.init(false, params);
        byte[] in = message.getBytes(StandardCharsets.UTF_8);
        verifier.update(in, 0, in.length);
        return verifier.verifySignature(sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RsaPublicKey && ((RsaPublicKey) o).params.getModulus().equals(params.getModulus())
                && ((RsaPublicKey) o).params.getExponent().equals(params.getExponent());
    }

    @Override
    public int hashCode() {
        return params.getModulus().hashCode();
    }

    @Override
    public String toString() {
        return "RsaPublicKey[md5=" + Digests.publicKeyChecksum(base64) + "]";
    }
}
