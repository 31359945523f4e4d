package org.atiot.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atiot.core.AtSign;
import org.atiot.core.protocol.HostAndPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
    private static final Path BASE = Path.of("/etc/atiot");
    private static final String MINIMAL = "[device]\natsign = \"@Pi01\"\n";

    @TempDir
    Path tmp;

    private static AgentConfig parse(String text) throws ConfigException {
        return AgentConfig.parse(text, "agent.toml", BASE);
    }

    private static ConfigException error(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    /** Verifies every default of a minimal config, which validates and sends nothing. */
    @Test
    void minimalConfigUsesDefaults() throws ConfigException {
        AgentConfig c = parse(MINIMAL);
        assertEquals(AtSign.of("@pi01"), c.deviceAtSign());
        assertEquals(AgentConfig.DEFAULT_DIRECTORY, c.directory());
        assertEquals("root.atsign.org:64", c.directory().toString());
        assertEquals(AgentConfig.DEFAULT_STATE_DIR, c.stateDir());
        assertEquals(Path.of("/var/lib/atiot/keys/@pi01_key.atKeys"), c.keysFile());
        assertNull(c.caFile());
        assertEquals(Duration.ofMinutes(5), c.offlineSafeStateAfter());
        assertEquals(Duration.ofSeconds(30), c.heartbeat());
        assertEquals(Duration.ofSeconds(15), c.responseTimeout());
        assertEquals(List.of(), c.recipients());
        assertEquals(List.of(), c.sensors());
        assertEquals(List.of(), c.actuators());
        assertEquals(Path.of("/var/lib/atiot/queue"), c.queueDir());
        assertEquals(64L << 20, c.queueMaxBytes());
        assertEquals(4L << 20, c.queueSegmentBytes());
        assertEquals(Duration.ofSeconds(1), c.queueFsyncInterval());
        assertEquals(50, c.batchMaxReadings());
        assertEquals(Duration.ofSeconds(2), c.batchMaxAge());
        assertEquals(Duration.ofHours(24), c.ttln());
        assertEquals(HalProvider.LINUX, c.halProvider());
        assertTrue(c.mqtt().isEmpty());
        assertEquals(c.queueDir(), c.queueOptions().directory());
    }

    /** Verifies a complete config binds every key, resolves relative paths and passes driver keys through. */
    @Test
    void fullConfig() throws Exception {
        String text = String.join("\n",
                "[device]",
                "atsign = \"@pi01\"",
                "keys = \"keys/pi01.atKeys\"",
                "directory = \"localhost:6464\"",
                "ca_file = \"ca.pem\"",
                "state_dir = \"state\"",
                "offline_safe_state_after = \"90s\"",
                "heartbeat = \"15s\"",
                "response_timeout = \"4s\"",
                "",
                "[[sensor]]",
                "type = \"bme280\"",
                "id = \"climate\"",
                "interval = \"10s\"",
                "jitter = \"250ms\"",
                "bus = 1",
                "address = 0x76",
                "calibration = { offset = -0.5 }",
                "",
                "[[sensor]]",
                "type = \"ds18b20\"",
                "id = \"water\"",
                "interval = \"1m\"",
                "",
                "[[actuator]]",
                "type = \"relay\"",
                "id = \"pump\"",
                "allow = [\"@Operator\", \"@backup\"]",
                "gpio = 17",
                "",
                "[[recipient]]",
                "atsign = \"@operator\"",
                "",
                "[[recipient]]",
                "atsign = \"@archive\"",
                "sensors = [\"water\"]",
                "",
                "[queue]",
                "max_bytes = \"16MB\"",
                "segment_bytes = \"1MB\"",
                "fsync_interval = \"0s\"",
                "",
                "[batch]",
                "max_readings = 20",
                "max_age = \"5s\"",
                "ttln = \"1h\"",
                "",
                "[hal]",
                "provider = \"simulated\"",
                "",
                "[mqtt]",
                "broker = \"ssl://localhost:8883\"",
                "ca_file = \"mqtt-ca.pem\"",
                "username = \"agent\"",
                "password_file = \"mqtt.password\"",
                "[[mqtt.ingest]]",
                "topic = \"zigbee2mqtt/+/climate\"",
                "sensor = \"shed\"",
                "pointer = \"/temperature\"",
                "quantity = \"temperature_c\"",
                "unit = \"°C\"",
                "");
        Path file = tmp.resolve("agent.toml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        AgentConfig c = AgentConfig.load(file);
        assertEquals(tmp.resolve("keys/pi01.atKeys"), c.keysFile());
        assertEquals(new HostAndPort("localhost", 6464), c.directory());
        assertEquals(tmp.resolve("ca.pem"), c.caFile());
        assertEquals(tmp.resolve("state"), c.stateDir());
        assertEquals(tmp.resolve("state/queue"), c.queueDir());
        assertEquals(Duration.ofSeconds(90), c.offlineSafeStateAfter());
        assertEquals(Duration.ofSeconds(15), c.heartbeat());
        assertEquals(Duration.ofSeconds(4), c.responseTimeout());

        SensorConfig climate = c.sensors().get(0);
        assertEquals("bme280", climate.type());
        assertEquals("climate", climate.id());
        assertEquals(Duration.ofSeconds(10), climate.interval());
        assertEquals(Duration.ofMillis(250), climate.jitter());
        assertEquals(List.of("bus", "address", "calibration"), List.copyOf(climate.settings().values().keySet()));
        assertEquals(0x76L, climate.settings().get("address"));
        assertEquals(Map.of("offset", -0.5), climate.settings().get("calibration"));
        assertEquals(17, climate.settings().line("address"));
        assertEquals("agent.toml:17: key 'address': no device at 0x76",
                climate.settings().error("address", "no device at 0x76").getMessage());
        assertEquals(Duration.ZERO, c.sensors().get(1).jitter());

        ActuatorConfig pump = c.actuators().get(0);
        assertEquals(Set.of(AtSign.of("@operator"), AtSign.of("@backup")), pump.allow());
        assertTrue(pump.allows(AtSign.of("@OPERATOR")));
        assertFalse(pump.allows(AtSign.of("@mallory")));
        assertEquals(17L, pump.settings().get("gpio"));

        assertTrue(c.recipients().get(0).receivesAllSensors());
        assertTrue(c.recipients().get(0).receives("climate"));
        assertFalse(c.recipients().get(1).receives("climate"));
        assertTrue(c.recipients().get(1).receives("water"));

        assertEquals(16L << 20, c.queueMaxBytes());
        assertEquals(1L << 20, c.queueSegmentBytes());
        assertEquals(Duration.ZERO, c.queueFsyncInterval());
        assertEquals(20, c.batchMaxReadings());
        assertEquals(Duration.ofSeconds(5), c.batchMaxAge());
        assertEquals(Duration.ofHours(1), c.ttln());
        assertEquals(HalProvider.SIMULATED, c.halProvider());
        MqttConfig mqtt = c.mqtt().orElseThrow();
        assertTrue(mqtt.isTls());
        assertEquals(tmp.resolve("mqtt-ca.pem"), mqtt.caFile());
        assertEquals(tmp.resolve("mqtt.password"), mqtt.passwordFile());
        assertEquals("atiot-pi01", mqtt.clientId());
        assertEquals(MqttConfig.DEFAULT_KEEPALIVE, mqtt.keepAlive());
        assertEquals("/temperature", mqtt.ingest().get(0).pointer());
        assertEquals("°C", mqtt.ingest().get(0).unit());
    }

    /** Verifies the example message format for a bad duration. */
    @Test
    void badDurationMessage() {
        ConfigException e = error("[device]\natsign = \"@pi01\"\n[[sensor]]\ntype = \"x\"\nid = \"a\"\n\n\n\n\n\n\n"
                + "interval = \"ten\"\n");
        assertEquals("agent.toml:12: key 'interval': expected a duration like \"10s\", got \"ten\" "
                + "(units: ms, s, m, h, d)", e.getMessage());
        assertEquals("agent.toml", e.file());
        assertEquals(12, e.line());
        assertEquals("interval", e.key());
    }

    /** Verifies every validation rule names its line and key. */
    @Test
    void validationRules() {
        String dev = MINIMAL;
        String sensor = "[[sensor]]\ntype = \"bme280\"\nid = \"climate\"\ninterval = \"10s\"\n";
        assertMessage(error(""), 1, null, "missing [device] section");
        assertMessage(error("[device]\n"), 1, "atsign", "missing in [device]; add for example atsign = \"@pi01\"");
        assertMessage(error("[device]\natsign = 5\n"), 2, "atsign", "expected a string, got an integer 5");
        assertMessage(error("[device]\natsign = \"@bad name\"\n"), 2, "atsign", "@bad name");
        assertMessage(error(dev + "atsgn = \"x\"\n"), 3, "atsgn", "unknown key in [device]; did you mean 'atsign'?");
        assertMessage(error(dev + "zzz = 1\n"), 3, "zzz", "known keys: atsign");
        assertMessage(error(dev + "directory = \"nohost\"\n"), 3, "directory", "expected host:port");
        assertMessage(error(dev + "directory = \"h:70000\"\n"), 3, "directory", "outside 1..65535");
        assertMessage(error(dev + "heartbeat = \"0s\"\n"), 3, "heartbeat", "must be between 1s and 1h");
        assertMessage(error(dev + "heartbeat = 30\n"), 3, "heartbeat", "expected a duration like \"10s\", got 30");
        assertMessage(error(dev + "response_timeout = \"0s\"\n"), 3, "response_timeout", "must be between 1s and 5m");
        assertMessage(error(dev + "offline_safe_state_after = \"8d\"\n"), 3, "offline_safe_state_after",
                "between 1s and 7d");
        assertMessage(error(dev + "keys = \"\"\n"), 3, "keys", "empty string");
        assertMessage(error(dev + "[[sensor]]\ntype = \"bme280\"\nid = \"c\"\n"), 3, "interval", "missing in [[sensor]]");
        assertMessage(error(dev + "[[sensor]]\ntype = \"bme280\"\nid = \"Bad Id\"\ninterval = \"1s\"\n"), 5, "id",
                "lower-case letters");
        assertMessage(error(dev + "[[sensor]]\ntype = \"bme280\"\nid = \"c\"\ninterval = \"5ms\"\n"), 6, "interval",
                "between 10ms and 1d");
        assertMessage(error(dev + "[[sensor]]\ntype = \"bme280\"\nid = \"c\"\ninterval = \"1s\"\njitter = \"1s\"\n"),
                7, "jitter", "less than the interval");
        assertMessage(error(dev + sensor + sensor), 9, "id", "sensor id 'climate' is used twice");
        assertMessage(error(dev + "[sensor]\ntype = \"x\"\n"), 3, "sensor", "expected [[sensor]] sections");
        String actuator = "[[actuator]]\ntype = \"relay\"\nid = \"pump\"\nallow = [\"@op\"]\n";
        assertMessage(error(dev + actuator + actuator), 9, "id", "actuator id 'pump' is used twice");
        assertMessage(error(dev + "[[actuator]]\ntype = \"relay\"\nid = \"pump\"\n"), 3, "allow",
                "missing in [[actuator]]");
        assertMessage(error(dev + "[[actuator]]\ntype = \"relay\"\nid = \"pump\"\nallow = []\n"), 6, "allow",
                "at least one atSign");
        assertMessage(error(dev + "[[actuator]]\ntype = \"relay\"\nid = \"pump\"\nallow = [1]\n"), 6, "allow",
                "holds an integer 1");
        assertMessage(error(dev + "[[actuator]]\ntype = \"relay\"\nid = \"pump\"\nallow = \"@op\"\n"), 6, "allow",
                "expected an array of strings");
        assertMessage(error(dev + sensor + "[[recipient]]\natsign = \"@a\"\nsensors = [\"climat\"]\n"), 9,
                "sensors", "no sensor with id 'climat'; did you mean 'climate'?");
        assertMessage(error(dev + "[[recipient]]\natsign = \"@a\"\nsensors = []\n"), 5, "sensors",
                "leave 'sensors' out");
        assertMessage(error(dev + "[[recipient]]\natsign = \"@a\"\n[[recipient]]\natsign = \"@A\"\n"), 6, "atsign",
                "listed twice");
        assertMessage(error(dev + "[[recipient]]\natsign = \"@a\"\nsensor = [\"x\"]\n"), 5, "sensor",
                "did you mean 'sensors'?");
        assertMessage(error(dev + "[queue]\nmax_bytes = \"lots\"\n"), 4, "max_bytes",
                "expected a size like \"16MB\", got \"lots\"");
        assertMessage(error(dev + "[queue]\nmax_bytes = 1000\n"), 4, "max_bytes", "expected a size like");
        assertMessage(error(dev + "[queue]\nmax_bytes = \"1KB\"\n"), 4, "max_bytes", "at least 64KB");
        assertMessage(error(dev + "[queue]\nmax_bytes = \"1MB\"\nsegment_bytes = \"2MB\"\n"), 5, "segment_bytes",
                "must not exceed max_bytes (1MB)");
        assertMessage(error(dev + "[queue]\nfsync_interval = \"1h\"\n"), 4, "fsync_interval", "between 0s and 10m");
        assertMessage(error(dev + "[batch]\nmax_readings = 0\n"), 4, "max_readings", "between 1 and 10000");
        assertMessage(error(dev + "[batch]\nmax_readings = \"5\"\n"), 4, "max_readings", "expected an integer");
        assertMessage(error(dev + "[batch]\nttln = \"31d\"\n"), 4, "ttln", "between 1s and 30d");
        assertMessage(error(dev + "[hal]\nprovider = \"gpio\"\n"), 4, "provider",
                "expected one of \"simulated\", \"linux\", \"pi4j\", got \"gpio\"");
        assertMessage(error(dev + "[hall]\nprovider = \"linux\"\n"), 3, "hall", "did you mean 'hal'?");
    }

    /** Verifies the MQTT bridge config: actuators, recipients of MQTT-fed sensors, and errors at their line. */
    @Test
    void mqttSectionsBindAndReportErrorsAtTheirLine() throws ConfigException {
        String dev = "[device]\natsign = \"@pi01\"\n";
        String broker = "[mqtt]\nbroker = \"tcp://127.0.0.1:1883\"\n";
        String ingest = "[[mqtt.ingest]]\ntopic = \"plugs/+/power\"\nsensor = \"plug\"\nquantity = \"power_w\"\n";
        String fan = "[[actuator]]\ntype = \"mqtt\"\nid = \"fan\"\nallow = [\"@op\"]\n"
                + "command_topic = \"fan/set\"\nstate_topic = \"fan/state\"\nack_timeout = \"2s\"\n";
        AgentConfig c = parse(dev + fan + "[[recipient]]\natsign = \"@op\"\nsensors = [\"plug\"]\n" + broker + ingest);
        MqttConfig m = c.mqtt().orElseThrow();
        assertEquals(List.of(), c.actuators());
        assertEquals("fan/state", m.actuators().get(0).stateTopic());
        assertEquals(Duration.ofSeconds(2), m.actuators().get(0).ackTimeout());
        assertEquals(1.0, m.actuators().get(0).max());
        assertEquals(null, m.ingest().get(0).pointer());
        assertTrue(c.recipients().get(0).receives("plug"));

        assertMessage(error(dev + fan), 4, "type", "needs a broker; add an [mqtt] section");
        assertMessage(error(dev + "[mqtt]\nbroker = \"http://x:1\"\n"), 4, "broker", "expected tcp://host:port");
        assertMessage(error(dev + "[mqtt]\nbroker = \"tcp://x\"\n"), 4, "broker", "with a port");
        assertMessage(error(dev + broker + "password = \"hunter2\"\n"), 5, "password", "password_file");
        assertMessage(error(dev + broker + "ca_file = \"ca.pem\"\n"), 5, "ca_file", "only applies to an ssl://");
        assertMessage(error(dev + broker + "password_file = \"p\"\n"), 5, "password_file", "needs a username");
        assertMessage(error(dev + broker + "keepalive = \"2h\"\n"), 5, "keepalive", "between 1s and 1h");
        assertMessage(error(dev + broker + ingest.replace("plugs/+/power", "plugs/#/power")), 6, "topic",
                "'#' must be a whole level and the last one");
        assertMessage(error(dev + broker + ingest.replace("plugs/+/power", "plugs/a+/power")), 6, "topic",
                "'+' must be a whole level");
        assertMessage(error(dev + broker + ingest + "pointer = \"temperature\"\n"), 9, "pointer",
                "starts with '/'");
        assertMessage(error(dev + broker + ingest + "qos = 2\n"), 9, "qos", "unknown key in [[mqtt.ingest]]");
        assertMessage(error(dev + fan.replace("fan/set", "fan/+") + broker), 7, "command_topic", "wildcards");
        assertMessage(error(dev + fan + "min = 1\nmax = 0\n" + broker), 11, "max", "greater than min");
        assertMessage(error(dev + fan.replace("\"2s\"", "3") + broker), 9, "ack_timeout", "duration");
        assertMessage(error(dev + fan + "[[actuator]]\ntype = \"relay\"\nid = \"fan\"\nallow = [\"@op\"]\n" + broker),
                12, "id", "used twice");
    }

    private static void assertMessage(ConfigException e, int line, String key, String fragment) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("agent.toml:"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + e.getMessage());
    }

    /** Verifies load errors for a missing file and for bytes that are not UTF-8. */
    @Test
    void loadErrors() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> AgentConfig.load(tmp.resolve("no.toml")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        Path binary = tmp.resolve("bin.toml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        ConfigException notUtf8 = assertThrows(ConfigException.class, () -> AgentConfig.load(binary));
        assertEquals("bin.toml: not valid UTF-8 text", notUtf8.getMessage());
    }

    /** Verifies the builder's own checks, used when the config is made in code. */
    @Test
    void builderChecks() {
        AgentConfig.Builder b = AgentConfig.builder(AtSign.of("@pi01"));
        assertThrows(IllegalArgumentException.class, () -> b.heartbeat(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.batchMaxReadings(0));
        assertThrows(IllegalArgumentException.class, () -> b.queueSegmentBytes(100));
        b.addSensor(new SensorConfig("bme280", "a", Duration.ofSeconds(1), Duration.ZERO, DriverSettings.empty("x")));
        b.addRecipient(RecipientConfig.ofSensors(AtSign.of("@op"), Set.of("b")));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("sensor 'b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ActuatorConfig("relay", "pump", Set.of(), DriverSettings.empty("x")));
    }

    /** Verifies size and duration units. */
    @Test
    void units() throws ConfigException {
        String dev = MINIMAL + "[queue]\n";
        AgentConfig small = parse(dev + "max_bytes = \"64KB\"\n");
        assertEquals(65536, small.queueMaxBytes());
        assertEquals(16384, small.queueSegmentBytes(), "a quarter of a queue smaller than the default segment");
        assertEquals(2L << 30, parse(dev + "max_bytes = \"2GB\"\n").queueMaxBytes());
        assertEquals(1L << 20, parse(dev + "max_bytes = \"1MiB\"\n").queueMaxBytes());
        assertEquals(Duration.ofMinutes(5), parse(dev + "fsync_interval = \"5m\"\n").queueFsyncInterval());
        assertEquals(Duration.ofMillis(20), parse(dev + "fsync_interval = \"20ms\"\n").queueFsyncInterval());
    }
}
