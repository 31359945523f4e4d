package org.atiot.platform.server;

import static org.atiot.platform.server.PlatformFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.atiot.core.apkam.DeviceEnrollment;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.AtKey;
import org.atiot.core.protocol.AtServerErrorException;
import org.atiot.core.protocol.EnrollOperation;
import org.atiot.core.protocol.Metadata;
import org.atiot.core.protocol.NotificationListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A new device joins @alice with APKAM: OTP, request, the owner's approval, keys delivered encrypted. */
class DeviceEnrollmentTest {
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
    void approvedDeviceReceivesTheAtSignsKeysAndWorksInItsNamespaceOnly() throws Exception {
        AtKeys ownerKeys = fx.keys(ALICE);
        try (AtClient owner = AtClient.connect(ALICE, options, NotificationListener.NONE)) {
            owner.authenticate(ownerKeys);
            String otp = owner.otp();
            DeviceEnrollment device = DeviceEnrollment.request(ALICE, options, otp, "atiot", "pi07",
                    Map.of("atiot", "rw"));
            CompletableFuture<AtKeys> approved = CompletableFuture.supplyAsync(() -> {
                try {
                    return device.awaitApproval(Duration.ofMillis(200), Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Map<String, Object> pending = owner.enroll(EnrollOperation.LIST,
                    Map.of("enrollmentStatusFilter", java.util.List.of("pending")));
            assertTrue(pending.keySet().stream().anyMatch(k -> k.startsWith(device.enrollmentId())), pending.toString());
            DeviceEnrollment.approve(owner, ownerKeys, device.enrollmentId());
            AtKeys deviceKeys = approved.get(30, TimeUnit.SECONDS);
            assertEquals(ownerKeys.encryption().publicKey(), deviceKeys.encryption().publicKey());
            assertEquals(ownerKeys.selfEncryptionKey().base64(), deviceKeys.selfEncryptionKey().base64());
            assertEquals(device.enrollmentId(), deviceKeys.enrollmentId().orElseThrow());
            try (AtClient dev = AtClient.connect(ALICE, options, NotificationListener.NONE)) {
                dev.authenticate(deviceKeys);
                assertTrue(dev.update(AtKey.self("state.atiot", ALICE), "on", Metadata.NONE) >= 0);
                assertThrows(AtServerErrorException.AtUnauthorizedException.class,
                        () -> dev.update(AtKey.self("diary.private", ALICE), "x", Metadata.NONE));
                assertThrows(AtServerErrorException.class, () -> dev.keysGet("someone-else.default_self_enc_key"
                        + ".__manage@alice"));
            }
            // the OTP was used once
            assertThrows(AtServerErrorException.class, () -> DeviceEnrollment.request(ALICE, options, otp, "atiot",
                    "pi08", Map.of("atiot", "rw")));
        }
    }
}
