package org.atiot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.core.protocol.Metadata;
import org.atiot.core.protocol.Notification;
import org.atiot.core.protocol.NotifyRequest;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.core.sharing.EncryptedValue;
import org.atiot.core.sharing.SharedKey;
import org.atiot.core.sharing.IncomingKeys;
import org.atiot.platform.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local atPlatform as its own process, killed with SIGKILL in the middle of an encrypted notification stream
 * and started again: every notification the sender's atServer acknowledged reaches the recipient's monitor,
 * decrypted, once the platform is back.
 */
class ServerCrashTest {
    private static final AtSign SENDER = AtSign.of("@crash_sender");
    private static final AtSign RECEIVER = AtSign.of("@crash_receiver");
    private static final int COUNT = 300;

    @TempDir
    Path tmp;

    @Test
    void killNineOfThePlatformLosesNoAcknowledgedNotification() throws Exception {
        try (PlatformProcess platform = new PlatformProcess(tmp, List.of(SENDER, RECEIVER))) {
            AtClientOptions options = platform.clientOptions();
            AtKeys sender = platform.keys(SENDER);
            AtKeys receiver = platform.keys(RECEIVER);
            SharedKey key = SharedKey.generate();
            Set<String> acknowledged = new LinkedHashSet<>();
            platform.start();
            AtClient client = platform.connect(sender);
            // as the SDKs do: the recipient's copy of the key is published, for values replayed without it
            client.update(org.atiot.core.protocol.AtKey.shared("shared_key", SENDER, RECEIVER),
                    key.copyFor(receiver.encryption().publicKey()), Metadata.builder().ttrSeconds(86_400).build());
            for (int i = 0; i < COUNT; i++) {
                if (i == COUNT / 2) {
                    platform.kill(); // SIGKILL mid-stream
                    platform.start();
                }
                String id = "crash-" + i;
                while (true) {
                    try {
                        EncryptedValue v = key.encryptFor("reading " + i, receiver.encryption().publicKey(), null);
                        client.notify(NotifyRequest.builder(SENDER, RECEIVER, "stream.atiot").id(id)
                                .ttln(Duration.ofHours(1)).metadata(Metadata.builder().isEncrypted(true)
                                        .sharedKeyEnc(v.sharedKeyEnc()).ivNonce(v.ivNonce()).build())
                                .value(v.ciphertext()).build());
                        acknowledged.add(id);
                        break;
                    } catch (IOException e) {
                        client.close(); // the platform went away: reconnect and send the same id again
                        client = platform.connect(sender);
                    }
                }
            }
            client.close();
            Map<String, String> received = new ConcurrentHashMap<>();
            BlockingQueue<Notification> replayed = new LinkedBlockingQueue<>();
            // lookups first: it waits until the restarted platform serves the receiver again
            try (AtClient lookups = platform.connect(receiver);
                 AtClient monitor = AtClient.connect(RECEIVER, options, replayed::add)) {
                monitor.authenticate(receiver);
                monitor.monitor(0, "stream");
                // replayed notifications carry no inline key: the receiver looks up the sender's copy for it
                IncomingKeys incoming = new IncomingKeys(receiver.encryption().privateKey(),
                        from -> lookups.lookup("shared_key", from));
                long deadline = System.currentTimeMillis() + 60_000;
                while (!received.keySet().containsAll(acknowledged) && System.currentTimeMillis() < deadline) {
                    Notification n = replayed.poll(100, TimeUnit.MILLISECONDS);
                    if (n != null && n.id().startsWith("crash-")) {
                        try {
                            received.put(n.id(), incoming.decrypt(AtSign.of(n.from()), n.value(),
                                    n.metadata().get("ivNonce"), n.metadata().get("sharedKeyEnc")));
                        } catch (Exception e) {
                            received.put(n.id(), "UNREADABLE " + e.getMessage());
                        }
                    }
                }
            }
            Set<String> missing = new LinkedHashSet<>(acknowledged);
            missing.removeAll(received.keySet());
            assertEquals(Set.of(), missing, "acknowledged but never received");
            assertEquals(COUNT, acknowledged.size());
            for (int i = 0; i < COUNT; i++) {
                assertEquals("reading " + i, received.get("crash-" + i));
            }
        }
    }
}
