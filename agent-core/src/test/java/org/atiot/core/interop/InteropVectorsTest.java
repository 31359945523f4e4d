package org.atiot.core.interop;

import static org.atiot.core.interop.InteropVectors.object;
import static org.atiot.core.interop.InteropVectors.optText;
import static org.atiot.core.interop.InteropVectors.text;
import static org.atiot.core.interop.InteropVectors.textByPrefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.crypto.DecryptionException;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.json.Json;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.sharing.EncryptedValue;
import org.atiot.core.sharing.SharedKey;
import org.atiot.core.sharing.SharedValueDecryptor;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies that our crypto, key files and shared-value decryption agree with every entry of every group of the
 * vectors the real SDKs produced, following the file's {@code how_to_use} section. One dynamic test per entry id.
 */
class InteropVectorsTest {
    private static final List<String> KEY_FILE_LAYOUTS =
            List.of("legacy_file_content", "apkam_style_file_content", "atc_written_file_content");
    private static final List<String> ENCRYPTED_KEY_FIELDS =
            List.of("aesPkamPublicKey", "aesPkamPrivateKey", "aesEncryptPublicKey", "aesEncryptPrivateKey");
    private static final String SELF_KEY_FIELD = "selfEncryptionKey";

    private static InteropVectors vectors;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        vectors = InteropVectors.load();
    }

    /** Verifies that PKAM signatures are reproduced exactly and verify only with SHA-256. */
    @TestFactory
    Stream<DynamicTest> pkamSignaturesMatchTheSdks() {
        return each("pkam", v -> {
            RsaPrivateKey priv = RsaPrivateKey.fromBase64(text(v, "pkam_private_key_b64"));
            RsaPublicKey pub = RsaPublicKey.fromBase64(text(v, "pkam_public_key_b64"));
            String challenge = text(v, "challenge");
            String expected = text(v, "signature_b64");
            assertEquals(expected, priv.sign(challenge, HashAlgorithm.SHA256), "PKCS#1 v1.5 signing is deterministic");
            assertTrue(pub.verify(challenge, expected, HashAlgorithm.SHA256));
            assertFalse(pub.verify(challenge, expected, HashAlgorithm.SHA512));
            assertFalse(pub.verify(challenge + "x", expected, HashAlgorithm.SHA256));
            assertEquals(pub, priv.publicKey());
            assertEquals(text(v, "pkam_public_key_b64"), priv.publicKey().base64(), "same SPKI encoding as the SDK");
            String command = optText(v, "pkam_command_sent");
            if (command != null) {
                assertEquals("pkam:" + expected, command);
            }
        });
    }

    /** Verifies AES-CTR with PKCS#7 against both IV forms, and that zero-IV encryption is reproduced exactly. */
    @TestFactory
    Stream<DynamicTest> aesCiphertextsMatchTheSdks() {
        return each("aes", v -> {
            AesKey key = AesKey.fromBase64(text(v, "key_b64"));
            String plaintext = text(v, "plaintext");
            String zeroIvCipher = text(v, "ciphertext_zero_iv_b64");
            assertEquals(plaintext, key.decrypt(zeroIvCipher, null));
            assertEquals(plaintext, key.decrypt(zeroIvCipher, AesKey.zeroIv()));
            assertEquals(zeroIvCipher, key.encrypt(plaintext, AesKey.zeroIv()));
            byte[] iv = Base64s.decode(text(v, "random_iv_b64"), "random_iv_b64");
            assertEquals(plaintext, key.decrypt(text(v, "ciphertext_random_iv_b64"), iv));
            assertEquals(text(v, "ciphertext_random_iv_b64"), key.encrypt(plaintext, iv));

            String hex = optText(v, "plaintext_utf8_hex");
            if (hex != null) {
                assertEquals(hex, Hex.toHexString(plaintext.getBytes(StandardCharsets.UTF_8)));
            }
            if (v.get("ciphertext_zero_iv_byte_length") instanceof Long) {
                assertEquals((long) (Long) v.get("ciphertext_zero_iv_byte_length"),
                        Base64s.decode(zeroIvCipher, "ciphertext").length, "PKCS#7 padding is applied before CTR");
            }
            String zeroIv = optText(v, "zero_iv_b64");
            if (zeroIv != null) {
                assertEquals(zeroIv, Base64s.encode(AesKey.zeroIv()));
            }
        });
    }

    /** Verifies that RSA ciphertexts from at_java and at_c decrypt, and ours decrypt too. */
    @TestFactory
    Stream<DynamicTest> rsaCiphertextsOfBothSdksDecrypt() {
        return each("rsa", v -> {
            RsaPrivateKey priv = RsaPrivateKey.fromBase64(text(v, "private_key_b64"));
            RsaPublicKey pub = RsaPublicKey.fromBase64(text(v, "public_key_b64"));
            String plaintext = text(v, "plaintext");
            assertEquals(plaintext, priv.decrypt(text(v, "ciphertext_b64")));
            assertEquals(plaintext, priv.decrypt(text(v, "atc_ciphertext_b64")));
            assertEquals(pub, priv.publicKey());
            assertEquals(plaintext, priv.decrypt(pub.encrypt(plaintext)), "our own ciphertext round-trips");
        });
    }

    /**
     * Verifies that every SDK's key file parses to {@code decrypted_keys}, that writing {@code decrypted_keys} back
     * reproduces each encrypted field exactly, and that our writer's bytes equal at_c's.
     */
    @TestFactory
    Stream<DynamicTest> keyFilesOfEverySdkParseAndRewriteIdentically() {
        return each("atkeys", v -> {
            AtSign atSign = AtSign.of(text(v, "atSign"));
            Map<String, Object> plain = object(v, "decrypted_keys");
            Map<String, Object> ours = Json.parseObject(AtKeysFile.toJson(keysFrom(atSign, plain)));

            for (String layout : KEY_FILE_LAYOUTS) {
                String content = text(v, layout);
                Map<String, Object> theirs = Json.parseObject(content);
                for (String field : ENCRYPTED_KEY_FIELDS) {
                    assertEquals(theirs.get(field), ours.get(field), layout + ": field " + field + " rewritten");
                }
                assertEquals(theirs.get(SELF_KEY_FIELD), ours.get(SELF_KEY_FIELD), layout);

                AtKeys parsed = AtKeysFile.parse(content, atSign);
                assertKeys(plain, parsed, layout);
                if (theirs.containsKey("enrollmentId")) {
                    assertEquals(textByPrefix(plain, "apkamSymmetricKey"),
                            parsed.apkamSymmetricKey().orElseThrow().base64(), layout);
                    assertEquals(textByPrefix(plain, "enrollmentId"), parsed.enrollmentId().orElseThrow(), layout);
                }

                // The same file read from disk the way the agent reads it: owner-only, named by convention.
                Path file = Files.createDirectories(dir.resolve(String.valueOf(v.get("id"))).resolve(layout))
                        .resolve(AtKeysFile.fileName(atSign));
                Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))), content);
                assertKeys(plain, AtKeysFile.read(file), layout + " from disk");
            }

            // Our writer's layout is at_c's: same keys, same bytes.
            String atc = text(v, "atc_written_file_content");
            assertEquals(atc, AtKeysFile.toJson(AtKeysFile.parse(atc, atSign)));

            // APKAM-era keys we write come back with both extra fields.
            AtKeys apkam = AtKeysFile.parse(text(v, "apkam_style_file_content"), atSign);
            Path written = dir.resolve("written-" + v.get("id")).resolve(AtKeysFile.fileName(atSign));
            AtKeysFile.write(apkam, written);
            AtKeys back = AtKeysFile.read(written);
            assertKeys(plain, back, "written apkam file");
            assertEquals(apkam.enrollmentId(), back.enrollmentId());
            assertEquals(apkam.apkamSymmetricKey(), back.apkamSymmetricKey());
        });
    }

    /**
     * Verifies that, as the recipient, we decrypt the at_java share (zero IV, looked-up key copy) and the random-IV
     * variant (ivNonce and sharedKeyEnc in the monitor event), and that what we send decrypts with the same keys.
     */
    @TestFactory
    Stream<DynamicTest> notificationsFromTheSdksDecryptAsTheRecipient() {
        return each("notification", v -> {
            RsaPrivateKey recipient = RsaPrivateKey.fromBase64(text(v, "recipient_encryption_private_key_b64"));
            RsaPrivateKey sender = RsaPrivateKey.fromBase64(text(v, "sender_encryption_private_key_b64"));
            String sharedKeyText = text(v, "shared_key_plain_b64");
            String recipientCopy = text(v, "shared_key_encrypted_for_recipient_b64");
            String plaintext = text(v, "text");
            SharedValueDecryptor decryptor = new SharedValueDecryptor(recipient);

            assertEquals(sharedKeyText, SharedKey.recover(recipientCopy, recipient).aesKey().base64());
            assertEquals(sharedKeyText,
                    SharedKey.recover(text(v, "shared_key_encrypted_for_sender_b64"), sender).aesKey().base64());
            SharedKey shared = SharedKey.of(AesKey.fromBase64(sharedKeyText));
            assertEquals(plaintext, shared.decrypt(text(v, "encrypted_value_b64"), null), "zero IV");

            // Legacy form (at_java): no ivNonce, no sharedKeyEnc; the recipient looked its copy up.
            Map<String, Object> event = object(v, "monitor_event_fed_to_receiver");
            Map<String, Object> meta = object(event, "metadata");
            assertEquals(text(v, "encrypted_value_b64"), text(event, "value"));
            EncryptedValue legacy = received(event, meta);
            assertEquals(plaintext, decryptor.decrypt(legacy, recipientCopy));

            // Random-IV form (Dart with ivNonce, at_c).
            Map<String, Object> variant = object(v, "random_iv_variant");
            Map<String, Object> liveEvent = object(variant, "monitor_event_fed_to_receiver");
            Map<String, Object> liveMeta = object(liveEvent, "metadata");
            assertEquals(text(variant, "encrypted_value_b64"), text(liveEvent, "value"));
            assertEquals(text(variant, "ivNonce_b64"), text(liveMeta, "ivNonce"));
            assertEquals(plaintext, shared.decrypt(text(variant, "encrypted_value_b64"), text(variant, "ivNonce_b64")));
            EncryptedValue live = received(liveEvent, liveMeta);
            String lookedUp = live.sharedKeyEnc() == null ? recipientCopy : null; // inlined copy must suffice
            assertEquals(plaintext, decryptor.decrypt(live, lookedUp));
            String zeroIvOutcome = optText(variant, "zero_iv_decrypt_of_this_ciphertext_gives");
            if (zeroIvOutcome != null && zeroIvOutcome.startsWith("exception")) {
                assertThrows(DecryptionException.class, () -> shared.decrypt(live.ciphertext(), null),
                        "ignoring ivNonce must not silently give a wrong text");
            }

            // Sending direction: what we make for this recipient, it can decrypt.
            RsaPublicKey recipientPublic = recipient.publicKey();
            EncryptedValue sent = shared.encryptFor(plaintext, recipientPublic, recipientCopy);
            assertEquals(Digests.publicKeyChecksum(recipientPublic.base64()), sent.pubKeyCs());
            assertEquals(plaintext, decryptor.decrypt(sent, null));
            EncryptedValue sentFreshCopy = SharedKey.generate().encryptFor(plaintext, recipientPublic, null);
            assertEquals(plaintext, decryptor.decrypt(sentFreshCopy, null));
        });
    }

    /** Verifies pubKeyCS: MD5 hex of the public key's base64 text. */
    @TestFactory
    Stream<DynamicTest> pubKeyChecksumFollowsTheDartRule() {
        return each("pubkeycs", v -> {
            assertEquals(text(v, "pubKeyCS"), Digests.publicKeyChecksum(text(v, "public_key_b64")));
            String derDigest = optText(v, "md5_of_der_bytes_for_contrast_not_used");
            if (derDigest != null) {
                assertFalse(derDigest.equals(Digests.publicKeyChecksum(text(v, "public_key_b64"))));
            }
        });
    }

    /** Verifies the CRAM digest and command. */
    @TestFactory
    Stream<DynamicTest> cramDigestMatchesTheSdk() {
        return each("cram", v -> {
            String digest = Digests.cramDigest(text(v, "cram_secret"), text(v, "challenge"));
            assertEquals(text(v, "digest_hex"), digest);
            String command = optText(v, "command");
            if (command != null) {
                assertEquals("cram:" + digest, command);
            }
        });
    }

    private static AtKeys keysFrom(AtSign atSign, Map<String, Object> plain) throws Exception {
        RsaKeyPair pkam = new RsaKeyPair(RsaPublicKey.fromBase64(text(plain, "aesPkamPublicKey")),
                RsaPrivateKey.fromBase64(text(plain, "aesPkamPrivateKey")));
        RsaKeyPair encryption = new RsaKeyPair(RsaPublicKey.fromBase64(text(plain, "aesEncryptPublicKey")),
                RsaPrivateKey.fromBase64(text(plain, "aesEncryptPrivateKey")));
        return new AtKeys(atSign, pkam, encryption, AesKey.fromBase64(text(plain, SELF_KEY_FIELD)), null, null);
    }

    private static void assertKeys(Map<String, Object> plain, AtKeys keys, String what) {
        assertEquals(text(plain, SELF_KEY_FIELD), keys.selfEncryptionKey().base64(), what);
        assertEquals(text(plain, "aesPkamPublicKey"), keys.pkam().publicKey().base64(), what);
        assertEquals(text(plain, "aesPkamPrivateKey"), keys.pkam().privateKey().base64(), what);
        assertEquals(text(plain, "aesEncryptPublicKey"), keys.encryption().publicKey().base64(), what);
        assertEquals(text(plain, "aesEncryptPrivateKey"), keys.encryption().privateKey().base64(), what);
    }

    /** The value and metadata of a monitor event as the protocol layer hands them over. */
    private static EncryptedValue received(Map<String, Object> event, Map<String, Object> meta) {
        return new EncryptedValue(text(event, "value"), optText(meta, "ivNonce"), optText(meta, "sharedKeyEnc"),
                optText(meta, "pubKeyCS"));
    }

    /** One dynamic test per entry of {@code group}, named by the entry's id. */
    private static Stream<DynamicTest> each(String group, ThrowingConsumer check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> entry : vectors.group(group)) {
            assertNotNull(entry.get("id"), "every entry of group '" + group + "' has an id");
            tests.add(DynamicTest.dynamicTest(String.valueOf(entry.get("id")), () -> check.accept(entry)));
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(Map<String, Object> entry) throws Exception;
    }
}
