package org.atiot.platform.server;

import static org.atiot.platform.server.PlatformFixture.ALICE;
import static org.atiot.platform.server.PlatformFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request/response pairs of the real server's functional tests (wire reference §13.2), replayed byte for byte
 * against our atServer over TLS. Owner connections send clientConfig 3.0.57, so errors come in JSON form.
 */
class AtServerConformanceTest {
    private static PlatformFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new PlatformFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void fromAnswersSessionAndChallengeAndPkamSucceedsWithBothHashes() throws Exception {
        try (Wire w = fx.connect(ALICE)) {
            w.authenticate(fx.keys(ALICE), HashAlgorithm.SHA256);
            w.authenticate(fx.keys(ALICE), HashAlgorithm.SHA512); // re-authentication on one socket is allowed
            assertEquals("data:ok", w.send("noop:0"));
        }
    }

    @Test
    void legacyPkamWithoutAlgorithmFieldsIsSha256() throws Exception {
        try (Wire w = fx.connect(ALICE)) {
            String challenge = w.fromChallenge("@alice", null);
            w.prompt = "@alice@";
            assertEquals("data:success", w.send("pkam:"
                    + fx.keys(ALICE).pkam().privateKey().sign(challenge, HashAlgorithm.SHA256)));
        }
    }

    @Test
    void wrongSignatureIsRefusedAndConnectionStaysOpen() throws Exception {
        try (Wire w = fx.connect(ALICE)) {
            String challenge = w.fromChallenge("@alice", null);
            String otherKeySignature = fx.keys(BOB).pkam().privateKey().sign(challenge, HashAlgorithm.SHA256);
            assertEquals("error:AT0401-Exception: pkam authentication failed",
                    w.send("pkam:signingAlgo:rsa2048:hashingAlgo:sha256:" + otherKeySignature));
            assertEquals("data:ok", w.send("noop:0"));
        }
    }

    @Test
    void unknownSigningAlgorithmEndsInAt0011AndClose() throws Exception {
        try (Wire w = fx.connect(ALICE)) {
            w.fromChallenge("@alice", "{\"version\":\"3.0.57\"}");
            String answer = w.send("pkam:signingAlgo:rsa2047:hashingAlgo:sha256:abc$$");
            assertTrue(answer.startsWith("error:{\"errorCode\":\"AT0011\""), answer);
            assertTrue(answer.contains("Exception"), answer);
            assertTrue(w.closedByServer());
        }
    }

    @Test
    void updateAndLlookupRoundTripWithMetadata() throws Exception {
        try (Wire w = fx.owner(ALICE)) {
            String commit = w.send("update:public:location-x@alice Hyderabad7");
            assertTrue(commit.matches("data:\\d+"), commit);
            assertEquals("data:Hyderabad7", w.send("llookup:public:location-x@alice"));
            Map<String, Object> all = Json.parseObject(w.send("llookup:all:public:location-x@alice").substring(5));
            assertEquals("public:location-x@alice", all.get("key"));
            assertEquals("Hyderabad7", all.get("data"));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) all.get("metaData");
            assertEquals("@alice", meta.get("createdBy"));
            assertEquals(0L, meta.get("version"));
            assertTrue(((String) meta.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            String second = w.send("update:public:location-x@alice  leading space kept");
            assertTrue(Long.parseLong(second.substring(5)) > Long.parseLong(commit.substring(5)));
            assertEquals("data: leading space kept", w.send("llookup:public:location-x@alice"));
            assertTrue(w.send("llookup:meta:public:location-x@alice").contains("\"version\":1"));
        }
    }

    @Test
    void syntaxAndKeyErrorsUseTheRealTexts() throws Exception {
        try (Wire w = fx.owner(ALICE)) {
            String usage = "error:{\"errorCode\":\"AT0003\",\"errorDescription\":\"Invalid syntax : Invalid syntax."
                    + " e.g. update:@alice:location@bob San Francisco\"}";
            assertEquals(usage, w.send("update:public:nocountry@alice"));
            assertEquals(usage, w.send("update:country@@alice USA"));
            assertEquals("error:{\"errorCode\":\"AT0016\",\"errorDescription\":\"Invalid key : You may not update"
                    + " keys of type KeyType.invalidKey\"}", w.send("update:public:country,current@alice USA"));
            assertEquals("error:{\"errorCode\":\"AT0015\",\"errorDescription\":\"key not found : random-x@alice does"
                    + " not exist in keystore\"}", w.send("llookup:random-x@alice"));
            assertEquals("error:{\"errorCode\":\"AT0003\",\"errorDescription\":\"Invalid syntax : invalid"
                    + " command\"}", w.send("lllookup:x@alice"));
            assertEquals("error:{\"errorCode\":\"AT0022\",\"errorDescription\":\"Illegal arguments : noop:"
                    + "<durationInMillis> where the duration maximum is 5000 milliseconds\"}", w.send("noop:5001"));
        }
    }

    @Test
    void unauthenticatedConnectionsReadOnlyPublicDataAndGetLegacyErrors() throws Exception {
        try (Wire owner = fx.owner(ALICE); Wire anon = fx.connect(ALICE)) {
            owner.send("update:public:phone-u@alice 040-27502234");
            owner.send("update:public:landlineref@alice atsign://phone-u");
            owner.send("update:secret-u@alice hidden");
            assertEquals("data:040-27502234", anon.send("lookup:phone-u@alice"));
            assertEquals("data:040-27502234", anon.send("lookup:landlineref@alice"));
            assertEquals("error:AT0401-Exception: Command cannot be executed without auth",
                    anon.send("llookup:secret-u@alice"));
            assertEquals("error:AT0401-Exception: Command cannot be executed without auth",
                    anon.send("update:public:x@alice y"));
            String scan = anon.send("scan");
            assertTrue(scan.contains("\"phone-u@alice\""), scan);
            assertTrue(!scan.contains("secret-u") && !scan.contains("public:"), scan);
            assertTrue(owner.send("scan").contains("\"public:phone-u@alice\""));
            assertTrue(owner.send("scan").contains("\"secret-u@alice\""));
            assertEquals("error:AT0003-Exception: invalid command", anon.send("hello"));
        }
    }

    @Test
    void expiredKeysReadAsNullAndPkamKeyUpdateIsNotCommitted() throws Exception {
        try (Wire w = fx.owner(ALICE)) {
            assertEquals("data:-1", w.send("update:privatekey:at_pkam_publickey "
                    + fx.keys(ALICE).pkam().publicKey().base64()));
            w.send("update:ttl:300:ttlkey-x@alice soon gone");
            assertTrue(w.send("llookup:meta:ttlkey-x@alice").contains("\"ttl\":300"));
            long deadline = System.currentTimeMillis() + 5000;
            String v;
            do {
                v = w.send("llookup:ttlkey-x@alice");
            } while (!v.equals("data:null") && System.currentTimeMillis() < deadline);
            assertEquals("data:null", v);
            assertTrue(!w.send("scan").contains("ttlkey-x"));
        }
    }

    @Test
    void deleteRefusesProtectedKeysAndCommitsMissingOnes() throws Exception {
        try (Wire w = fx.owner(ALICE)) {
            assertEquals("error:{\"errorCode\":\"AT0009\",\"errorDescription\":\"UnAuthorized client in request :"
                    + " Cannot delete protected key: 'public:signing_publickey@alice'\"}",
                    w.send("delete:public:signing_publickey@alice"));
            long first = Long.parseLong(w.send("delete:never-there@alice").substring(5));
            long second = Long.parseLong(w.send("delete:never-there@alice").substring(5));
            assertTrue(second > first);
            String stats = w.send("stats:3");
            assertEquals("data: [{\"id\":\"3\",\"name\":\"lastCommitID\",\"value\":\"" + second + "\"}]", stats);
        }
    }

    @Test
    void selfNotificationIsDeliveredAndFetchable() throws Exception {
        try (Wire w = fx.owner(ALICE)) {
            String id = w.send("notify:update:messageType:key:@alice:self-note.atiot@alice:hello").substring(5);
            assertEquals("data:delivered", w.send("notify:status:" + id));
            Map<String, Object> fetched = Json.parseObject(w.send("notify:fetch:" + id).substring(5));
            assertEquals("NotificationType.received", fetched.get("type"));
            assertEquals("hello", fetched.get("atValue"));
            assertEquals("data:{\"id\":\"124-abc\",\"notificationStatus\":\"NotificationStatus.expired\"}",
                    w.send("notify:fetch:124-abc"));
            assertEquals("data:null", w.send("notify:status:124-abc"));
        }
    }

    @Test
    void notificationCrossesServersToTheRecipientsMonitor() throws Exception {
        try (Wire bobMonitor = fx.owner(BOB); Wire alice = fx.owner(ALICE)) {
            bobMonitor.write("monitor atiot\n");
            String id = alice.send("notify:id:n-cross-1:update:messageType:key:ttln:60000:isEncrypted:true:ivNonce:"
                    + "AAECAwQFBgcICQoLDA0ODw==:@bob:reading.atiot@alice:c2VjcmV0").substring(5);
            assertEquals("n-cross-1", id);
            String line = nextNotification(bobMonitor, "n-cross-1");
            Map<String, Object> n = Json.parseObject(line);
            assertEquals("@alice", n.get("from"));
            assertEquals("@bob", n.get("to"));
            assertEquals("@bob:reading.atiot@alice", n.get("key"));
            assertEquals("c2VjcmV0", n.get("value"));
            assertEquals("MessageType.key", n.get("messageType"));
            assertEquals(Boolean.TRUE, n.get("isEncrypted"));
            assertEquals("AAECAwQFBgcICQoLDA0ODw==", ((Map<?, ?>) n.get("metadata")).get("ivNonce"));
            long deadline = System.currentTimeMillis() + 5000;
            String status;
            do {
                status = alice.send("notify:status:n-cross-1");
            } while (!status.equals("data:delivered") && System.currentTimeMillis() < deadline);
            assertEquals("data:delivered", status);
        }
    }

    @Test
    void monitorReplaysMissedNotificationsAfterEpoch() throws Exception {
        try (Wire alice = fx.owner(ALICE); Wire bob = fx.owner(BOB)) {
            long before = System.currentTimeMillis() - 1;
            for (int i = 0; i < 3; i++) {
                alice.send("notify:id:replay-" + i + ":update:@bob:replay.atiot@alice:v" + i);
            }
            for (int i = 0; i < 3; i++) {
                waitStatus(alice, "replay-" + i, "delivered");
            }
            bob.write("monitor:" + before + " replay\n");
            for (int i = 0; i < 3; i++) {
                Map<String, Object> n = Json.parseObject(nextNotification(bob, "replay-" + i));
                assertEquals("v" + i, n.get("value"));
            }
        }
    }

    @Test
    void notificationToUnknownAtSignErrorsThenExpires() throws Exception {
        try (Wire alice = fx.owner(ALICE)) {
            alice.send("notify:id:to-xyz:update:ttln:1500:@xyz:lost.atiot@alice:v");
            waitStatus(alice, "to-xyz", "errored");
            waitStatus(alice, "to-xyz", "expired");
        }
    }

    @Test
    void sharedKeysAreReadThroughServerToServerLookupAndCached() throws Exception {
        try (Wire alice = fx.owner(ALICE); Wire bob = fx.owner(BOB)) {
            alice.send("update:ttr:-1:@bob:special-code@alice 4711");
            alice.send("update:public:phone@alice 9982212143");
            assertEquals("data:4711", bob.send("lookup:special-code@alice"));
            assertEquals("data:9982212143", bob.send("plookup:phone@alice"));
            assertTrue(bob.send("scan").contains("cached:public:phone@alice"));
            assertTrue(bob.send("scan").contains("cached:@bob:special-code@alice"));
            assertTrue(bob.send("plookup:no-key@alice").endsWith("public:no-key@alice does not exist in keystore\"}"));
        }
    }

    @Test
    void overLongCommandIsRefusedAndClosed() throws Exception {
        try (Wire w = fx.connect(ALICE)) {
            w.write("update:x@alice " + "a".repeat(10_240_100));
            assertTrue(w.readAnswer().startsWith("error:AT0005-"));
            assertTrue(w.closedByServer());
        }
    }

    @Test
    void arbitraryBytesGetAnErrorNotACrash() throws Exception {
        try (Wire w = fx.connect(ALICE)) {
            w.write("\u0000\u00ff\u0007garbage:::@@@\n");
            assertTrue(w.readAnswer().startsWith("error:AT0003"));
            assertEquals("data:ok", w.send("noop:0"));
        }
        try (Wire w = fx.connect(ALICE)) {
            assertTrue(w.send("from:@al!ce").startsWith("error:AT0011"));
            assertTrue(w.closedByServer());
        }
    }

    @Test
    void infoAnswersVersionAndUptime() throws Exception {
        try (Wire w = fx.connect(ALICE)) {
            Map<String, Object> info = Json.parseObject(w.send("info").substring(5));
            assertTrue(((String) info.get("version")).startsWith("3.0.52"));
            assertTrue(info.containsKey("uptimeAsWords"));
            assertNotEquals(null, Json.parseObject(w.send("info:brief").substring(5)).get("uptimeAsMillis"));
        }
    }

    static String nextNotification(Wire w, String id) throws Exception {
        for (int i = 0; i < 200; i++) {
            String line = w.readLine();
            if (line.startsWith("notification: ") && line.contains("\"id\":\"" + id + "\"")) {
                return line.substring("notification: ".length());
            }
        }
        throw new AssertionError("notification " + id + " never arrived");
    }

    static void waitStatus(Wire w, String id, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        String s;
        do {
            s = w.send("notify:status:" + id);
            if (s.equals("data:" + status)) {
                return;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(id + " never became " + status + ", last " + s);
    }
}
