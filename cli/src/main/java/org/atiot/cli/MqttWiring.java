package org.atiot.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.atiot.agent.config.MqttConfig;
import org.atiot.agent.runtime.Device;
import org.atiot.agent.runtime.ReadingSource;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.mqtt.MqttBridge;
import org.atiot.mqtt.MqttTelemetryPublisher;

/**
 * The only cli class that names the MQTT bridge. The verbs call it only when MQTT is configured or asked for, so
 * an agent or watch without MQTT never loads the bridge or Paho (the JVM loads a class on first use).
 */
final class MqttWiring {
    private MqttWiring() {
    }

    /** A device with its MQTT actuators added, and the bridge as the agent's pushed reading source. */
    static final class Attached {
        final Device device;
        final ReadingSource source;

        Attached(Device device, ReadingSource source) {
            this.device = device;
            this.source = source;
        }
    }

    /** Opens the bridge and starts connecting; the returned device disconnects it when closed. */
    static Attached attach(Device device, MqttConfig config) throws IOException {
        MqttBridge bridge = MqttBridge.open(config).connect();
        return new Attached(device.withActuators(bridge.actuators(), bridge::disconnect), bridge);
    }

    /** For {@code run --check}: the password and CA files can be used (no connection is made). */
    static void check(MqttConfig config) throws IOException {
        MqttBridge.open(config).disconnect();
    }

    /** An operator-side publisher of fresh readings, and the handle that closes it. */
    interface Out extends AutoCloseable {
        void accept(AtSign device, SequenceReport report);

        @Override
        void close();
    }

    static Out openOut(String url, String prefix, boolean retain, boolean haDiscovery, String user,
                       Path passwordFile, Path caFile, AtSign operator) throws UsageException, IOException {
        URI broker;
        try {
            broker = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--mqtt-out takes a URL like tcp://127.0.0.1:1883");
        }
        if (!("tcp".equals(broker.getScheme()) || "ssl".equals(broker.getScheme())) || broker.getHost() == null
                || broker.getPort() < 1) {
            throw new UsageException("--mqtt-out takes tcp://host:port or ssl://host:port, got " + url);
        }
        if (passwordFile != null && user == null) {
            throw new UsageException("--mqtt-password-file needs --mqtt-user");
        }
        try {
            MqttTelemetryPublisher.checkPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--topic-prefix: " + e.getMessage());
        }
        MqttTelemetryPublisher p = MqttTelemetryPublisher.open(broker, "atiot-watch-" + operator.withoutPrefix(),
                prefix, retain, haDiscovery, user, passwordFile, caFile);
        BiConsumer<AtSign, TelemetryReading> publish = p::publish;
        return new Out() {
            @Override
            public void accept(AtSign device, SequenceReport report) {
                for (TelemetryReading r : report.freshReadings()) {
                    publish.accept(device, r);
                }
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }
}
