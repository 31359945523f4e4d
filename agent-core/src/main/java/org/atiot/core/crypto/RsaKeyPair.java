package org.atiot.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/** An RSA-2048 key pair (e = 65537), as every atSign has for PKAM and for encryption. */
public final class RsaKeyPair {
    public static final int BITS = 2048;
    private static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    private static final int PRIME_CERTAINTY = 112;

    private final RsaPublicKey publicKey;
    private final RsaPrivateKey privateKey;

    /** @throws IllegalArgumentException if the two halves do not belong together */
    public RsaKeyPair(RsaPublicKey publicKey, RsaPrivateKey privateKey) {
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("the RSA public key does not belong to the private key");
        }
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Generates a fresh pair; takes a few hundred milliseconds on a Pi, so never on a hot path. */
    public static RsaKeyPair generate() {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(PUBLIC_EXPONENT, SecureRandoms.get(), BITS, PRIME_CERTAINTY));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        RSAPrivateCrtKeyParameters priv = (RSAPrivateCrtKeyParameters) pair.getPrivate();
        try {
            String pkcs8 = Base64s.encode(PrivateKeyInfoFactory.createPrivateKeyInfo(priv).getEncoded());
            RsaPrivateKey privateKey = new RsaPrivateKey(pkcs8, priv);
            return new RsaKeyPair(privateKey.publicKey(), privateKey);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a generated RSA key failed", e);
        }
    }

    public RsaPublicKey publicKey() {
        return publicKey;
    }

    public RsaPrivateKey privateKey() {
        return privateKey;
    }
}
