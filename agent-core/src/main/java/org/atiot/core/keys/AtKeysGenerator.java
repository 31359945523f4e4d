package org.atiot.core.keys;

import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.RsaKeyPair;

/** Makes fresh keys: for a new atSign, or for a new device (APKAM) of an existing one. */
public final class AtKeysGenerator {
    private AtKeysGenerator() {
    }

    /** New PKAM and encryption pairs and a new self-encryption key (legacy layout, no enrollment). */
    public static AtKeys newAtSign(AtSign atSign) {
        return new AtKeys(atSign, RsaKeyPair.generate(), RsaKeyPair.generate(), AesKey.generate(), null, null);
    }

    /**
     * Keys of an additional device: its own APKAM pair and symmetric key, with the atSign-wide encryption pair and
     * self key it received when its enrollment was approved.
     */
    public static AtKeys newDevice(AtSign atSign, RsaKeyPair encryption, AesKey selfEncryptionKey,
                                   AesKey apkamSymmetricKey, String enrollmentId) {
        return new AtKeys(atSign, RsaKeyPair.generate(), encryption, selfEncryptionKey, apkamSymmetricKey,
                enrollmentId);
    }
}
