package org.atiot.agent.config.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.atiot.agent.config.ConfigException;
import org.atiot.agent.config.MqttActuatorConfig;
import org.atiot.agent.config.MqttConfig;
import org.atiot.agent.config.MqttIngest;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;

/** Reads {@code [mqtt]}, its {@code [[mqtt.ingest]]} mappings and the keys of {@code type = "mqtt"} actuators. */
final class MqttConfigReader {
    private static final Duration MIN_KEEPALIVE = Duration.ofSeconds(1);
    private static final Duration MAX_KEEPALIVE = Duration.ofHours(1);
    private static final Duration MIN_ACK_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_TOPIC_LENGTH = 512;

    private final String file;
    private final Path baseDir;

    MqttConfigReader(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    /** The broker section; {@code sensorIds} holds the [[sensor]] ids and receives the ingest sensor ids. */
    MqttConfig broker(TomlTable t, AtSign device, Set<String> sensorIds, List<MqttActuatorConfig> actuators)
            throws ConfigException {
        TableReader r = new TableReader(t, file, "[mqtt]");
        String url = r.string("broker", "\"tcp://127.0.0.1:1883\"");
        URI broker = brokerUri(r, url);
        Path ca = r.path("ca_file", baseDir);
        if (ca != null && !"ssl".equals(broker.getScheme())) {
            throw r.error("ca_file", "a CA file only applies to an ssl:// broker; the broker is " + url);
        }
        String username = r.optionalString("username");
        Path passwordFile = r.path("password_file", baseDir);
        if (passwordFile != null && username == null) {
            throw r.error("password_file", "a password needs a username; add username = \"atiot\"");
        }
        if (r.has("password")) {
            throw r.error("password", "passwords are not kept in the config; put it in a file readable only by "
                    + "the agent (chmod 600) and set password_file");
        }
        String clientId = r.optionalString("client_id");
        if (clientId == null) {
            clientId = "atiot-" + device.withoutPrefix();
        } else if (clientId.isEmpty() || clientId.length() > 64 || !clientId.chars().allMatch(c -> c > 32 && c < 127)) {
            throw r.error("client_id", "expected 1 to 64 printable ASCII characters without spaces");
        }
        Duration keepAlive = r.duration("keepalive", MqttConfig.DEFAULT_KEEPALIVE);
        if (keepAlive.compareTo(MIN_KEEPALIVE) < 0 || keepAlive.compareTo(MAX_KEEPALIVE) > 0) {
            throw r.error("keepalive", "must be between 1s and 1h");
        }
        List<MqttIngest> ingest = new ArrayList<>();
        Set<String> hardware = Set.copyOf(sensorIds);
        for (TomlTable it : r.tableArray("ingest")) {
            MqttIngest m = ingest(it, hardware);
            ingest.add(m);
            sensorIds.add(m.sensor());
        }
        r.rejectUnknown();
        return new MqttConfig(broker, ca, username, passwordFile, clientId, keepAlive, ingest, actuators);
    }

    private static URI brokerUri(TableReader r, String url) throws ConfigException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw r.error("broker", "\"" + url + "\" is not a URL like tcp://127.0.0.1:1883");
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw r.error("broker", "expected tcp://host:port or ssl://host:port, got \"" + url + "\"");
        }
        if (uri.getHost() == null || uri.getPort() < 1 || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw r.error("broker", "expected tcp://host:port or ssl://host:port with a port, got \"" + url + "\"");
        }
        return uri;
    }

    private MqttIngest ingest(TomlTable t, Set<String> hardwareSensors) throws ConfigException {
        TableReader r = new TableReader(t, file, "[[mqtt.ingest]]");
        String topic = r.string("topic", "\"zigbee2mqtt/greenhouse\"");
        String problem = filterProblem(topic);
        if (problem != null) {
            throw r.error("topic", problem);
        }
        String sensor = r.string("sensor", "\"greenhouse\"");
        try {
            Ids.checkId(sensor);
        } catch (IllegalArgumentException e) {
            throw r.error("sensor", e.getMessage());
        }
        if (hardwareSensors.contains(sensor)) {
            throw r.error("sensor", "sensor id '" + sensor + "' is already a [[sensor]]; give the MQTT one its own id");
        }
        String pointer = r.optionalString("pointer");
        if (pointer != null && !pointer.startsWith("/")) {
            throw r.error("pointer", "a JSON pointer starts with '/', e.g. \"/temperature\"; leave it out for a plain "
                    + "numeric payload");
        }
        String quantity = r.string("quantity", "\"temperature_c\"");
        if (!TelemetryReading.isValidSensorId(quantity)) {
            throw r.error("quantity", "expected 1 to 64 letters, digits, '_', '.' or '-', got \"" + quantity + "\"");
        }
        String unit = r.optionalString("unit");
        if (unit != null && unit.length() > 64) {
            throw r.error("unit", "is longer than 64 characters");
        }
        r.rejectUnknown();
        return new MqttIngest(topic, sensor, pointer, quantity, unit == null ? "" : unit);
    }

    /** The keys of an {@code [[actuator]]} with {@code type = "mqtt"}; type, id and allow are already read. */
    MqttActuatorConfig actuator(TableReader r, String id, Set<AtSign> allow) throws ConfigException {
        String command = r.string("command_topic", "\"tasmota/fan/cmnd/POWER\"");
        String problem = topicProblem(command);
        if (problem != null) {
            throw r.error("command_topic", problem);
        }
        String state = r.optionalString("state_topic");
        problem = state == null ? null : topicProblem(state);
        if (problem != null) {
            throw r.error("state_topic", problem);
        }
        Duration timeout = r.duration("ack_timeout", MqttActuatorConfig.DEFAULT_ACK_TIMEOUT);
        if (timeout.compareTo(MIN_ACK_TIMEOUT) < 0 || timeout.compareTo(MAX_ACK_TIMEOUT) > 0) {
            throw r.error("ack_timeout", "must be between 100ms and 5m");
        }
        double min = number(r, "min", 0);
        double max = number(r, "max", 1);
        if (!(min < max)) {
            throw r.error("max", "must be greater than min (" + min + ")");
        }
        r.rejectUnknown();
        return new MqttActuatorConfig(id, allow, command, state, timeout, min, max);
    }

    private static double number(TableReader r, String key, double fallback) throws ConfigException {
        if (!r.has(key)) {
            return fallback;
        }
        TomlValue v = r.raw(key);
        if (v.value() instanceof Long || v.value() instanceof Double) {
            double d = ((Number) v.value()).doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw r.error(key, "expected a number, got " + v.typeName() + " " + v.quoted());
    }

    /** Why {@code topic} cannot be published to, or {@code null}. */
    static String topicProblem(String topic) {
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            return "a topic has 1 to " + MAX_TOPIC_LENGTH + " characters";
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return "a topic to publish to cannot hold the wildcards + or #";
        }
        return topic.indexOf('\0') >= 0 ? "a topic cannot hold a NUL character" : null;
    }

    /** Why {@code filter} is not a valid subscription filter, or {@code null}. */
    static String filterProblem(String filter) {
        if (filter.isEmpty() || filter.length() > MAX_TOPIC_LENGTH) {
            return "a topic has 1 to " + MAX_TOPIC_LENGTH + " characters";
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "'#' must be a whole level and the last one, e.g. \"sensors/#\"";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "'+' must be a whole level, e.g. \"zigbee2mqtt/+/climate\"";
            }
        }
        return filter.indexOf('\0') >= 0 ? "a topic cannot hold a NUL character" : null;
    }
}
