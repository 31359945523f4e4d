package org.atiot.core.keys;

import java.util.Objects;
import java.util.Optional;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.RsaKeyPair;

/**
 * The decrypted contents of an atSign's {@code .atKeys} file: the PKAM (or APKAM) pair that authenticates this
 * device, the atSign-wide encryption pair and self-encryption key, and for APKAM-era files the device's
 * enrollment id and APKAM symmetric key.
 *
 * <p>{@link #toString()} never prints key material.
 */
public final class AtKeys {
    private final AtSign atSign;
    private final RsaKeyPair pkam;
    private final RsaKeyPair encryption;
    private final AesKey selfEncryptionKey;
    private final AesKey apkamSymmetricKey;
    private final String enrollmentId;

    public AtKeys(AtSign atSign, RsaKeyPair pkam, RsaKeyPair encryption, AesKey selfEncryptionKey,
                  AesKey apkamSymmetricKey, String enrollmentId) {
        this.atSign = Objects.requireNonNull(atSign, "atSign");
        this.pkam = Objects.requireNonNull(pkam, "pkam");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.selfEncryptionKey = Objects.requireNonNull(selfEncryptionKey, "selfEncryptionKey");
        this.apkamSymmetricKey = apkamSymmetricKey;
        this.enrollmentId = enrollmentId;
    }

    public AtSign atSign() {
        return atSign;
    }

    /** The pair used for {@code pkam:} authentication (the device's APKAM pair in APKAM-era files). */
    public RsaKeyPair pkam() {
        return pkam;
    }

    /** The atSign's encryption pair; its public half is {@code public:publickey@<atSign>}. */
    public RsaKeyPair encryption() {
        return encryption;
    }

    public AesKey selfEncryptionKey() {
        return selfEncryptionKey;
    }

    public Optional<AesKey> apkamSymmetricKey() {
        return Optional.ofNullable(apkamSymmetricKey);
    }

    /** Present for APKAM-era files: it must then be sent in the {@code pkam:} command. */
    public Optional<String> enrollmentId() {
        return Optional.ofNullable(enrollmentId);
    }

    @Override
    public String toString() {
        return "AtKeys[" + atSign + (enrollmentId == null ? "" : ", enrollment " + enrollmentId) + "]";
    }
}
