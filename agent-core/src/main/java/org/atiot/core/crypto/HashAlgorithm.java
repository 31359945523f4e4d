package org.atiot.core.crypto;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** Hash used inside an RSASSA-PKCS1-v1_5 signature; {@link #wireName()} is the pkam {@code hashingAlgo} value. */
public enum HashAlgorithm {
    SHA256("sha256"),
    SHA512("sha512");

    private final String wireName;

    HashAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The algorithm for a pkam {@code hashingAlgo} value, or {@code null} when unknown. */
    public static HashAlgorithm fromWireName(String name) {
        for (HashAlgorithm a : values()) {
            if (a.wireName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }

    Digest newDigest() {
        return this == SHA256 ? SHA256Digest.newInstance() : new SHA512Digest();
    }
}
