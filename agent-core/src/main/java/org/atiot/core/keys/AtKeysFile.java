package org.atiot.core.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.atiot.core.io.OwnerOnlyFiles;

/**
 * Reads and writes {@code .atKeys} files, byte-compatible with the ones at_java, at_c and the Dart SDK write.
 *
 * <p>The file is one JSON object of strings. {@code selfEncryptionKey} is in the clear; the four {@code aes*} fields
 * hold each key's base64 text, PKCS#7-padded and AES-256-CTR encrypted under the self key with the all-zero IV, so
 * the encryption is deterministic. APKAM-era files add {@code apkamSymmetricKey} and {@code enrollmentId} in the
 * clear. Other fields are ignored, except that the Dart CLI's {@code "@alice"} copy of the self key must name the
 * atSign the file is read for.
 *
 * <p>Writing uses at_c's layout: compact JSON, fields in the order pkam public, pkam private, encryption public,
 * encryption private, self key, then the two APKAM fields when present, no trailing newline. For a legacy key set
 * that is byte for byte the file at_c writes, and writing the same keys twice gives identical bytes.
 */
public final class AtKeysFile {
    /** Real files are about 6 KB; a bigger file is refused before it is read into memory. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    static final String PKAM_PUBLIC = "aesPkamPublicKey";
    static final String PKAM_PRIVATE = "aesPkamPrivateKey";
    static final String ENCRYPT_PUBLIC = "aesEncryptPublicKey";
    static final String ENCRYPT_PRIVATE = "aesEncryptPrivateKey";
    static final String SELF_KEY = "selfEncryptionKey";
    static final String APKAM_SYMMETRIC = "apkamSymmetricKey";
    static final String ENROLLMENT_ID = "enrollmentId";

    private static final String FILE_SUFFIX = "_key.atKeys";

    private AtKeysFile() {
    }

    /** The conventional location: {@code ~/.atsign/keys/@alice_key.atKeys}. */
    public static Path defaultLocation(AtSign atSign) {
        return Path.of(System.getProperty("user.home"), ".atsign", "keys", fileName(atSign));
    }

    /** {@code @alice_key.atKeys}. */
    public static String fileName(AtSign atSign) {
        return atSign + FILE_SUFFIX;
    }

    /** Reads a key file whose name follows the {@code @alice_key.atKeys} convention. */
    public static AtKeys read(Path file) throws IOException {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString();
        int end = text.indexOf(FILE_SUFFIX);
        if (!text.startsWith("@") || end < 2) {
            throw new KeyFileException("cannot tell the atSign from the file name '" + text
                    + "'; name it @<atsign>" + FILE_SUFFIX + " or give the atSign explicitly");
        }
        AtSign atSign;
        try {
            atSign = AtSign.of(text.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException("the file name '" + text + "' does not start with a valid atSign: "
                    + e.getMessage());
        }
        return read(file, atSign);
    }

    /**
     * Reads {@code file} as the keys of {@code atSign}.
     *
     * @throws KeyFilePermissionException if group or others have any access to the file
     * @throws KeyFileException           if the file is missing, too big, not JSON, or a field is missing or does
     *                                    not decrypt; the message names the file and the field, never a value
     */
    public static AtKeys read(Path file, AtSign atSign) throws IOException {
        String text = OwnerOnlyFiles.readText(file, MAX_FILE_BYTES);
        try {
            return parse(text, atSign);
        } catch (KeyFileException e) {
            throw new KeyFileException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON text of a key file. */
    public static AtKeys parse(String json, AtSign atSign) throws KeyFileException {
        Map<String, Object> fields;
        try {
            fields = Json.parseObject(json);
        } catch (JsonException e) {
            // The parser's message can quote a character of the document; key files are secret, so only the offset.
            throw new KeyFileException("not a .atKeys file: malformed JSON"
                    + (e.offset() >= 0 ? " at offset " + e.offset() : " (not an object)"));
        }
        checkOwner(fields, atSign);
        AesKey self = aesKey(fields, SELF_KEY, required(fields, SELF_KEY));
        RsaPublicKey pkamPublic = RsaPublicKey.class.cast(decryptKey(fields, PKAM_PUBLIC, self, true));
        RsaPrivateKey pkamPrivate = RsaPrivateKey.class.cast(decryptKey(fields, PKAM_PRIVATE, self, false));
        RsaPublicKey encPublic = RsaPublicKey.class.cast(decryptKey(fields, ENCRYPT_PUBLIC, self, true));
        RsaPrivateKey encPrivate = RsaPrivateKey.class.cast(decryptKey(fields, ENCRYPT_PRIVATE, self, false));
        if (!pkamPrivate.publicKey().equals(pkamPublic)) {
            throw new KeyFileException("field " + PKAM_PRIVATE + " does not belong to " + PKAM_PUBLIC);
        }
        if (!encPrivate.publicKey().equals(encPublic)) {
            throw new KeyFileException("field " + ENCRYPT_PRIVATE + " does not belong to " + ENCRYPT_PUBLIC);
        }
        String apkamText = optional(fields, APKAM_SYMMETRIC);
        AesKey apkam = apkamText == null ? null : aesKey(fields, APKAM_SYMMETRIC, apkamText);
        String enrollmentId = optional(fields, ENROLLMENT_ID);
        if (enrollmentId != null) {
            String problem = AtKeys.checkEnrollmentId(enrollmentId);
            if (problem != null) {
                throw new KeyFileException("field " + ENROLLMENT_ID + ": " + problem);
            }
        }
        return new AtKeys(atSign, new RsaKeyPair(pkamPublic, pkamPrivate), new RsaKeyPair(encPublic, encPrivate),
                self, apkam, enrollmentId);
    }

    /** The file's JSON text for {@code keys}: at_c's compact layout and field order, deterministic. */
    public static String toJson(AtKeys keys) {
        AesKey self = keys.selfEncryptionKey();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(PKAM_PUBLIC, self.encrypt(keys.pkam().publicKey().base64(), AesKey.zeroIv()));
        fields.put(PKAM_PRIVATE, self.encrypt(keys.pkam().privateKey().base64(), AesKey.zeroIv()));
        fields.put(ENCRYPT_PUBLIC, self.encrypt(keys.encryption().publicKey().base64(), AesKey.zeroIv()));
        fields.put(ENCRYPT_PRIVATE, self.encrypt(keys.encryption().privateKey().base64(), AesKey.zeroIv()));
        fields.put(SELF_KEY, self.base64());
        keys.apkamSymmetricKey().ifPresent(k -> fields.put(APKAM_SYMMETRIC, k.base64()));
        keys.enrollmentId().ifPresent(id -> fields.put(ENROLLMENT_ID, id));
        return Json.write(fields);
    }

    /**
     * Writes {@code keys} to {@code file} atomically (temporary file, fsync, rename) with mode 0600; a missing parent
     * directory is created with mode 0700. An existing file is replaced.
     */
    public static void write(AtKeys keys, Path file) throws IOException {
        OwnerOnlyFiles.writeAtomically(file, toJson(keys).getBytes(StandardCharsets.UTF_8));
    }

    /** The Dart CLI stores the self key under the atSign's own name; any such field must be ours. */
    private static void checkOwner(Map<String, Object> fields, AtSign atSign) throws KeyFileException {
        for (String name : fields.keySet()) {
            if (!name.startsWith("@")) {
                continue;
            }
            AtSign owner;
            try {
                owner = AtSign.of(name);
            } catch (IllegalArgumentException notAnAtSign) {
                continue;
            }
            if (!owner.equals(atSign)) {
                throw new KeyFileException("this is the key file of " + owner + ", not of " + atSign
                        + "; use the file of " + atSign + " or name the right atSign");
            }
        }
    }

    private static AesKey aesKey(Map<String, Object> fields, String name, String text) throws KeyFileException {
        try {
            return AesKey.fromBase64(text);
        } catch (KeyFormatException e) {
            throw new KeyFileException("field " + name + " is not a base64 AES-256 key");
        }
    }

    private static Object decryptKey(Map<String, Object> fields, String name, AesKey self, boolean isPublic)
            throws KeyFileException {
        String text;
        try {
            text = self.decrypt(required(fields, name), AesKey.zeroIv());
        } catch (DecryptionException e) {
            throw new KeyFileException("field " + name + " does not decrypt with the file's " + SELF_KEY);
        }
        try {
            return isPublic ? RsaPublicKey.fromBase64(text) : RsaPrivateKey.fromBase64(text);
        } catch (KeyFormatException e) {
            throw new KeyFileException("field " + name + " does not hold an RSA key: " + e.getMessage());
        }
    }

    private static String required(Map<String, Object> fields, String name) throws KeyFileException {
        Object v = fields.get(name);
        if (v == null) {
            throw new KeyFileException("field " + name + " is missing");
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new KeyFileException("field " + name + " must be a non-empty string");
        }
        return (String) v;
    }

    private static String optional(Map<String, Object> fields, String name) throws KeyFileException {
        Object v = fields.get(name);
        if (v != null && !(v instanceof String)) {
            throw new KeyFileException("field " + name + " must be a string");
        }
        String s = (String) v;
        return s == null || s.isBlank() ? null : s;
    }
}
