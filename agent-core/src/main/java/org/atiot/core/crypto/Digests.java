package org.atiot.core.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.util.encoders.Hex;

/** Hex digests of UTF-8 text, as the protocol uses them (CRAM, pubKeyCS). */
public final class Digests {
    private Digests() {
    }

    /** CRAM: lowercase hex SHA-512 of UTF-8(secret + challenge). */
    public static String cramDigest(String cramSecret, String challenge) {
        return sha512Hex(cramSecret + challenge);
    }

    /** pubKeyCS: lowercase hex MD5 of the UTF-8 bytes of the recipient's public key base64 text. */
    public static String publicKeyChecksum(String publicKeyBase64) {
        return hex(new MD5Digest(), publicKeyBase64);
    }

    public static String sha512Hex(String text) {
        return hex(new SHA512Digest(), text);
    }

    public static String sha256Hex(String text) {
        return hex(SHA256Digest.newInstance(), text);
    }

    private static String hex(Digest digest, String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        digest.update(in, 0, in.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Hex.toHexString(out);
    }
}
