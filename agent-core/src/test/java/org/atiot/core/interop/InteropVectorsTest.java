package org.atiot.core.interop;

import static org.atiot.core.interop.InteropVectors.object;
import static org.atiot.core.interop.InteropVectors.text;
import static org.atiot.core.interop.InteropVectors.textByPrefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.json.Json;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.sharing.SharedValueDecryptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Verifies that our crypto and key files agree with every vector the real SDKs produced. */
class InteropVectorsTest {
    private static InteropVectors vectors;

    @BeforeAll
    static void load() throws Exception {
        vectors = InteropVectors.load();
    }

    @TestFactory
    Stream<DynamicTest> pkamSignaturesMatchTheSdks() {
        return each("pkam", v -> {
            RsaPrivateKey priv = RsaPrivateKey.fromBase64(text(v, "pkam_private_key_b64"));
            RsaPublicKey pub = RsaPublicKey.fromBase64(text(v, "pkam_public_key_b64"));
            String challenge = text(v, "challenge");
            String signature = priv.sign(challenge, HashAlgorithm.SHA256);
            assertEquals(text(v, "signature_b64"), signature, "PKCS#1 v1.5 signatures are deterministic");
            assertTrue(pub.verify(challenge, text(v, "signature_b64"), HashAlgorithm.SHA256));
            assertFalse(pub.verify(challenge, text(v, "signature_b64"), HashAlgorithm.SHA512));
            assertFalse(pub.verify(challenge + "x", signature, HashAlgorithm.SHA256));
            assertEquals(pub, priv.publicKey());
            assertEquals("pkam:" + signature, text(v, "pkam_command_sent"));
        });
    }

    @TestFactory
    Stream<DynamicTest> aesCiphertextsMatchTheSdks() {
        return each("aes", v -> {
            AesKey key = AesKey.fromBase64(text(v, "key_b64"));
            String plaintext = text(v, "plaintext");
            assertEquals(plaintext, key.decrypt(text(v, "ciphertext_zero_iv_b64"), null));
            assertEquals(text(v, "ciphertext_zero_iv_b64"), key.encrypt(plaintext, AesKey.zeroIv()));
            byte[] iv = Base64s.decode(text(v, "random_iv_b64"), "iv");
            assertEquals(plaintext, key.decrypt(text(v, "ciphertext_random_iv_b64"), iv));
            assertEquals(text(v, "ciphertext_random_iv_b64"), key.encrypt(plaintext, iv));
        });
    }

    @TestFactory
    Stream<DynamicTest> rsaCiphertextsOfBothSdksDecrypt() {
        return each("rsa", v -> {
            RsaPrivateKey priv = RsaPrivateKey.fromBase64(text(v, "private_key_b64"));
            String plaintext = text(v, "plaintext");
            assertEquals(plaintext, priv.decrypt(text(v, "ciphertext_b64")));
            assertEquals(plaintext, priv.decrypt(text(v, "atc_ciphertext_b64")));
            RsaPublicKey pub = RsaPublicKey.fromBase64(text(v, "public_key_b64"));
            assertEquals(plaintext, priv.decrypt(pub.encrypt(plaintext)), "our own ciphertext round-trips");
        });
    }

    @TestFactory
    Stream<DynamicTest> keyFilesOfEverySdkParseAndRewriteIdentically() {
        return each("atkeys", v -> {
            AtSign atSign = AtSign.of(text(v, "atSign"));
            Map<String, Object> expected = object(v, "decrypted_keys");
            for (String layout : List.of("legacy_file_content", "apkam_style_file_content", "atc_written_file_content")) {
                String content = text(v, layout);
                AtKeys keys = AtKeysFile.parse(content, atSign);
                assertEquals(text(expected, "selfEncryptionKey"), keys.selfEncryptionKey().base64(), layout);
                assertEquals(text(expected, "aesPkamPublicKey"), keys.pkam().publicKey().base64(), layout);
                assertEquals(text(expected, "aesPkamPrivateKey"), keys.pkam().privateKey().base64(), layout);
                assertEquals(text(expected, "aesEncryptPublicKey"), keys.encryption().publicKey().base64(), layout);
                assertEquals(text(expected, "aesEncryptPrivateKey"), keys.encryption().privateKey().base64(), layout);
                if (layout.startsWith("apkam")) {
                    assertEquals(textByPrefix(expected, "apkamSymmetricKey"),
                            keys.apkamSymmetricKey().orElseThrow().base64());
                    assertEquals(textByPrefix(expected, "enrollmentId"), keys.enrollmentId().orElseThrow());
                }
                // Writing the keys back reproduces every field of the SDK-written file exactly.
                Map<String, Object> original = Json.parseObject(content);
                Map<String, Object> rewritten = Json.parseObject(AtKeysFile.toJson(keys));
                for (Map.Entry<String, Object> field : rewritten.entrySet()) {
                    assertEquals(original.get(field.getKey()), field.getValue(), layout + " field " + field.getKey());
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> notificationsFromTheSdksDecryptAsTheRecipient() {
        return each("notification", v -> {
            RsaPrivateKey recipient = RsaPrivateKey.fromBase64(text(v, "recipient_encryption_private_key_b64"));
            RsaPrivateKey sender = RsaPrivateKey.fromBase64(text(v, "sender_encryption_private_key_b64"));
            String sharedKeyText = text(v, "shared_key_plain_b64");
            SharedValueDecryptor decryptor = new SharedValueDecryptor(recipient);
            assertEquals(sharedKeyText, decryptor.sharedKey(text(v, "shared_key_encrypted_for_recipient_b64")).base64());
            assertEquals(sharedKeyText, sender.decrypt(text(v, "shared_key_encrypted_for_sender_b64")));

            // Legacy form: no ivNonce, no sharedKeyEnc; the recipient looked its copy up.
            Map<String, Object> event = object(v, "monitor_event_fed_to_receiver");
            Map<String, Object> meta = object(event, "metadata");
            assertEquals(text(v, "text"), decryptor.decrypt(text(event, "value"), (String) meta.get("ivNonce"),
                    (String) meta.get("sharedKeyEnc"), text(v, "shared_key_encrypted_for_recipient_b64")));
            assertEquals(text(v, "encrypted_value_b64"), text(event, "value"));

            // Random-IV form: ivNonce and sharedKeyEnc inlined in the monitor event's metadata.
            Map<String, Object> variant = object(v, "random_iv_variant");
            Map<String, Object> liveEvent = object(variant, "monitor_event_fed_to_receiver");
            Map<String, Object> liveMeta = object(liveEvent, "metadata");
            assertEquals(text(variant, "ivNonce_b64"), liveMeta.get("ivNonce"));
            assertEquals(text(v, "text"), decryptor.decrypt(text(liveEvent, "value"), (String) liveMeta.get("ivNonce"),
                    (String) liveMeta.get("sharedKeyEnc"), null));
            AesKey shared = AesKey.fromBase64(sharedKeyText);
            assertThrows(DecryptionException.class,
                    () -> SharedValueDecryptor.decrypt(text(variant, "encrypted_value_b64"), null, shared),
                    "ignoring ivNonce must not silently give a wrong text");
        });
    }

    @TestFactory
    Stream<DynamicTest> pubKeyChecksumFollowsTheDartRule() {
        return each("pubkeycs", v ->
                assertEquals(text(v, "pubKeyCS"), Digests.publicKeyChecksum(text(v, "public_key_b64"))));
    }

    @TestFactory
    Stream<DynamicTest> cramDigestMatchesTheSdk() {
        return each("cram", v -> {
            String digest = Digests.cramDigest(text(v, "cram_secret"), text(v, "challenge"));
            assertEquals(text(v, "digest_hex"), digest);
            assertEquals("cram:" + digest, text(v, "command"));
        });
    }

    /** One dynamic test per entry of {@code group}, named by the entry's id. */
    private static Stream<DynamicTest> each(String group, ThrowingConsumer check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> entry : vectors.group(group)) {
            String id = String.valueOf(entry.get("id"));
            assertNotNull(entry.get("id"), "every vector has an id");
            tests.add(DynamicTest.dynamicTest(id, () -> check.accept(entry)));
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(Map<String, Object> entry) throws Exception;
    }

}
