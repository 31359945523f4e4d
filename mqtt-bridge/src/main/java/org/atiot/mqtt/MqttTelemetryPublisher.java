package org.atiot.mqtt;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;
import org.atiot.mqtt.internal.BrokerConnection;
import org.tinylog.Logger;

/**
 * The operator side of the bridge: publishes each decrypted reading to
 * {@code <prefix>/<device>/<sensor>/<quantity>} as a plain number (and {@code .../<sensor>/status} as
 * {@code ok} or {@code fault: reason}), optionally retained, and optionally announces every new quantity once with
 * a retained Home Assistant discovery message so it appears there without manual configuration.
 */
public final class MqttTelemetryPublisher implements AutoCloseable {
    public static final String DEFAULT_PREFIX = "atiot";
    public static final String DISCOVERY_PREFIX = "homeassistant";

    private final BrokerConnection connection;
    private final String prefix;
    private final boolean retain;
    private final boolean discovery;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private MqttTelemetryPublisher(BrokerConnection connection, String prefix, boolean retain, boolean discovery) {
        this.connection = connection;
        this.prefix = prefix;
        this.retain = retain;
        this.discovery = discovery;
    }

    /**
     * Connects in the background and keeps reconnecting.
     *
     * @param username, passwordFile, caFile may be {@code null}
     * @throws IOException if the password or CA file cannot be used
     */
    public static MqttTelemetryPublisher open(URI broker, String clientId, String prefix, boolean retain,
                                              boolean haDiscovery, String username, Path passwordFile, Path caFile)
            throws IOException {
        BrokerConnection.Settings s = new BrokerConnection.Settings(broker, clientId).auth(username, passwordFile)
                .caFile(caFile).cleanSession(true);
        BrokerConnection c = new BrokerConnection(s, List.of(), (t, m) -> { });
        c.start();
        return new MqttTelemetryPublisher(c, prefix, retain, haDiscovery);
    }

    /** Checks a prefix given on the command line: MQTT topic levels without wildcards. */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("+")
                || prefix.contains("#") || prefix.length() > 200) {
            throw new IllegalArgumentException("a topic prefix is 1 to 200 characters, no leading or trailing '/', "
                    + "no '+' or '#'");
        }
        return prefix;
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    public long published() {
        return published.get();
    }

    /** Messages not published because the broker was down or too slow. */
    public long dropped() {
        return dropped.get();
    }

    /** Publishes one reading; never blocks on the broker (QoS 1 without waiting for the PUBACK). */
    public void publish(AtSign device, TelemetryReading r) {
        String base = prefix + "/" + level(device.withoutPrefix()) + "/" + level(r.sensorId());
        send(base + "/status", r.isOk() ? "ok" : "fault: " + r.faultReason(), retain);
        for (Measurement m : r.measurements()) {
            if (Double.isNaN(m.value())) {
                continue;
            }
            String topic = base + "/" + level(m.name());
            if (discovery && announced.add(topic)) {
                announce(device, r.sensorId(), m, topic);
            }
            send(topic, number(m.value()), retain);
        }
    }

    private void announce(AtSign device, String sensor, Measurement m, String stateTopic) {
        String node = objectId(device.withoutPrefix());
        String id = "atiot_" + node + "_" + objectId(sensor) + "_" + objectId(m.name());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", sensor + " " + m.name());
        config.put("unique_id", id);
        config.put("object_id", id);
        config.put("state_topic", stateTopic);
        if (!m.unit().isEmpty()) {
            config.put("unit_of_measurement", m.unit());
            config.put("state_class", "measurement");
        }
        String deviceClass = deviceClass(m.name(), m.unit());
        if (deviceClass != null) {
            config.put("device_class", deviceClass);
        }
        Map<String, Object> dev = new LinkedHashMap<>();
        dev.put("identifiers", List.of("atiot_" + node));
        dev.put("name", device.toString());
        dev.put("manufacturer", "atiot");
        config.put("device", dev);
        // Retained so Home Assistant finds it after its own restart.
        send(DISCOVERY_PREFIX + "/sensor/" + id + "/config", Json.write(config), true);
    }

    /** Home Assistant's device class for common units, so values get the right icon and history graph. */
    static String deviceClass(String quantity, String unit) {
        switch (unit) {
            case "°C":
            case "°F":
                return "temperature";
            case "hPa":
            case "Pa":
                return "pressure";
            case "W":
                return "power";
            case "V":
                return "voltage";
            case "A":
                return "current";
            case "lx":
                return "illuminance";
            case "%":
                return quantity.toLowerCase(Locale.ROOT).contains("humid") ? "humidity"
                        : quantity.toLowerCase(Locale.ROOT).contains("batt") ? "battery" : null;
            default:
                return null;
        }
    }

    private void send(String topic, String payload, boolean retained) {
        try {
            connection.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained, 0);
            published.incrementAndGet();
        } catch (IOException e) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                Logger.warn("MQTT out: {} message(s) not published so far: {}", n, e.getMessage());
            }
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** One topic level: no separators or wildcards, whatever a name holds. */
    private static String level(String s) {
        return s.replace('/', '_').replace('+', '_').replace('#', '_');
    }

    private static String objectId(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    @Override
    public void close() {
        connection.close();
    }
}
