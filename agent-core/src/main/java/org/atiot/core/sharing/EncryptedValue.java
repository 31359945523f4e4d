package org.atiot.core.sharing;

import java.util.Objects;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.RsaPublicKey;

/**
 * A value encrypted for one recipient the way Dart receivers expect it: AES-256-CTR under a shared key with a random
 * IV ({@code ivNonce}), the shared key inlined RSA-encrypted for the recipient ({@code sharedKeyEnc}) and the
 * checksum of the recipient public key used for it ({@code pubKeyCS}). The protocol layer turns the fields into
 * notify/update metadata ({@code isEncrypted:true} is implied).
 */
public final class EncryptedValue {
    private final String ciphertext;
    private final String ivNonce;
    private final String sharedKeyEnc;
    private final String pubKeyCs;

    public EncryptedValue(String ciphertext, String ivNonce, String sharedKeyEnc, String pubKeyCs) {
        this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext");
        this.ivNonce = ivNonce;
        this.sharedKeyEnc = sharedKeyEnc;
        this.pubKeyCs = pubKeyCs;
    }

    /**
     * Encrypts {@code plaintext} for {@code recipient} under {@code sharedKey}.
     *
     * @param recipientCopy the shared key already RSA-encrypted for the recipient (the {@code @bob:shared_key@alice}
     *                      value), reused so the recipient sees one stable copy; {@code null} to encrypt it afresh
     */
    public static EncryptedValue encrypt(String plaintext, AesKey sharedKey, RsaPublicKey recipient,
                                         String recipientCopy) {
        byte[] iv = AesKey.randomIv();
        String copy = recipientCopy != null ? recipientCopy : recipient.encrypt(sharedKey.base64());
        return new EncryptedValue(sharedKey.encrypt(plaintext, iv), Base64s.encode(iv), copy,
                Digests.publicKeyChecksum(recipient.base64()));
    }

    /** Base64 ciphertext: the notification value. */
    public String ciphertext() {
        return ciphertext;
    }

    /** Base64 IV, or {@code null} for the legacy zero IV. */
    public String ivNonce() {
        return ivNonce;
    }

    /** The shared key RSA-encrypted for the recipient, or {@code null} when the recipient must look it up. */
    public String sharedKeyEnc() {
        return sharedKeyEnc;
    }

    /** MD5 hex of the recipient's public key text, or {@code null}. */
    public String pubKeyCs() {
        return pubKeyCs;
    }
}
