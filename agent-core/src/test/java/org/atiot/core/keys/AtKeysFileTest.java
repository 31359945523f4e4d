package org.atiot.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtKeysFileTest {
    private static final AtSign PI = AtSign.of("@pi01");
    private static final String ENROLLMENT = "0cf78676-7909-4f69-af84-d8bca7f7657e";
    private static AtKeys keys;
    private static AtKeys deviceKeys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        keys = AtKeysGenerator.newAtSign(PI);
        deviceKeys = AtKeysGenerator.newDevice(PI, keys.encryption(), keys.selfEncryptionKey(), AesKey.generate(),
                ENROLLMENT);
    }

    /** Verifies that a written file reads back to the same keys, owner-only, through the naming convention. */
    @Test
    void writeThenReadRoundTrips() throws Exception {
        Path file = dir.resolve("keys").resolve(AtKeysFile.fileName(PI));
        AtKeysFile.write(deviceKeys, file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        AtKeys read = AtKeysFile.read(file);
        assertEquals(PI, read.atSign());
        assertEquals(deviceKeys.pkam().publicKey(), read.pkam().publicKey());
        assertEquals(deviceKeys.pkam().privateKey().base64(), read.pkam().privateKey().base64());
        assertEquals(deviceKeys.encryption().publicKey(), read.encryption().publicKey());
        assertEquals(deviceKeys.encryption().privateKey().base64(), read.encryption().privateKey().base64());
        assertEquals(deviceKeys.selfEncryptionKey(), read.selfEncryptionKey());
        assertEquals(deviceKeys.apkamSymmetricKey(), read.apkamSymmetricKey());
        assertEquals(deviceKeys.enrollmentId(), read.enrollmentId());
    }

    /** Verifies the at_c layout: compact, fixed field order, APKAM fields last, identical bytes on every write. */
    @Test
    void writingIsDeterministicInAtcLayout() throws Exception {
        Path first = dir.resolve("a").resolve(AtKeysFile.fileName(PI));
        Path second = dir.resolve("b").resolve(AtKeysFile.fileName(PI));
        AtKeysFile.write(deviceKeys, first);
        AtKeysFile.write(AtKeysFile.read(first), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        String text = Files.readString(first);
        assertEquals(AtKeysFile.toJson(deviceKeys), text);
        assertEquals(List.of("aesPkamPublicKey", "aesPkamPrivateKey", "aesEncryptPublicKey", "aesEncryptPrivateKey",
                "selfEncryptionKey", "apkamSymmetricKey", "enrollmentId"),
                List.copyOf(Json.parseObject(text).keySet()));
        assertFalse(text.contains("\n") || text.contains(" "), "compact");
        assertEquals(5, Json.parseObject(AtKeysFile.toJson(keys)).size(), "legacy keys: five fields");
    }

    /** Verifies that replacing a file leaves no temporary file behind and keeps the mode. */
    @Test
    void overwriteIsAtomicAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve(AtKeysFile.fileName(PI));
        AtKeysFile.write(keys, file);
        AtKeysFile.write(deviceKeys, file);
        assertEquals(ENROLLMENT, AtKeysFile.read(file).enrollmentId().orElseThrow());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** Verifies that any group or other access bit is refused, with the exact command that fixes it. */
    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw-----w-", "rw----r--", "rwx--x---"})
    void refusesAFileOthersCanAccess(String mode) throws Exception {
        Path file = dir.resolve(AtKeysFile.fileName(PI));
        AtKeysFile.write(keys, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        KeyFilePermissionException e = assertThrows(KeyFilePermissionException.class, () -> AtKeysFile.read(file));
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertEquals(PI, AtKeysFile.read(file).atSign(), "owner read-only is fine");
    }

    /** Verifies that a missing file, a huge file and a non-UTF-8 file are typed errors naming the file. */
    @Test
    void unreadableFilesAreTypedErrors() throws Exception {
        Path missing = dir.resolve(AtKeysFile.fileName(PI));
        KeyFileException notFound = assertThrows(KeyFileException.class, () -> AtKeysFile.read(missing));
        assertTrue(notFound.getMessage().contains("not found: " + missing), notFound.getMessage());

        Path huge = ownerOnly(dir.resolve("huge").resolve(AtKeysFile.fileName(PI)),
                new byte[AtKeysFile.MAX_FILE_BYTES + 1]);
        assertTrue(assertThrows(KeyFileException.class, () -> AtKeysFile.read(huge)).getMessage().contains("bytes"));

        Path binary = ownerOnly(dir.resolve("bin").resolve(AtKeysFile.fileName(PI)),
                new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        assertTrue(assertThrows(KeyFileException.class, () -> AtKeysFile.read(binary)).getMessage()
                .contains("not UTF-8"));
    }

    /** Verifies that a missing field is named, and that no error message ever quotes key material. */
    @ParameterizedTest
    @ValueSource(strings = {"aesPkamPublicKey", "aesPkamPrivateKey", "aesEncryptPublicKey", "aesEncryptPrivateKey",
        "selfEncryptionKey"})
    void missingFieldIsNamedWithoutQuotingKeys(String field) throws Exception {
        Map<String, Object> fields = Json.parseObject(AtKeysFile.toJson(keys));
        fields.remove(field);
        KeyFileException e = assertThrows(KeyFileException.class, () -> AtKeysFile.parse(Json.write(fields), PI));
        assertEquals("field " + field + " is missing", e.getMessage());
    }

    /** Verifies wrong types, undecryptable fields and mismatched pairs, each naming the field and no value. */
    @Test
    void corruptFieldsAreNamedWithoutQuotingKeys() throws Exception {
        String json = AtKeysFile.toJson(deviceKeys);
        Map<String, Object> fields = Json.parseObject(json);

        assertFieldError(with(fields, "aesPkamPublicKey", 42L), "aesPkamPublicKey");
        assertFieldError(with(fields, "selfEncryptionKey", "AAAA"), "selfEncryptionKey");
        assertFieldError(with(fields, "aesEncryptPrivateKey", "not base64!"), "aesEncryptPrivateKey");
        assertFieldError(with(fields, "apkamSymmetricKey", "short"), "apkamSymmetricKey");
        assertFieldError(with(fields, "enrollmentId", "id:with:colons"), "enrollmentId");
        assertFieldError(with(fields, "enrollmentId", List.of()), "enrollmentId");
        // A field encrypted under another self key does not decrypt.
        assertFieldError(with(fields, "selfEncryptionKey", AesKey.generate().base64()), "aesPkamPublicKey");
        // The PKAM private key swapped for the encryption one: both decrypt, but they are not a pair.
        assertFieldError(with(fields, "aesPkamPrivateKey", fields.get("aesEncryptPrivateKey")), "aesPkamPrivateKey");
        // A public-key field that holds a private key.
        assertFieldError(with(fields, "aesPkamPublicKey", fields.get("aesPkamPrivateKey")), "aesPkamPublicKey");
    }

    /** Verifies that malformed JSON is a typed error giving only an offset, never text of the file. */
    @Test
    void notJsonIsATypedErrorWithoutContent() {
        String secretLooking = "{\"selfEncryptionKey\":\"c2VjcmV0\" x";
        KeyFileException e = assertThrows(KeyFileException.class, () -> AtKeysFile.parse(secretLooking, PI));
        assertTrue(e.getMessage().startsWith("not a .atKeys file: malformed JSON at offset"), e.getMessage());
        assertFalse(e.getMessage().contains("'x'"));
        assertThrows(KeyFileException.class, () -> AtKeysFile.parse("[]", PI));
        assertThrows(KeyFileException.class, () -> AtKeysFile.parse("", PI));
    }

    /** Verifies that unknown fields are ignored, and the Dart CLI's "@atsign" field must name our atSign. */
    @Test
    void extraFieldsAreIgnoredButTheOwnerFieldMustMatch() throws Exception {
        Map<String, Object> fields = Json.parseObject(AtKeysFile.toJson(keys));
        fields.put("@pi01", keys.selfEncryptionKey().base64());
        fields.put("somethingNew", "whatever");
        assertEquals(PI, AtKeysFile.parse(Json.write(fields), PI).atSign());
        fields.put("@alice", "x");
        KeyFileException e = assertThrows(KeyFileException.class, () -> AtKeysFile.parse(Json.write(fields), PI));
        assertTrue(e.getMessage().contains("key file of @alice, not of @pi01"), e.getMessage());
    }

    /** Verifies that the atSign comes from the conventional name, or must be given. */
    @Test
    void fileNameWithoutAtSignNeedsAnExplicitOne() throws Exception {
        Path file = dir.resolve("device.keys");
        AtKeysFile.write(keys, file);
        assertThrows(KeyFileException.class, () -> AtKeysFile.read(file));
        assertEquals(PI, AtKeysFile.read(file, PI).atSign());
        Path badName = dir.resolve("@bad:name_key.atKeys");
        AtKeysFile.write(keys, badName);
        assertThrows(KeyFileException.class, () -> AtKeysFile.read(badName));
    }

    /** Verifies the default location convention. */
    @Test
    void defaultLocation() {
        assertEquals(Path.of(System.getProperty("user.home"), ".atsign", "keys", "@pi01_key.atKeys"),
                AtKeysFile.defaultLocation(PI));
    }

    /** Verifies APKAM onboarding: keys made before the enrollment id is known get it added, then persist. */
    @Test
    void apkamOnboardingAddsTheEnrollmentIdLater() throws Exception {
        AtKeys fresh = AtKeysGenerator.newApkamAtSign(PI);
        assertTrue(fresh.apkamSymmetricKey().isPresent());
        assertTrue(fresh.enrollmentId().isEmpty());
        AtKeys enrolled = fresh.withEnrollmentId(ENROLLMENT);
        assertEquals(fresh.pkam(), enrolled.pkam());
        Path file = dir.resolve(AtKeysFile.fileName(PI));
        AtKeysFile.write(enrolled, file);
        AtKeys read = AtKeysFile.read(file);
        assertEquals(ENROLLMENT, read.enrollmentId().orElseThrow());
        assertEquals(fresh.apkamSymmetricKey(), read.apkamSymmetricKey());
        assertThrows(IllegalArgumentException.class, () -> fresh.withEnrollmentId("a b"));
        assertThrows(IllegalArgumentException.class, () -> fresh.withEnrollmentId(""));
        assertThrows(IllegalArgumentException.class, () -> fresh.withEnrollmentId("x".repeat(129)));
    }

    /** Verifies that printing keys never shows key material. */
    @Test
    void toStringNeverShowsKeyMaterial() {
        String text = deviceKeys.toString() + keys.pkam().privateKey() + keys.selfEncryptionKey();
        assertFalse(text.contains(keys.selfEncryptionKey().base64()));
        assertFalse(text.contains(keys.pkam().privateKey().base64().substring(40, 80)));
        assertTrue(deviceKeys.toString().contains(ENROLLMENT));
    }

    private static Map<String, Object> with(Map<String, Object> fields, String name, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(fields);
        copy.put(name, value);
        return copy;
    }

    private static void assertFieldError(Map<String, Object> fields, String field) {
        KeyFileException e = assertThrows(KeyFileException.class, () -> AtKeysFile.parse(Json.write(fields), PI));
        assertTrue(e.getMessage().contains(field), e.getMessage());
        for (Object value : fields.values()) {
            if (value instanceof String && ((String) value).length() > 20) {
                assertFalse(e.getMessage().contains((String) value), "message quotes a value: " + e.getMessage());
            }
        }
    }

    private static Path ownerOnly(Path file, byte[] content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
        return file;
    }
}
