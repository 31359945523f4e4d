package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.DEVICE;
import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.mqtt.testing.MosquittoBroker;
import org.atiot.mqtt.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT bridge end to end, with the real cli as processes: a value published to the device's Mosquitto is
 * encrypted by the agent, crosses the local atPlatform, is decrypted by {@code atiot watch --mqtt-out} and
 * appears on the operator's broker tree; a command to an MQTT actuator is published and acknowledged once the
 * device reports the state. Without MQTT config neither verb loads a Paho class.
 */
class MqttBridgeEndToEndTest {
    @TempDir
    Path tmp;

    private final BlockingQueue<TelemetryReading> readings = new LinkedBlockingQueue<>();
    private final BlockingQueue<CommandAck> acks = new LinkedBlockingQueue<>();
    private final List<Process> processes = new ArrayList<>();

    private Process cli(String log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), "org.atiot.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile())
                .start();
        processes.add(p);
        return p;
    }

    private static void stop(Process p) throws Exception {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    private String loadedClasses(String log) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(tmp.resolve(log))) {
            if (line.startsWith("[") && line.contains("class,load")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private TelemetryReading awaitSensor(String sensor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            TelemetryReading r = readings.poll(500, TimeUnit.MILLISECONDS);
            if (r != null && r.sensorId().equals(sensor)) {
                return r;
            }
        }
        throw new AssertionError("no reading of sensor " + sensor);
    }

    @Test
    void readingsAndCommandsCrossTheBridgeAndPahoStaysUnloadedWithoutIt() throws Exception {
        try (E2ePlatform e2e = new E2ePlatform(tmp);
             MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
             OperatorSession operator = OperatorSession.open(e2e.keys(OPERATOR), e2e.client, new OperatorListener() {
                 @Override
                 public void onTelemetry(AtSign device, SequenceReport report) {
                     readings.addAll(report.freshReadings());
                 }

                 @Override
                 public void onAck(AtSign device, CommandAck ack) {
                     acks.add(ack);
                 }
             })) {
            operator.watch(0);
            String keys = e2e.platform.keyFile(OPERATOR).toString();
            String ca = e2e.platform.caFile().toString();
            String directory = e2e.platform.directory().toString();
            try {
                // 1. No MQTT anywhere: the agent and a watch run for real and never load the bridge or Paho.
                Path plain = tmp.resolve("plain.toml");
                Files.writeString(plain, e2e.agentToml("200ms", 5, ""));
                Process agent = cli("plain-agent.log", "run", "--config", plain.toString());
                Process watch = cli("plain-watch.log", "watch", "--keys", keys, "--ca", ca, "--directory", directory);
                awaitSensor("climate");
                waitForLine("plain-watch.log", "climate");
                stop(agent);
                stop(watch);
                for (String log : List.of("plain-agent.log", "plain-watch.log")) {
                    String loaded = loadedClasses(log);
                    assertTrue(loaded.contains("org.atiot.cli.Main"), "class loading is logged in " + log);
                    assertFalse(loaded.contains("org.eclipse.paho"), log + " loaded Paho:\n" + loaded);
                    assertFalse(loaded.contains("org.atiot.mqtt"), log + " loaded the bridge");
                }

                // 2. With MQTT: the device's broker feeds a sensor, the operator's watch republishes it.
                Path bridged = tmp.resolve("bridged.toml");
                Files.writeString(bridged, e2e.agentToml("1s", 5, String.join("\n",
                        "[[actuator]]", "type = \"mqtt\"", "id = \"pump\"", "allow = [\"" + OPERATOR + "\"]",
                        "command_topic = \"garden/pump/set\"", "state_topic = \"garden/pump/state\"",
                        "ack_timeout = \"5s\"",
                        "[mqtt]", "broker = \"" + broker.url() + "\"",
                        "[[mqtt.ingest]]", "topic = \"garden/+/tank\"", "sensor = \"tank\"", "pointer = \"/level\"",
                        "quantity = \"level_cm\"", "unit = \"cm\"")));
                TestClient consumer = new TestClient(broker.url(), "consumer").subscribe("ops/#")
                        .subscribe("homeassistant/#");
                TestClient device = new TestClient(broker.url(), "garden-device").subscribe("garden/pump/set");
                agent = cli("mqtt-agent.log", "run", "--config", bridged.toString());
                cli("mqtt-watch.log", "watch", "--keys", keys, "--ca", ca, "--directory", directory,
                        "--from", DEVICE.toString(), "--mqtt-out", broker.url(), "--topic-prefix", "ops",
                        "--ha-discovery");
                String value = null;
                for (int i = 0; i < 30 && value == null; i++) { // until the agent's bridge has subscribed
                    device.publish("garden/north/tank", "{\"level\": 87.5, \"battery\": 90}");
                    value = consumer.nextOn("ops/e2e_device/tank/level_cm", 1);
                }
                assertEquals("87.5", value, "the reading reached the operator's broker");
                assertTrue(awaitSensor("tank").measurements().toString().contains("level_cm=87.5"));
                String discovery = consumer.nextOn("homeassistant/sensor/atiot_e2e_device_tank_level_cm/config", 10);
                // discovery is announced before the first value, so it may already have been taken above
                if (discovery != null) {
                    assertTrue(discovery.contains("\"state_topic\":\"ops/e2e_device/tank/level_cm\""), discovery);
                }

                // 3. A command to the MQTT actuator: published at QoS 1, acknowledged after the state report.
                // The plug answers every command with its new state (the agent's start-up safe state included).
                AtomicBoolean answering = new AtomicBoolean(true);
                AtomicBoolean running = new AtomicBoolean(true);
                Thread plug = new Thread(() -> {
                    try {
                        while (running.get()) {
                            String cmd = device.nextOn("garden/pump/set", 1);
                            if (cmd != null && answering.get()) {
                                device.publish("garden/pump/state", "1".equals(cmd) ? "ON" : "OFF");
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                plug.start();
                String id = operator.send(DEVICE, "pump", 1, Duration.ofMinutes(1));
                CommandAck ack = nextAck(id);
                assertTrue(ack.isOk(), ack.toString());
                assertEquals(1.0, ((Number) ack.state().get("value")).doubleValue(), ack.toString());
                assertEquals("state", ack.state().get("confirmed"));

                // No device answers this time: the ack is a failure that says why.
                answering.set(false);
                CommandAck failed = nextAck(operator.send(DEVICE, "pump", 0, Duration.ofMinutes(1)));
                assertFalse(failed.isOk(), failed.toString());
                assertTrue(String.valueOf(failed.detail()).contains("no state 0 on garden/pump/state"),
                        failed.toString());
                running.set(false);
                plug.join(5000);
                stop(agent);
                assertTrue(loadedClasses("mqtt-agent.log").contains("org.eclipse.paho"), "the check can see Paho");
                consumer.close();
                device.close();
            } finally {
                for (Process p : processes) {
                    stop(p);
                }
            }
        }
    }

    private void waitForLine(String log, String fragment) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(tmp.resolve(log))) {
                if (!line.startsWith("[") && line.contains(fragment)) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(fragment + " never printed in " + log);
    }

    private CommandAck nextAck(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            CommandAck a = acks.poll(500, TimeUnit.MILLISECONDS);
            if (a != null && a.id().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no ack for " + id);
    }
}
