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
    /** Enrollment ids are UUIDs; anything longer is refused. */
    public static final int MAX_ENROLLMENT_ID_LENGTH = 128;

    private final AtSign atSign;
    private final RsaKeyPair pkam;
    private final RsaKeyPair encryption;
    private final AesKey selfEncryptionKey;
    private final AesKey apkamSymmetricKey;
    private final String enrollmentId;

    /**
     * @param apkamSymmetricKey APKAM-era only, else {@code null}
     * @param enrollmentId      APKAM-era only, else {@code null}; see {@link #checkEnrollmentId(String)}
     * @throws IllegalArgumentException if the enrollment id could not be sent in a {@code pkam:} command
     */
    public AtKeys(AtSign atSign, RsaKeyPair pkam, RsaKeyPair encryption, AesKey selfEncryptionKey,
                  AesKey apkamSymmetricKey, String enrollmentId) {
        this.atSign = Objects.requireNonNull(atSign, "atSign");
        this.pkam = Objects.requireNonNull(pkam, "pkam");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.selfEncryptionKey = Objects.requireNonNull(selfEncryptionKey, "selfEncryptionKey");
        this.apkamSymmetricKey = apkamSymmetricKey;
        if (enrollmentId != null) {
            String problem = checkEnrollmentId(enrollmentId);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        this.enrollmentId = enrollmentId;
    }

    /**
     * Why {@code id} cannot be an enrollment id, or {@code null} when it can. It travels inside
     * {@code pkam:enrollmentId:<id>:<signature>}, so separators, {@code @} and whitespace would corrupt the command.
     */
    public static String checkEnrollmentId(String id) {
        if (id.isEmpty() || id.length() > MAX_ENROLLMENT_ID_LENGTH) {
            return "enrollment id must be 1 to " + MAX_ENROLLMENT_ID_LENGTH + " characters long";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ':' || c == '@' || c <= ' ' || c == 0x7f) {
                return "enrollment id contains ':', '@', whitespace or a control character";
            }
        }
        return null;
    }

    /** The same keys bound to the enrollment the server just created for them (APKAM onboarding). */
    public AtKeys withEnrollmentId(String id) {
        return new AtKeys(atSign, pkam, encryption, selfEncryptionKey, apkamSymmetricKey,
                Objects.requireNonNull(id, "enrollment id"));
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
