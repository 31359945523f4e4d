package org.atiot.core.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/**
 * Reads and writes {@code .atKeys} files, byte-compatible with the ones at_java, at_c and the Dart SDK write.
 *
 * <p>The file is one JSON object of strings. {@code selfEncryptionKey} is in the clear; the four {@code aes*} fields
 * hold each key's base64 text, PKCS#7-padded and AES-256-CTR encrypted under the self key with the all-zero IV, so
 * the encryption is deterministic. APKAM-era files add {@code apkamSymmetricKey} and {@code enrollmentId} in the
 * clear. Other fields (the Dart CLI's {@code "@alice"} copy of the self key) are ignored.
 *
 * <p>We write at_c's compact layout and field order; writing the same keys twice gives identical bytes.
 */
public final class AtKeysFile {
    static final String PKAM_PUBLIC = "aesPkamPublicKey";
    static final String PKAM_PRIVATE = "aesPkamPrivateKey";
    static final String ENCRYPT_PUBLIC = "aesEncryptPublicKey";
    static final String ENCRYPT_PRIVATE = "aesEncryptPrivateKey";
    static final String SELF_KEY = "selfEncryptionKey";
    static final String APKAM_SYMMETRIC = "apkamSymmetricKey";
    static final String ENROLLMENT_ID = "enrollmentId";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private AtKeysFile() {
    }

    /** The conventional location: {@code ~/.atsign/keys/@alice_key.atKeys}. */
    public static Path defaultLocation(AtSign atSign) {
        return Path.of(System.getProperty("user.home"), ".atsign", "keys", fileName(atSign));
    }

    /** {@code @alice_key.atKeys}. */
    public static String fileName(AtSign atSign) {
        return atSign + "_key.atKeys";
    }

    /** Reads a key file whose name follows the {@code @alice_key.atKeys} convention. */
    public static AtKeys read(Path file) throws IOException {
        String name = file.getFileName().toString();
        int end = name.indexOf("_key.atKeys");
        if (!name.startsWith("@") || end < 2) {
            throw new KeyFileException("cannot tell the atSign from the file name " + name
                    + "; name it @<atsign>_key.atKeys or give the atSign explicitly");
        }
        return read(file, AtSign.of(name.substring(0, end)));
    }

    /** Reads {@code file} as the keys of {@code atSign}; refuses files that group or others may access. */
    public static AtKeys read(Path file, AtSign atSign) throws IOException {
        checkOwnerOnly(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
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
            throw new KeyFileException("not a .atKeys file: " + e.getMessage());
        }
        AesKey self;
        try {
            self = AesKey.fromBase64(required(fields, SELF_KEY));
        } catch (KeyFormatException e) {
            throw new KeyFileException("field " + SELF_KEY + ": " + e.getMessage());
        }
        RsaPublicKey pkamPublic = RsaPublicKey.class.cast(decryptKey(fields, PKAM_PUBLIC, self, true));
        RsaPrivateKey pkamPrivate = RsaPrivateKey.class.cast(decryptKey(fields, PKAM_PRIVATE, self, false));
        RsaPublicKey encPublic = RsaPublicKey.class.cast(decryptKey(fields, ENCRYPT_PUBLIC, self, true));
        RsaPrivateKey encPrivate = RsaPrivateKey.class.cast(decryptKey(fields, ENCRYPT_PRIVATE, self, false));
        if (!pkamPrivate.publicKey().equals(pkamPublic)) {
            throw new KeyFileException("field " + PKAM_PRIVATE + " does not match " + PKAM_PUBLIC);
        }
        if (!encPrivate.publicKey().equals(encPublic)) {
            throw new KeyFileException("field " + ENCRYPT_PRIVATE + " does not match " + ENCRYPT_PUBLIC);
        }
        AesKey apkam = null;
        String apkamText = optional(fields, APKAM_SYMMETRIC);
        if (apkamText != null) {
            try {
                apkam = AesKey.fromBase64(apkamText);
            } catch (KeyFormatException e) {
                throw new KeyFileException("field " + APKAM_SYMMETRIC + ": " + e.getMessage());
            }
        }
        String enrollmentId = optional(fields, ENROLLMENT_ID);
        return new AtKeys(atSign, new RsaKeyPair(pkamPublic, pkamPrivate), new RsaKeyPair(encPublic, encPrivate),
                self, apkam, enrollmentId == null || enrollmentId.isBlank() ? null : enrollmentId);
    }

    /** The file's JSON text for {@code keys}: compact, fixed field order, deterministic. */
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
     * directory is created with mode 0700.
     */
    public static void write(AtKeys keys, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(toJson(keys)));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new KeyFileException("key file not found: " + file);
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return; // no POSIX modes on this file system; nothing to check
        }
        Set<PosixFilePermission> extra = EnumSet.copyOf(perms);
        extra.removeAll(OWNER_ONLY);
        extra.remove(PosixFilePermission.OWNER_EXECUTE);
        if (!extra.isEmpty()) {
            throw new KeyFilePermissionException("key file " + file + " is accessible by other users (mode "
                    + PosixFilePermissions.toString(perms) + "); fix it with: chmod 600 " + file);
        }
    }

    private static Object decryptKey(Map<String, Object> fields, String name, AesKey self, boolean isPublic)
            throws KeyFileException {
        String text;
        try {
            text = self.decrypt(required(fields, name), AesKey.zeroIv());
        } catch (DecryptionException e) {
            throw new KeyFileException("field " + name + " does not decrypt with the file's selfEncryptionKey");
        }
        try {
            return isPublic ? RsaPublicKey.fromBase64(text) : RsaPrivateKey.fromBase64(text);
        } catch (KeyFormatException e) {
            throw new KeyFileException("field " + name + " does not hold an RSA key: " + e.getMessage());
        }
    }

    private static String required(Map<String, Object> fields, String name) throws KeyFileException {
        Object v = fields.get(name);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new KeyFileException("field " + name + " is missing or not a string");
        }
        return (String) v;
    }

    private static String optional(Map<String, Object> fields, String name) throws KeyFileException {
        Object v = fields.get(name);
        if (v != null && !(v instanceof String)) {
            throw new KeyFileException("field " + name + " is not a string");
        }
        return (String) v;
    }
}
