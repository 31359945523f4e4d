package org.atiot.agent.config.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atiot.agent.config.ActuatorConfig;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.ConfigException;
import org.atiot.agent.config.DriverSettings;
import org.atiot.agent.config.HalProvider;
import org.atiot.agent.config.MqttActuatorConfig;
import org.atiot.agent.config.RecipientConfig;
import org.atiot.agent.config.SensorConfig;
import org.atiot.core.AtSign;
import org.atiot.core.protocol.HostAndPort;

/** Binds a parsed TOML document to {@link AgentConfig}, reporting every problem with file, line and key. */
public final class AgentConfigBinder {
    private final String file;
    private final Path baseDir;

    private AgentConfigBinder(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    public static AgentConfig bind(String text, String file, Path baseDir) throws ConfigException {
        return new AgentConfigBinder(file, baseDir).bind(TomlParser.parse(text, file));
    }

    /** Runs a builder setter, turning its {@link IllegalArgumentException} into an error at {@code key}. */
    @FunctionalInterface
    private interface Setter {
        void apply();
    }

    private static void set(TableReader r, String key, Setter setter) throws ConfigException {
        try {
            setter.apply();
        } catch (IllegalArgumentException e) {
            throw r.error(key, e.getMessage());
        }
    }

    private AgentConfig bind(TomlTable root) throws ConfigException {
        TableReader top = new TableReader(root, file, "the top level");
        TomlTable device = top.table("device");
        if (device == null) {
            throw new ConfigException(file, 1, null, "missing [device] section; add [device] with atsign = \"@your_device\"");
        }
        TableReader d = new TableReader(device, file, "[device]");
        AtSign atSign = atSign(d, "atsign", d.string("atsign", "\"@pi01\""));
        AgentConfig.Builder b = AgentConfig.builder(atSign);
        Path stateDir = d.path("state_dir", baseDir);
        if (stateDir != null) {
            b.stateDir(stateDir);
        }
        Path keys = d.path("keys", baseDir);
        if (keys != null) {
            b.keysFile(keys);
        }
        b.caFile(d.path("ca_file", baseDir));
        String directory = d.optionalString("directory");
        if (directory != null) {
            set(d, "directory", () -> b.directory(HostAndPort.parse(directory)));
        }
        Duration safeAfter = d.duration("offline_safe_state_after", AgentConfig.DEFAULT_OFFLINE_SAFE_STATE_AFTER);
        set(d, "offline_safe_state_after", () -> b.offlineSafeStateAfter(safeAfter));
        Duration heartbeat = d.duration("heartbeat", AgentConfig.DEFAULT_HEARTBEAT);
        set(d, "heartbeat", () -> b.heartbeat(heartbeat));
        Duration responseTimeout = d.duration("response_timeout", AgentConfig.DEFAULT_RESPONSE_TIMEOUT);
        set(d, "response_timeout", () -> b.responseTimeout(responseTimeout));
        d.rejectUnknown();

        Set<String> sensorIds = new LinkedHashSet<>();
        for (TomlTable t : top.tableArray("sensor")) {
            SensorConfig s = sensor(t, sensorIds);
            b.addSensor(s);
        }
        Set<String> actuatorIds = new LinkedHashSet<>();
        List<MqttActuatorConfig> mqttActuators = new ArrayList<>();
        TableReader firstMqttActuator = null;
        for (TomlTable t : top.tableArray("actuator")) {
            TableReader r = new TableReader(t, file, "[[actuator]]");
            if ("mqtt".equals(t.get("type") == null ? null : t.get("type").value())) {
                mqttActuators.add(mqttActuator(r, actuatorIds));
                firstMqttActuator = firstMqttActuator == null ? r : firstMqttActuator;
            } else {
                b.addActuator(actuator(t, actuatorIds));
            }
        }
        // Before the recipients: MQTT-fed sensors are sensors a recipient may name.
        TomlTable mqtt = top.table("mqtt");
        if (mqtt != null) {
            b.mqtt(new MqttConfigReader(file, baseDir).broker(mqtt, atSign, sensorIds, mqttActuators));
        } else if (firstMqttActuator != null) {
            throw firstMqttActuator.error("type", "an mqtt actuator needs a broker; add an [mqtt] section");
        }
        Set<AtSign> recipients = new LinkedHashSet<>();
        for (TomlTable t : top.tableArray("recipient")) {
            b.addRecipient(recipient(t, sensorIds, recipients));
        }
        queue(top.table("queue"), b);
        batch(top.table("batch"), b);
        hal(top.table("hal"), b);
        top.rejectUnknown();
        try {
            return b.build();
        } catch (IllegalStateException e) {
            // The checks above report these with lines first; this only catches what they do not cover.
            throw new ConfigException(file, 0, null, e.getMessage());
        }
    }

    private AtSign atSign(TableReader r, String key, String text) throws ConfigException {
        try {
            return AtSign.of(text);
        } catch (IllegalArgumentException e) {
            throw r.error(key, e.getMessage());
        }
    }

    private SensorConfig sensor(TomlTable t, Set<String> ids) throws ConfigException {
        TableReader r = new TableReader(t, file, "[[sensor]]");
        String type = r.string("type", "\"bme280\"");
        String id = r.string("id", "\"climate\"");
        Duration interval = r.duration("interval", null);
        if (interval == null) {
            throw r.missing("interval", "\"10s\"");
        }
        Duration jitter = r.duration("jitter", SensorConfig.DEFAULT_JITTER);
        uniqueId(r, ids, id, "sensor");
        DriverSettings settings = driverSettings(r, t);
        try {
            return new SensorConfig(type, id, interval, jitter, settings);
        } catch (IllegalArgumentException e) {
            throw r.error(keyNamedIn(e.getMessage(), "type", "id", "interval", "jitter"), e.getMessage());
        }
    }

    private ActuatorConfig actuator(TomlTable t, Set<String> ids) throws ConfigException {
        TableReader r = new TableReader(t, file, "[[actuator]]");
        String type = r.string("type", "\"relay\"");
        String id = r.string("id", "\"pump\"");
        List<String> allowList = r.stringList("allow");
        if (allowList == null) {
            throw r.missing("allow", "[\"@operator\"]");
        }
        Set<AtSign> allow = new LinkedHashSet<>();
        for (String s : allowList) {
            allow.add(atSign(r, "allow", s));
        }
        uniqueId(r, ids, id, "actuator");
        DriverSettings settings = driverSettings(r, t);
        try {
            return new ActuatorConfig(type, id, allow, settings);
        } catch (IllegalArgumentException e) {
            throw r.error(keyNamedIn(e.getMessage(), "type", "id", "allow"), e.getMessage());
        }
    }

    private MqttActuatorConfig mqttActuator(TableReader r, Set<String> ids) throws ConfigException {
        r.string("type", "\"mqtt\"");
        String id = r.string("id", "\"fan\"");
        try {
            Ids.checkId(id);
        } catch (IllegalArgumentException e) {
            throw r.error("id", e.getMessage());
        }
        List<String> allowList = r.stringList("allow");
        if (allowList == null || allowList.isEmpty()) {
            throw r.missing("allow", "[\"@operator\"]");
        }
        Set<AtSign> allow = new LinkedHashSet<>();
        for (String s : allowList) {
            allow.add(atSign(r, "allow", s));
        }
        uniqueId(r, ids, id, "actuator");
        return new MqttConfigReader(file, baseDir).actuator(r, id, allow);
    }

    private void uniqueId(TableReader r, Set<String> ids, String id, String kind) throws ConfigException {
        if (!ids.add(id)) {
            throw r.error("id", kind + " id '" + id + "' is used twice; give each " + kind + " its own id");
        }
    }

    /** Everything the section does not define itself belongs to the driver. */
    private DriverSettings driverSettings(TableReader r, TomlTable t) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (String key : r.unread()) {
            TomlValue v = t.get(key);
            values.put(key, v.toPlain());
            lines.put(key, v.line());
        }
        return new DriverSettings(file, values, lines);
    }

    private static String keyNamedIn(String message, String... keys) {
        for (String k : keys) {
            if (message.startsWith(k + " ")) {
                return k;
            }
        }
        return keys[0];
    }

    private RecipientConfig recipient(TomlTable t, Set<String> sensorIds, Set<AtSign> seen) throws ConfigException {
        TableReader r = new TableReader(t, file, "[[recipient]]");
        AtSign atSign = atSign(r, "atsign", r.string("atsign", "\"@operator\""));
        if (!seen.add(atSign)) {
            throw r.error("atsign", "recipient " + atSign + " is listed twice; merge the two [[recipient]] sections");
        }
        List<String> sensors = r.stringList("sensors");
        r.rejectUnknown();
        if (sensors == null) {
            return RecipientConfig.allSensors(atSign);
        }
        for (String id : sensors) {
            if (!sensorIds.contains(id)) {
                String hint = Suggestions.closest(id, sensorIds);
                throw r.error("sensors", "no sensor with id '" + id + "'"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "; configured sensors: " + sensorIds));
            }
        }
        try {
            return RecipientConfig.ofSensors(atSign, new LinkedHashSet<>(sensors));
        } catch (IllegalArgumentException e) {
            throw r.error("sensors", e.getMessage());
        }
    }

    private void queue(TomlTable t, AgentConfig.Builder b) throws ConfigException {
        if (t == null) {
            return;
        }
        TableReader r = new TableReader(t, file, "[queue]");
        b.queueDir(r.path("dir", baseDir));
        long max = r.size("max_bytes", AgentConfig.DEFAULT_QUEUE_MAX_BYTES);
        set(r, "max_bytes", () -> b.queueMaxBytes(max));
        long segment = r.size("segment_bytes", 0);
        if (segment != 0) {
            set(r, "segment_bytes", () -> b.queueSegmentBytes(segment));
        }
        if (segment > max) {
            throw r.error("segment_bytes", "must not exceed max_bytes (" + Units.formatSize(max) + ")");
        }
        Duration fsync = r.duration("fsync_interval", AgentConfig.DEFAULT_QUEUE_FSYNC_INTERVAL);
        set(r, "fsync_interval", () -> b.queueFsyncInterval(fsync));
        r.rejectUnknown();
    }

    private void batch(TomlTable t, AgentConfig.Builder b) throws ConfigException {
        if (t == null) {
            return;
        }
        TableReader r = new TableReader(t, file, "[batch]");
        long readings = r.integer("max_readings", AgentConfig.DEFAULT_BATCH_MAX_READINGS);
        set(r, "max_readings", () -> b.batchMaxReadings((int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, readings))));
        Duration age = r.duration("max_age", AgentConfig.DEFAULT_BATCH_MAX_AGE);
        set(r, "max_age", () -> b.batchMaxAge(age));
        Duration ttln = r.duration("ttln", AgentConfig.DEFAULT_TTLN);
        set(r, "ttln", () -> b.ttln(ttln));
        r.rejectUnknown();
    }

    private void hal(TomlTable t, AgentConfig.Builder b) throws ConfigException {
        if (t == null) {
            return;
        }
        TableReader r = new TableReader(t, file, "[hal]");
        String name = r.optionalString("provider");
        if (name != null) {
            HalProvider p = HalProvider.fromConfigName(name);
            if (p == null) {
                throw r.error("provider", "expected one of \"simulated\", \"linux\", \"pi4j\", got \"" + name + "\"");
            }
            b.halProvider(p);
        }
        r.rejectUnknown();
    }
}
