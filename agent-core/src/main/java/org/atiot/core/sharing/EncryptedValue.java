package org.atiot.core.sharing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.RsaPublicKey;

/**
 * A value encrypted under a shared key, with the metadata a receiver needs: {@code ivNonce} (absent = zero IV),
 * {@code sharedKeyEnc} (the shared key RSA-encrypted for the recipient; absent = the recipient looks it up) and
 * {@code pubKeyCS} (checksum of the recipient public key {@code sharedKeyEnc} was made with).
 *
 * <p>Made by {@link SharedKey#encryptFor} when sending, or from a received value's metadata when receiving. Metadata
 * values that are empty or the text {@code "null"} (as the server writes absent fields in some replies) count as
 * absent.
 */
public final class EncryptedValue {
    /** Metadata names exactly as the atProtocol spells them. */
    public static final String IS_ENCRYPTED = "isEncrypted";
    public static final String SHARED_KEY_ENC = "sharedKeyEnc";
    public static final String PUB_KEY_CS = "pubKeyCS";
    public static final String IV_NONCE = "ivNonce";

    private final String ciphertext;
    private final String ivNonce;
    private final String sharedKeyEnc;
    private final String pubKeyCs;

    /**
     * @param ciphertext   base64 ciphertext (the notification or record value)
     * @param ivNonce      base64 IV or {@code null}
     * @param sharedKeyEnc the recipient's copy of the shared key or {@code null}
     * @param pubKeyCs     MD5 hex of the recipient public key or {@code null}
     */
    public EncryptedValue(String ciphertext, String ivNonce, String sharedKeyEnc, String pubKeyCs) {
        this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext");
        this.ivNonce = present(ivNonce);
        this.sharedKeyEnc = present(sharedKeyEnc);
        this.pubKeyCs = present(pubKeyCs);
    }

    /**
     * Encrypts {@code plaintext} for {@code recipient} under {@code sharedKey}; see
     * {@link SharedKey#encryptFor(String, RsaPublicKey, String)}.
     */
    public static EncryptedValue encrypt(String plaintext, AesKey sharedKey, RsaPublicKey recipient,
                                         String recipientCopy) {
        return SharedKey.of(sharedKey).encryptFor(plaintext, recipient, recipientCopy);
    }

    /** Base64 ciphertext: the notification or record value. */
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

    /**
     * The metadata to send with the value, in the order the server's command grammar requires
     * ({@code isEncrypted}, {@code sharedKeyEnc}, {@code pubKeyCS}, {@code ivNonce}); absent fields are left out.
     * Every value is base64, hex or {@code true}, so none contains {@code :}, {@code @} or whitespace.
     */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(IS_ENCRYPTED, "true");
        if (sharedKeyEnc != null) {
            m.put(SHARED_KEY_ENC, sharedKeyEnc);
        }
        if (pubKeyCs != null) {
            m.put(PUB_KEY_CS, pubKeyCs);
        }
        if (ivNonce != null) {
            m.put(IV_NONCE, ivNonce);
        }
        return Collections.unmodifiableMap(m);
    }

    /** {@code text}, or {@code null} when it is absent, blank or the text {@code "null"}. */
    static String present(String text) {
        return text == null || text.isBlank() || text.equals("null") ? null : text;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EncryptedValue)) {
            return false;
        }
        EncryptedValue v = (EncryptedValue) o;
        return ciphertext.equals(v.ciphertext) && Objects.equals(ivNonce, v.ivNonce)
                && Objects.equals(sharedKeyEnc, v.sharedKeyEnc) && Objects.equals(pubKeyCs, v.pubKeyCs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ciphertext, ivNonce, sharedKeyEnc, pubKeyCs);
    }

    @Override
    public String toString() {
        return "EncryptedValue[" + ciphertext.length() + " base64 chars" + (ivNonce == null ? ", zero IV" : "")
                + (sharedKeyEnc == null ? "" : ", sharedKeyEnc") + (pubKeyCs == null ? "" : ", pubKeyCS=" + pubKeyCs)
                + "]";
    }
}
