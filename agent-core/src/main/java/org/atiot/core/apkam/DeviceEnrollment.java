package org.atiot.core.apkam;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.CryptoException;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.AtProtocolException;
import org.atiot.core.protocol.AtServerErrorException;
import org.atiot.core.protocol.EnrollOperation;
import org.atiot.core.protocol.NotificationListener;

/**
 * A new device joining an existing atSign with APKAM (crypto reference §9): its own PKAM pair and symmetric key
 * are made here and never leave it; the owner approves the request, and the atSign's encryption keys reach the
 * device only encrypted with the device's symmetric key.
 */
public final class DeviceEnrollment {
    private final AtSign atSign;
    private final AtClientOptions options;
    private final RsaKeyPair apkamPair;
    private final AesKey apkamSymmetricKey;
    private final String enrollmentId;

    private DeviceEnrollment(AtSign atSign, AtClientOptions options, RsaKeyPair apkamPair, AesKey apkamSymmetricKey,
                             String enrollmentId) {
        this.atSign = atSign;
        this.options = options;
        this.apkamPair = apkamPair;
        this.apkamSymmetricKey = apkamSymmetricKey;
        this.enrollmentId = enrollmentId;
    }

    /**
     * Sends the enrollment request on an unauthenticated connection, with the one-time passcode the owner issued.
     *
     * @param namespaces e.g. {@code {"atiot": "rw"}}
     */
    public static DeviceEnrollment request(AtSign atSign, AtClientOptions options, String otp, String appName,
                                           String deviceName, Map<String, String> namespaces) throws IOException {
        RsaKeyPair pair = RsaKeyPair.generate();
        AesKey symmetric = AesKey.generate();
        try (AtClient c = AtClient.connect(atSign, options, NotificationListener.NONE)) {
            String published = c.lookup("publickey", atSign);
            if (published == null) {
                throw new AtProtocolException(atSign + " has no public encryption key yet: onboard it first");
            }
            RsaPublicKey atSignKey;
            try {
                atSignKey = RsaPublicKey.fromBase64(published);
            } catch (KeyFormatException e) {
                throw new AtProtocolException("the public key of " + atSign + " is unusable: " + e.getMessage());
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("appName", appName);
            params.put("deviceName", deviceName);
            params.put("namespaces", new LinkedHashMap<>(namespaces));
            params.put("otp", otp);
            params.put("apkamPublicKey", pair.publicKey().base64());
            params.put("encryptedAPKAMSymmetricKey", atSignKey.encrypt(symmetric.base64()));
            Map<String, Object> answer = c.enroll(EnrollOperation.REQUEST, params);
            Object id = answer.get("enrollmentId");
            if (!(id instanceof String)) {
                throw new AtProtocolException("enroll:request answered without an enrollment id");
            }
            return new DeviceEnrollment(atSign, options, pair, symmetric, (String) id);
        }
    }

    public String enrollmentId() {
        return enrollmentId;
    }

    /**
     * Waits for the owner's decision, trying APKAM authentication every {@code poll}; once approved, fetches the
     * atSign's encryption keys and returns the device's complete key file content.
     *
     * @throws AtServerErrorException.AtAuthenticationException denied, revoked or expired
     * @throws java.net.SocketTimeoutException no decision within {@code timeout}
     */
    public AtKeys awaitApproval(Duration poll, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // only the APKAM pair signs until approval; the atSign's encryption keys arrive with it
        AtKeys mine = new AtKeys(atSign, apkamPair, apkamPair, apkamSymmetricKey, apkamSymmetricKey, enrollmentId);
        while (true) {
            try (AtClient c = AtClient.connect(atSign, options, NotificationListener.NONE)) {
                try {
                    c.authenticate(mine);
                } catch (AtServerErrorException e) {
                    if (!"AT0026".equals(e.code())) {
                        throw e; // denied (AT0025), revoked, expired
                    }
                    if (System.nanoTime() > deadline) {
                        throw new java.net.SocketTimeoutException("enrollment " + enrollmentId
                                + " was not approved within " + timeout.toMinutes() + " min");
                    }
                    Thread.sleep(poll.toMillis());
                    continue;
                }
                return keys(c);
            }
        }
    }

    private AtKeys keys(AtClient c) throws IOException {
        String prefix = enrollmentId + ".";
        String owner = atSign.toString();
        try {
            RsaPrivateKey encryption = RsaPrivateKey.fromBase64(decrypt(c.keysGet(
                    prefix + "default_enc_private_key.__manage" + owner)));
            AesKey self = AesKey.fromBase64(decrypt(c.keysGet(prefix + "default_self_enc_key.__manage" + owner)));
            return new AtKeys(atSign, apkamPair, new RsaKeyPair(encryption.publicKey(), encryption), self,
                    apkamSymmetricKey, enrollmentId);
        } catch (CryptoException e) {
            throw new AtProtocolException("the approved keys cannot be decrypted with this device's key: "
                    + e.getMessage());
        }
    }

    private String decrypt(String base64) throws CryptoException {
        return apkamSymmetricKey.decrypt(base64, AesKey.zeroIv());
    }

    /**
     * The owner's side of approval: decrypts the device's symmetric key with the atSign's encryption private key
     * and sends the atSign's encryption private key and self-encryption key encrypted with it.
     *
     * @param owner an authenticated client of the atSign, with {@code __manage} rights
     */
    public static void approve(AtClient owner, AtKeys ownerKeys, String enrollmentId) throws IOException {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("enrollmentId", enrollmentId);
        Object encryptedSymmetric = owner.enroll(EnrollOperation.FETCH, id).get("encryptedAPKAMSymmetricKey");
        if (!(encryptedSymmetric instanceof String)) {
            throw new AtProtocolException("enrollment " + enrollmentId + " carries no encrypted device key");
        }
        AesKey device;
        try {
            device = AesKey.fromBase64(ownerKeys.encryption().privateKey().decrypt((String) encryptedSymmetric));
        } catch (CryptoException e) {
            throw new AtProtocolException("the device key of enrollment " + enrollmentId
                    + " was not made for this atSign's public key: " + e.getMessage());
        }
        Map<String, Object> params = new LinkedHashMap<>(id);
        params.put("encryptedDefaultEncryptionPrivateKey",
                device.encrypt(ownerKeys.encryption().privateKey().base64(), AesKey.zeroIv()));
        params.put("encryptedDefaultSelfEncryptionKey",
                device.encrypt(ownerKeys.selfEncryptionKey().base64(), AesKey.zeroIv()));
        owner.enroll(EnrollOperation.APPROVE, params);
    }
}
