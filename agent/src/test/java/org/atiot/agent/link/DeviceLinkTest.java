package org.atiot.agent.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.outbox.Outbox;
import org.atiot.agent.outbox.RecipientKeys;
import org.atiot.agent.queue.DurableQueue;
import org.atiot.agent.queue.QueueOptions;
import org.atiot.agent.telemetry.BatchPolicy;
import org.atiot.agent.telemetry.Batcher;
import org.atiot.agent.telemetry.BootIdentity;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.SequenceEvent;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.Subscription;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.Notification;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.platform.LocalPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches → encryption → durable queue → the one device connection → the local atServers → the operator's
 * decrypting session: real TLS, real journals, real queue files.
 */
class DeviceLinkTest {
    private static final AtSign DEVICE = AtSign.of("@pi01");
    private static final AtSign OPERATOR = AtSign.of("@ops");

    @TempDir
    Path tmp;
    private LocalPlatform platform;
    private AtClientOptions client;
    private DurableQueue queue;
    private DeviceLink link;
    private OperatorSession operator;

    @BeforeEach
    void start() throws Exception {
        LocalPlatform.init(tmp.resolve("platform"), "localhost", 0, List.of(DEVICE, OPERATOR));
        platform = LocalPlatform.start(tmp.resolve("platform"), b -> b.retryDelay(Duration.ofMillis(200)));
        client = AtClientOptions.builder(TlsTrust.systemPlus(platform.caFile())).directory(platform.directory())
                .responseTimeout(Duration.ofSeconds(5)).build();
        queue = DurableQueue.open(QueueOptions.builder(tmp.resolve("queue")).fsyncInterval(Duration.ZERO).build());
    }

    @AfterEach
    void stop() throws Exception {
        if (operator != null) {
            operator.close();
        }
        if (link != null) {
            link.close();
        }
        queue.close();
        platform.close();
    }

    private AtKeys keys(AtSign a) throws Exception {
        return AtKeysFile.read(platform.keyFile(a), a);
    }

    private DeviceLink startLink(java.util.function.Consumer<Notification> onCommand) throws Exception {
        AtKeys keys = keys(DEVICE);
        RecipientKeys recipientKeys = new RecipientKeys(tmp.resolve("shared-keys"), keys.encryption());
        return DeviceLink.start(DeviceLink.options(keys, client, queue, recipientKeys)
                .heartbeat(Duration.ofSeconds(2)).backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .monitorEpochFile(tmp.resolve("last-command-time")).onCommand(onCommand).build());
    }

    private Batcher batcher() throws Exception {
        RecipientKeys recipientKeys = new RecipientKeys(tmp.resolve("shared-keys"), keys(DEVICE).encryption());
        Outbox outbox = new Outbox(queue, recipientKeys, Clock.systemUTC());
        return Batcher.builder(DEVICE, BootIdentity.start(tmp.resolve("state")), outbox)
                .policy(BatchPolicy.builder().maxReadings(10).build())
                .subscriptions(List.of(Subscription.allSensors(OPERATOR))).build();
    }

    private static TelemetryReading reading(long seq) {
        return TelemetryReading.ok("climate", seq, System.currentTimeMillis(), seq,
                List.of(Measurement.of("temperature_c", 20 + seq / 100.0, "°C")));
    }

    private OperatorSession watch(BlockingQueue<TelemetryReading> received, List<SequenceEvent> events)
            throws Exception {
        OperatorSession s = OperatorSession.open(keys(OPERATOR), client, new OperatorListener() {
            @Override
            public void onTelemetry(AtSign device, SequenceReport report) {
                received.addAll(report.freshReadings());
                events.addAll(report.events());
            }
        });
        s.watch(0);
        return s;
    }

    @Test
    void readingsArriveDecryptedInOrderAndLeaveTheQueueOnlyWhenAcknowledged() throws Exception {
        BlockingQueue<TelemetryReading> received = new LinkedBlockingQueue<>();
        List<SequenceEvent> events = new ArrayList<>();
        operator = watch(received, events);
        Batcher batcher = batcher();
        for (long seq = 1; seq <= 100; seq++) {
            batcher.add(reading(seq));
        }
        assertEquals(10, queue.stats().depth(), "ten encrypted batches wait on disk before any connection");
        String onDisk = new String(Files.readAllBytes(Files.list(tmp.resolve("queue")).findFirst().orElseThrow()));
        assertTrue(!onDisk.contains("temperature_c") && !onDisk.contains("climate"), "nothing in clear on disk");
        link = startLink(n -> { });
        for (long seq = 1; seq <= 100; seq++) {
            TelemetryReading r = received.poll(15, TimeUnit.SECONDS);
            assertEquals(seq, r.sequence(), "in order, each once");
            assertEquals(20 + seq / 100.0, r.measurements().get(0).value(), 1e-9);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (queue.stats().depth() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, queue.stats().depth());
        assertEquals(10, link.status().sent);
    }

    @Test
    void anOutageOfTheDevicesServerIsRiddenOutAndTheBacklogDrainsInOrder() throws Exception {
        BlockingQueue<TelemetryReading> received = new LinkedBlockingQueue<>();
        List<SequenceEvent> events = new ArrayList<>();
        operator = watch(received, events);
        link = startLink(n -> { });
        Batcher batcher = batcher();
        for (long seq = 1; seq <= 20; seq++) {
            batcher.add(reading(seq));
        }
        for (long seq = 1; seq <= 20; seq++) {
            assertEquals(seq, received.poll(15, TimeUnit.SECONDS).sequence());
        }
        platform.stopServer(DEVICE);
        for (long seq = 21; seq <= 60; seq++) {
            batcher.add(reading(seq));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (link.isConnected() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(!link.isConnected(), "the link notices the outage");
        assertEquals(4, queue.stats().depth(), "the backlog waits on disk");
        platform.restartServer(DEVICE, b -> b.retryDelay(Duration.ofMillis(200)));
        for (long seq = 21; seq <= 60; seq++) {
            TelemetryReading r = received.poll(20, TimeUnit.SECONDS);
            assertEquals(seq, r.sequence());
        }
        assertTrue(link.status().reconnects >= 1);
    }

    @Test
    void commandsFromTheOperatorReachTheDeviceDecryptableAndAcksComeBack() throws Exception {
        BlockingQueue<Notification> commands = new LinkedBlockingQueue<>();
        link = startLink(commands::add);
        CountDownLatch acked = new CountDownLatch(1);
        CommandAck[] ack = new CommandAck[1];
        operator = OperatorSession.open(keys(OPERATOR), client, new OperatorListener() {
            @Override
            public void onAck(AtSign device, CommandAck a) {
                ack[0] = a;
                acked.countDown();
            }
        });
        operator.watch(System.currentTimeMillis());
        long deadline = System.currentTimeMillis() + 10_000;
        while (!link.isConnected() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        String id = operator.send(DEVICE, "fan", 1, Duration.ofMinutes(1));
        Notification n = commands.poll(15, TimeUnit.SECONDS);
        assertEquals(id, n.id());
        assertEquals("@ops", n.from());
        assertTrue(n.key().endsWith("command.atiot@ops"), n.key());
        String json = new org.atiot.core.sharing.SharedValueDecryptor(keys(DEVICE).encryption().privateKey())
                .decrypt(n.value(), n.metadata().get("ivNonce"), n.metadata().get("sharedKeyEnc"), null);
        assertTrue(json.contains("\"actuator\":\"fan\""), json);
        RecipientKeys recipientKeys = new RecipientKeys(tmp.resolve("shared-keys"), keys(DEVICE).encryption());
        new Outbox(queue, recipientKeys, Clock.systemUTC()).acknowledge(OPERATOR,
                CommandAck.ok(id, "fan", java.util.Map.of("value", 1L), java.time.Instant.now(),
                        java.time.Instant.now()).toJson());
        assertTrue(acked.await(15, TimeUnit.SECONDS));
        assertEquals(id, ack[0].id());
        assertTrue(ack[0].isOk());
    }
}
