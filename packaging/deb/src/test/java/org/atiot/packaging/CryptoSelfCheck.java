package org.atiot.packaging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.json.Json;

/**
 * Runs the atPlatform crypto vectors against whatever {@code org.atiot.core.crypto} is on the class path. The
 * trimmed-jar test starts it in a child JVM whose class path is only the shipped jar plus this class, so a class
 * that jar trimming removed shows up here as a {@link NoClassDefFoundError}. Exit status 0 means every vector
 * passed; the output names each failure.
 */
public final class CryptoSelfCheck {

    private int checks;
    private int failures;

    public static void main(String[] args) throws Exception {
        Path vectors = Path.of(args[0]);
        CryptoSelfCheck check = new CryptoSelfCheck();
        check.run(Json.parseObject(Files.readString(vectors, StandardCharsets.UTF_8)));
        System.out.println(check.checks + " checks, " + check.failures + " failures");
        System.exit(check.failures == 0 && check.checks > 0 ? 0 : 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> instances(Map<String, Object> vectors, String kind) {
        return (List<Map<String, Object>>) (List<?>) vectors.get(kind);
    }

    private void run(Map<String, Object> vectors) throws Exception {
        for (Map<String, Object> v : instances(vectors, "aes")) {
            AesKey key = AesKey.fromBase64((String) v.get("key_b64"));
            String plaintext = (String) v.get("plaintext");
            expect(v, "aes encrypt", v.get("ciphertext_zero_iv_b64"), key.encrypt(plaintext, AesKey.zeroIv()));
            expect(v, "aes decrypt", plaintext, key.decrypt((String) v.get("ciphertext_zero_iv_b64"), AesKey.zeroIv()));
            byte[] iv = Base64.getDecoder().decode((String) v.get("random_iv_b64"));
            expect(v, "aes decrypt random iv", plaintext, key.decrypt((String) v.get("ciphertext_random_iv_b64"), iv));
        }
        for (Map<String, Object> v : instances(vectors, "rsa")) {
            RsaPrivateKey key = RsaPrivateKey.fromBase64((String) v.get("private_key_b64"));
            expect(v, "rsa decrypt", v.get("plaintext"), key.decrypt((String) v.get("ciphertext_b64")));
            RsaPublicKey pub = RsaPublicKey.fromBase64((String) v.get("public_key_b64"));
            expect(v, "rsa round trip", v.get("plaintext"), key.decrypt(pub.encrypt((String) v.get("plaintext"))));
        }
        for (Map<String, Object> v : instances(vectors, "pkam")) {
            RsaPrivateKey key = RsaPrivateKey.fromBase64((String) v.get("pkam_private_key_b64"));
            String challenge = (String) v.get("challenge");
            expect(v, "pkam sign", v.get("signature_b64"), key.sign(challenge, HashAlgorithm.SHA256));
            RsaPublicKey pub = RsaPublicKey.fromBase64((String) v.get("pkam_public_key_b64"));
            expect(v, "pkam verify", true, pub.verify(challenge, (String) v.get("signature_b64"), HashAlgorithm.SHA256));
        }
        for (Map<String, Object> v : instances(vectors, "cram")) {
            expect(v, "cram", v.get("digest_hex"),
                    Digests.cramDigest((String) v.get("cram_secret"), (String) v.get("challenge")));
        }
        for (Map<String, Object> v : instances(vectors, "pubkeycs")) {
            expect(v, "pubKeyCS", v.get("pubKeyCS"), Digests.publicKeyChecksum((String) v.get("public_key_b64")));
        }
    }

    private void expect(Map<String, Object> vector, String what, Object expected, Object actual) {
        checks++;
        if (!expected.equals(actual)) {
            failures++;
            System.out.println("FAIL " + vector.get("id") + " " + what + ": expected " + expected + ", got " + actual);
        }
    }
}
