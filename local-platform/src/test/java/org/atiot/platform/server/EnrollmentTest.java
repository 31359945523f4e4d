package org.atiot.platform.server;

import static org.atiot.platform.server.PlatformFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.atiot.core.crypto.Digests;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** APKAM: CRAM onboarding, device enrollment request/approve/deny/revoke, OTP, namespace rights. */
class EnrollmentTest {
    private static PlatformFixture fx;
    private static RsaKeyPair device;

    @BeforeAll
    static void start() throws Exception {
        fx = new PlatformFixture();
        device = RsaKeyPair.generate();
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static String request(Wire w, String deviceName) throws Exception {
        String answer = w.send("enroll:request:{\"appName\":\"atiot\",\"deviceName\":\"" + deviceName + "\","
                + "\"namespaces\":{\"atiot\":\"rw\"},\"apkamPublicKey\":\"" + device.publicKey().base64() + "\"}");
        assertTrue(answer.startsWith("data:"), answer);
        return answer.substring(5);
    }

    private static String apkam(Wire w, String enrollmentId, String expectPrompt) throws Exception {
        String challenge = w.fromChallenge("@alice", null);
        w.prompt = expectPrompt;
        return w.send("pkam:signingAlgo:rsa2048:hashingAlgo:sha256:enrollmentId:" + enrollmentId + ":"
                + device.privateKey().sign(challenge, HashAlgorithm.SHA256));
    }

    @Test
    void approvedDeviceAuthenticatesAndIsConfinedToItsNamespace() throws Exception {
        String id;
        try (Wire owner = fx.owner(ALICE)) {
            Map<String, Object> pending = Json.parseObject(request(owner, "pi01"));
            assertEquals("pending", pending.get("status"));
            id = (String) pending.get("enrollmentId");
            try (Wire dev = fx.connect(ALICE)) {
                assertEquals("error:AT0026:enrollment_id: " + id + " is pending", apkam(dev, id, "@"));
            }
            assertTrue(owner.send("enroll:list:{\"enrollmentStatusFilter\":[\"pending\"]}").contains(id));
            assertEquals("data:{\"status\":\"approved\",\"enrollmentId\":\"" + id + "\"}",
                    owner.send("enroll:approve:{\"enrollmentId\":\"" + id + "\"}"));
        }
        try (Wire dev = fx.connect(ALICE)) {
            assertEquals("data:success", apkam(dev, id, "@alice@"));
            assertTrue(dev.send("update:reading.atiot@alice 21.5").startsWith("data:"));
            assertEquals("data:21.5", dev.send("llookup:reading.atiot@alice"));
            assertTrue(dev.send("update:secret.wavi@alice x").startsWith("error:AT0009-"));
            assertTrue(dev.send("llookup:public:publickey@alice").startsWith("data:"), "reserved keys stay readable");
            try (Wire owner = fx.owner(ALICE)) {
                assertTrue(owner.send("enroll:revoke:{\"enrollmentId\":\"" + id + "\"}").contains("revoked"));
            }
            dev.write("noop:0\n");
            assertTrue(dev.closedByServer(), "a revoked enrollment's connection is closed without a reply");
        }
        try (Wire dev = fx.connect(ALICE)) {
            assertEquals("error:AT0027:enrollment_id: " + id + " is revoked", apkam(dev, id, "@"));
        }
    }

    @Test
    void deniedEnrollmentCannotAuthenticate() throws Exception {
        String id;
        try (Wire owner = fx.owner(ALICE)) {
            id = (String) Json.parseObject(request(owner, "pi-denied")).get("enrollmentId");
            assertTrue(owner.send("enroll:deny:{\"enrollmentId\":\"" + id + "\"}").contains("\"status\":\"denied\""));
            assertEquals("error:AT0028:enrollment_id: nope is expired or invalid",
                    owner.send("enroll:approve:{\"enrollmentId\":\"nope\"}"));
        }
        try (Wire dev = fx.connect(ALICE)) {
            assertEquals("error:AT0025:enrollment_id: " + id + " is denied", apkam(dev, id, "@"));
            assertEquals("error:AT0401-Exception: Cannot approve enrollment without authentication",
                    dev.send("enroll:approve:{\"enrollmentId\":\"" + id + "\"}"));
        }
    }

    @Test
    void otpLetsAnUnauthenticatedDeviceAskOnceAndCramOnboardingIsAutoApproved() throws Exception {
        String otp;
        try (Wire owner = fx.owner(ALICE)) {
            otp = owner.send("otp:get").substring(5);
            assertTrue(otp.matches("[A-NP-Z1-9]{6}"), otp);
        }
        String body = "{\"appName\":\"atiot\",\"deviceName\":\"pi-otp\",\"namespaces\":{\"atiot\":\"r\"},"
                + "\"otp\":\"" + otp + "\",\"encryptedAPKAMSymmetricKey\":\"ZW5j\",\"apkamPublicKey\":\""
                + device.publicKey().base64() + "\"}";
        try (Wire dev = fx.connect(ALICE)) {
            assertTrue(dev.send("enroll:request:" + body).contains("\"status\":\"pending\""));
            assertEquals("error:AT0011-Exception: invalid otp. Cannot process enroll request",
                    dev.send("enroll:request:" + body.replace("pi-otp", "pi-otp2")));
        }
        try (Wire cram = fx.connect(ALICE)) {
            String challenge = cram.fromChallenge("@alice", null);
            cram.prompt = "@alice@";
            assertEquals("data:success", cram.send("cram:" + Digests.cramDigest(PlatformFixture.CRAM_SECRET, challenge)));
            assertTrue(request(cram, "onboarding-cli").contains("\"status\":\"approved\""));
        }
    }
}
