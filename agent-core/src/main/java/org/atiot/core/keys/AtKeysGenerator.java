package org.atiot.core.keys;

import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.RsaKeyPair;

/**
 * Makes fresh keys: for a new atSign (legacy or APKAM onboarding), or for a new device of an existing one. Each RSA
 * pair takes a noticeable fraction of a second on a Pi, so call these once, never on a hot path.
 */
public final class AtKeysGenerator {
    private AtKeysGenerator() {
    }

    /** Legacy onboarding: new PKAM and encryption pairs and a new self-encryption key, no enrollment. */
    public static AtKeys newAtSign(AtSign atSign) {
        return new AtKeys(atSign, RsaKeyPair.generate(), RsaKeyPair.generate(), AesKey.generate(), null, null);
    }

    /**
     * APKAM onboarding of the first device: everything {@link #newAtSign} makes plus the device's APKAM symmetric
     * key. The enrollment id is only known once the server accepted the enrollment request; add it with
     * {@link AtKeys#withEnrollmentId(String)} before writing the file.
     */
    public static AtKeys newApkamAtSign(AtSign atSign) {
        return new AtKeys(atSign, RsaKeyPair.generate(), RsaKeyPair.generate(), AesKey.generate(), AesKey.generate(),
                null);
    }

    /**
     * Keys of an additional device: a fresh APKAM pair of its own plus the atSign-wide encryption pair and self key
     * it received when its enrollment was approved.
     */
    public static AtKeys newDevice(AtSign atSign, RsaKeyPair encryption, AesKey selfEncryptionKey,
                                   AesKey apkamSymmetricKey, String enrollmentId) {
        return new AtKeys(atSign, RsaKeyPair.generate(), encryption, selfEncryptionKey, apkamSymmetricKey,
                enrollmentId);
    }
}
