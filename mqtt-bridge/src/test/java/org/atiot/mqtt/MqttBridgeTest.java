package org.atiot.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.atiot.agent.commands.ActuationFailure;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.MqttConfig;
import org.atiot.agent.runtime.Device;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.mqtt.testing.MosquittoBroker;
import org.atiot.mqtt.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge against a real Mosquitto process: ingest mappings, bad payloads, restarts, TLS, actuators, egress. */
class MqttBridgeTest {
    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<String> readings = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private MosquittoBroker broker(boolean tls) throws Exception {
        return keep(MosquittoBroker.start(tmp.resolve("broker"), tls));
    }

    private MqttConfig config(String mqttToml) throws Exception {
        return AgentConfig.parse("[device]\natsign = \"@pi01\"\n" + mqttToml, "agent.toml", tmp).mqtt().orElseThrow();
    }

    private MqttBridge bridge(MqttConfig c) throws Exception {
        MqttBridge b = MqttBridge.open(c, 100, 400);
        open.add(b::disconnect);
        b.start((sensor, sample) -> readings.add(sensor + " " + sample.measurements()));
        b.connect();
        waitFor(() -> b.connects() > 0, "bridge connects and subscribes");
        return b;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private String next() throws InterruptedException {
        String r = readings.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "no reading arrived");
        return r;
    }

    private static final String INGEST = "[[mqtt.ingest]]\ntopic = \"z2m/+/climate\"\nsensor = \"shed\"\n"
            + "pointer = \"/temperature\"\nquantity = \"temperature_c\"\nunit = \"°C\"\n"
            + "[[mqtt.ingest]]\ntopic = \"z2m/+/climate\"\nsensor = \"shed\"\n"
            + "pointer = \"/humidity\"\nquantity = \"humidity_pct\"\nunit = \"%\"\n"
            + "[[mqtt.ingest]]\ntopic = \"tank/#\"\nsensor = \"tank\"\nquantity = \"level_cm\"\nunit = \"cm\"\n";

    /** Verifies JSON pointers and plain numbers, '+' and '#' wildcards, and that other topics are ignored. */
    @Test
    void mapsJsonAndNumericPayloadsThroughWildcards() throws Exception {
        MosquittoBroker b = broker(false);
        bridge(config("[mqtt]\nbroker = \"" + b.url() + "\"\n" + INGEST));
        TestClient device = keep(new TestClient(b.url(), "device"));
        device.publish("z2m/garden/climate", "{\"temperature\": 21.5, \"humidity\": 48, \"linkquality\": 90}");
        assertEquals("shed [temperature_c=21.5 °C, humidity_pct=48.0 %]", next());
        device.publish("tank/north/raw", " 132.25 ");
        assertEquals("tank [level_cm=132.25 cm]", next());
        device.publish("tank", "7");
        assertEquals("tank [level_cm=7.0 cm]", next());
        device.publish("z2m/garden/climate/extra", "{\"temperature\": 1}");
        device.publish("other/topic", "5");
        assertEquals(null, readings.poll(500, TimeUnit.MILLISECONDS));
    }

    /** Verifies bad payloads are counted and skipped, a partly good one keeps its good values, and ingest goes on. */
    @Test
    void badPayloadsAreCountedAndSkipped() throws Exception {
        MosquittoBroker b = broker(false);
        MqttBridge bridge = bridge(config("[mqtt]\nbroker = \"" + b.url() + "\"\n" + INGEST));
        TestClient device = keep(new TestClient(b.url(), "device"));
        device.publish("tank/a", "twelve");
        device.publish("tank/a", "NaN");
        device.publish("z2m/x/climate", "{not json");
        device.publish("z2m/x/climate", "{\"temperature\": \"warm\", \"humidity\": 50}");
        assertEquals("shed [humidity_pct=50.0 %]", next());
        device.publish("tank/a", "3");
        assertEquals("tank [level_cm=3.0 cm]", next());
        assertEquals(5, bridge.rejected()); // twelve, NaN, two from the bad JSON, "warm"
        assertEquals(2, bridge.ingested());
        assertTrue(bridge.isConnected());
    }

    /**
     * Verifies the bridge reconnects after the broker restarts and loses nothing published on either side. QoS 1 is
     * at least once: a message whose acknowledgement the stopping broker had not yet stored comes again.
     */
    @Test
    void survivesABrokerRestart() throws Exception {
        MosquittoBroker b = broker(false);
        MqttBridge bridge = bridge(config("[mqtt]\nbroker = \"" + b.url() + "\"\n" + INGEST));
        try (TestClient device = new TestClient(b.url(), "device")) {
            for (int i = 0; i < 5; i++) {
                device.publish("tank/a", Integer.toString(i));
            }
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("tank [level_cm=" + i + ".0 cm]", next());
        }
        b.restart();
        waitFor(() -> bridge.isConnected() && bridge.connects() == 2, "bridge reconnects");
        try (TestClient device = new TestClient(b.url(), "device")) {
            for (int i = 5; i < 10; i++) {
                device.publish("tank/a", Integer.toString(i));
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (seen.size() < 5) {
            String r = next();
            assertTrue(r.matches("tank \\[level_cm=[0-9]\\.0 cm\\]"), r);
            if (!r.matches("tank \\[level_cm=[0-4]\\.0 cm\\]")) { // earlier ones may come twice
                seen.add(r);
            }
        }
    }

    /** Verifies the durable session: messages sent while the bridge was cut off arrive after it reconnects. */
    @Test
    void messagesQueuedWhileCutOffArriveAfterReconnect() throws Exception {
        MosquittoBroker b = broker(false);
        MqttConfig c = config("[mqtt]\nbroker = \"" + b.url() + "\"\nclient_id = \"durable-1\"\n" + INGEST);
        MqttBridge first = MqttBridge.open(c, 100, 400);
        first.start((s, sample) -> { });
        first.connect();
        waitFor(() -> first.connects() > 0, "first connects and subscribes");
        first.disconnect();
        try (TestClient device = new TestClient(b.url(), "device")) {
            device.publish("tank/a", "42");
        }
        bridge(c);
        assertEquals("tank [level_cm=42.0 cm]", next());
    }

    /** Verifies TLS with the test CA plus username and password, and that a wrong password never connects. */
    @Test
    void tlsWithPasswordFile() throws Exception {
        MosquittoBroker b = broker(true);
        String tls = "[mqtt]\nbroker = \"" + b.tlsUrl() + "\"\nca_file = \"" + b.caFile() + "\"\n"
                + "username = \"" + MosquittoBroker.USER + "\"\npassword_file = \"" + b.passwordFile() + "\"\n";
        bridge(config(tls + INGEST));
        try (TestClient device = new TestClient(b.url(), "device")) {
            device.publish("tank/x", "9.5");
        }
        assertEquals("tank [level_cm=9.5 cm]", next());

        Path wrong = tmp.resolve("wrong.password");
        Files.writeString(wrong, "nope\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        MqttBridge refused = MqttBridge.open(config(tls.replace(b.passwordFile().toString(), wrong.toString())
                .replace("\"" + MosquittoBroker.USER, "\"" + MosquittoBroker.USER) + INGEST), 100, 400);
        open.add(refused::disconnect);
        refused.connect();
        Thread.sleep(1500);
        assertFalse(refused.isConnected());

        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> MqttBridge.open(
                config(tls.replace(b.passwordFile().toString(), wrong.toString()) + INGEST)));
        assertTrue(e.getMessage().contains("readable by others; chmod 600"), e.getMessage());
    }

    private static final String ACTUATORS = "[[actuator]]\ntype = \"mqtt\"\nid = \"fan\"\nallow = [\"@op\"]\n"
            + "command_topic = \"fan/set\"\nstate_topic = \"fan/state\"\nack_timeout = \"1s\"\n"
            + "[[actuator]]\ntype = \"mqtt\"\nid = \"valve\"\nallow = [\"@op\"]\ncommand_topic = \"valve/set\"\n"
            + "max = 100\n";

    /** Verifies publish + state ack, PUBACK-only ack, the timeout as a failed ack, and the range check. */
    @Test
    void actuatorsPublishAndWaitForTheirState() throws Exception {
        MosquittoBroker b = broker(false);
        MqttBridge bridge = bridge(config(ACTUATORS + "[mqtt]\nbroker = \"" + b.url() + "\"\n"));
        Device.Actuator fan = bridge.actuators().get(0);
        Device.Actuator valve = bridge.actuators().get(1);
        TestClient device = keep(new TestClient(b.url(), "device").subscribe("fan/set").subscribe("valve/set"));

        // A device that reports its new state, like a Tasmota plug does.
        Thread echo = new Thread(() -> {
            try {
                String m = device.nextOn("fan/set", 10);
                device.publish("fan/state", m.equals("1") ? "ON" : "OFF");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        echo.start();
        Map<String, Object> state = fan.apply(1);
        echo.join();
        assertEquals(1.0, state.get("value"));
        assertEquals("state", state.get("confirmed"));

        ActuationFailure timeout = assertThrows(ActuationFailure.class, () -> fan.apply(0));
        assertEquals(ActuationFailure.Kind.HARDWARE, timeout.kind());
        assertTrue(timeout.getMessage().contains("no state 0 on fan/state within 1000 ms"), timeout.getMessage());
        assertEquals("0", device.nextOn("fan/set", 5)); // it was published all the same

        assertEquals("puback", valve.apply(42.5).get("confirmed"));
        assertEquals("42.5", device.nextOn("valve/set", 5));
        assertEquals(ActuationFailure.Kind.OUT_OF_RANGE, assertThrows(ActuationFailure.class,
                () -> valve.apply(101)).kind());
        assertEquals(Set_of("@op"), fan.allowed());
    }

    private static java.util.Set<AtSign> Set_of(String s) {
        return java.util.Set.of(AtSign.of(s));
    }

    /** Verifies the operator side: one topic per quantity, a status topic, and retained discovery messages. */
    @Test
    void publishesReadingsWithHomeAssistantDiscovery() throws Exception {
        MosquittoBroker b = broker(false);
        MqttTelemetryPublisher out = keep(MqttTelemetryPublisher.open(java.net.URI.create(b.url()), "watch-1",
                "home/atiot", true, true, null, null, null));
        waitFor(out::isConnected, "publisher connects");
        out.publish(AtSign.of("@pi01"), TelemetryReading.ok("shed", 7, 1_700_000_000_000L, 5,
                List.of(Measurement.of("temperature_c", 21.5, "°C"), Measurement.of("humidity_pct", 40, "%"))));
        waitFor(() -> out.published() == 5, "five messages published");
        // Subscribed afterwards: retained messages prove --retain and the retained discovery config.
        TestClient consumer = keep(new TestClient(b.url(), "consumer").subscribe("home/#").subscribe("homeassistant/#"));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(consumer.next(5));
        }
        assertTrue(got.contains("home/atiot/pi01/shed/temperature_c 21.5"), got.toString());
        assertTrue(got.contains("home/atiot/pi01/shed/humidity_pct 40"), got.toString());
        assertTrue(got.contains("home/atiot/pi01/shed/status ok"), got.toString());
        String discovery = got.stream().filter(m -> m.startsWith(
                "homeassistant/sensor/atiot_pi01_shed_temperature_c/config ")).findFirst().orElseThrow();
        assertTrue(discovery.contains("\"state_topic\":\"home/atiot/pi01/shed/temperature_c\""), discovery);
        assertTrue(discovery.contains("\"device_class\":\"temperature\""), discovery);
        assertTrue(got.stream().anyMatch(m -> m.contains("\"device_class\":\"humidity\"")), got.toString());
        assertEquals(0, out.dropped());
    }
}
