package org.atiot.platform.server;

import static org.atiot.platform.server.PlatformFixture.ALICE;
import static org.atiot.platform.server.PlatformFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.AtKey;
import org.atiot.core.protocol.AtServerErrorException;
import org.atiot.core.protocol.AtTlsException;
import org.atiot.core.protocol.Metadata;
import org.atiot.core.protocol.Notification;
import org.atiot.core.protocol.NotificationListener;
import org.atiot.core.protocol.NotifyRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's protocol client against the local atServer: directory lookup, TLS, PKAM, verbs, monitor. */
class AtClientEndToEndTest {
    private static PlatformFixture fx;
    private static AtClientOptions options;

    @BeforeAll
    static void start() throws Exception {
        fx = new PlatformFixture();
        options = AtClientOptions.builder(fx.clientTls).directory(fx.platform.directory()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void authenticatesThroughTheDirectoryAndRoundTripsData() throws Exception {
        try (AtClient alice = AtClient.connect(ALICE, options, NotificationListener.NONE)) {
            alice.authenticate(fx.keys(ALICE), HashAlgorithm.SHA512);
            AtKey key = AtKey.self("config.atiot", ALICE);
            long commit = alice.update(key, "{\"a\":1}", Metadata.builder().ttlMillis(60_000).build());
            assertTrue(commit >= 0);
            assertEquals("{\"a\":1}", alice.llookup(key));
            assertTrue(alice.scan("atiot").contains("config.atiot@alice"));
            assertEquals(60_000L, alice.llookupMeta(key).get("ttl"));
            long metaCommit = alice.updateMeta(key, Metadata.builder().ttlMillis(120_000).build());
            assertTrue(metaCommit > commit);
            java.util.Map<String, Object> all = alice.llookupAll(key);
            assertEquals("{\"a\":1}", all.get("data"), "update:meta keeps the value");
            assertEquals(120_000L, ((java.util.Map<?, ?>) all.get("metaData")).get("ttl"));
            assertEquals(1L, ((java.util.Map<?, ?>) all.get("metaData")).get("version"));
            assertTrue(alice.delete(key) > metaCommit);
            AtServerErrorException.AtKeyNotFoundException missing =
                    assertThrows(AtServerErrorException.AtKeyNotFoundException.class, () -> alice.llookup(key));
            assertTrue(missing.description().contains("config.atiot@alice does not exist"));
            alice.noop();
        }
    }

    @Test
    void wrongKeysAreATypedAuthenticationFailure() throws Exception {
        try (AtClient alice = AtClient.connect(ALICE, options, NotificationListener.NONE)) {
            assertThrows(IllegalArgumentException.class, () -> alice.authenticate(fx.keys(BOB)));
            AtKeys bobs = fx.keys(BOB);
            AtKeys impostor = new AtKeys(ALICE, bobs.pkam(), bobs.encryption(), bobs.selfEncryptionKey(), null, null);
            AtServerErrorException wrongKey = assertThrows(AtServerErrorException.AtAuthenticationException.class,
                    () -> alice.authenticate(impostor));
            assertEquals("AT0401", wrongKey.code());
            AtServerErrorException unknownEnrollment = assertThrows(AtServerErrorException.class,
                    () -> alice.authenticate(fx.keys(ALICE).withEnrollmentId("no-such-enrollment")));
            assertEquals("AT0028", unknownEnrollment.code());
            alice.authenticate(fx.keys(ALICE)); // the connection survived both refusals
        }
    }

    @Test
    void notificationsReachTheRecipientsMonitorDecodedAndIds() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        try (AtClient bob = AtClient.connect(BOB, options, n -> {
            if (!n.isStats()) {
                received.add(n);
            }
        }); AtClient alice = AtClient.connect(ALICE, options, NotificationListener.NONE)) {
            bob.authenticate(fx.keys(BOB));
            bob.monitor(0, "e2e\\.atiot");
            alice.authenticate(fx.keys(ALICE));
            String id = alice.notify(NotifyRequest.builder(ALICE, BOB, "reading.e2e.atiot").id("e2e-1")
                    .metadata(Metadata.builder().isEncrypted(true).ivNonce("AAECAwQFBgcICQoLDA0ODw==").build())
                    .value("Y2lwaGVy").build());
            assertEquals("e2e-1", id);
            assertEquals("NotificationType.sent", alice.notifyFetch("e2e-1").get("type"));
            Notification n = received.poll(10, TimeUnit.SECONDS);
            assertEquals("e2e-1", n.id());
            assertEquals("@alice", n.from());
            assertEquals("@bob:reading.e2e.atiot@alice", n.key());
            assertEquals("Y2lwaGVy", n.value());
            assertEquals("AAECAwQFBgcICQoLDA0ODw==", n.metadata().get("ivNonce"));
            assertNull(received.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void untrustedCertificateIsATlsErrorSayingSo() throws Exception {
        AtClientOptions systemTrustOnly = AtClientOptions.builder(javax.net.ssl.SSLContext.getDefault())
                .directory(fx.platform.directory()).build();
        AtTlsException e = assertThrows(AtTlsException.class,
                () -> AtClient.connect(ALICE, fx.address(ALICE), systemTrustOnly, NotificationListener.NONE));
        assertTrue(e.getMessage().contains("trusted CA"), e.getMessage());
    }
}
