package org.atiot.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtKeysFileTest {
    private static final AtSign PI = AtSign.of("@pi01");
    private static AtKeys keys;
    private static AtKeys deviceKeys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        keys = AtKeysGenerator.newAtSign(PI);
        deviceKeys = AtKeysGenerator.newDevice(PI, keys.encryption(), keys.selfEncryptionKey(), AesKey.generate(),
                "0cf78676-7909-4f69-af84-d8bca7f7657e");
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
        assertEquals(deviceKeys.encryption().publicKey(), read.encryption().publicKey());
        assertEquals(deviceKeys.selfEncryptionKey(), read.selfEncryptionKey());
        assertEquals(deviceKeys.apkamSymmetricKey(), read.apkamSymmetricKey());
        assertEquals(deviceKeys.enrollmentId(), read.enrollmentId());
        assertEquals(AtKeysFile.toJson(deviceKeys), Files.readString(file), "deterministic bytes");
    }

    @Test
    void refusesAFileOthersCanRead() throws Exception {
        Path file = dir.resolve(AtKeysFile.fileName(PI));
        AtKeysFile.write(keys, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFilePermissionException e = assertThrows(KeyFilePermissionException.class, () -> AtKeysFile.read(file));
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
    }

    @Test
    void missingFieldIsNamedWithoutQuotingKeys() {
        String json = AtKeysFile.toJson(keys).replace("\"aesEncryptPrivateKey\"", "\"somethingElse\"");
        KeyFileException e = assertThrows(KeyFileException.class, () -> AtKeysFile.parse(json, PI));
        assertTrue(e.getMessage().contains("aesEncryptPrivateKey"), e.getMessage());
        assertFalse(e.getMessage().contains(keys.selfEncryptionKey().base64()));
    }

    @Test
    void fieldUnderAnotherSelfKeyIsRejected() {
        String json = AtKeysFile.toJson(keys).replace(keys.selfEncryptionKey().base64(), AesKey.generate().base64());
        assertThrows(KeyFileException.class, () -> AtKeysFile.parse(json, PI));
    }

    @Test
    void notJsonIsATypedError() {
        KeyFileException e = assertThrows(KeyFileException.class, () -> AtKeysFile.parse("{\"selfEncryptionKey\":", PI));
        assertTrue(e.getMessage().startsWith("not a .atKeys file"), e.getMessage());
    }

    @Test
    void fileNameWithoutAtSignNeedsAnExplicitOne() throws Exception {
        Path file = dir.resolve("device.keys");
        AtKeysFile.write(keys, file);
        assertThrows(KeyFileException.class, () -> AtKeysFile.read(file));
        assertEquals(PI, AtKeysFile.read(file, PI).atSign());
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        String text = deviceKeys.toString() + keys.pkam().privateKey() + keys.selfEncryptionKey();
        assertFalse(text.contains(keys.selfEncryptionKey().base64()));
        assertFalse(text.contains(keys.pkam().privateKey().base64().substring(40, 80)));
    }
}
