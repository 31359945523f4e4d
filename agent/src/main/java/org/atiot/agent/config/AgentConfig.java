package org.atiot.agent.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.atiot.agent.config.internal.AgentConfigBinder;
import org.atiot.agent.queue.QueueOptions;
import org.atiot.core.AtSign;
import org.atiot.core.protocol.HostAndPort;

/**
 * The agent's configuration, immutable. Load it from TOML with {@link #load(Path)} or build it in code with
 * {@link #builder(AtSign)}; both apply the same checks. Each setting has a {@code DEFAULT_*} constant.
 *
 * <p>A config with no {@code [[recipient]]} is valid: the agent then queues and sends nothing, which lets a
 * fresh install start before it is fully configured.
 */
public final class AgentConfig {
    public static final HostAndPort DEFAULT_DIRECTORY = new HostAndPort("root.atsign.org", 64);
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/atiot");
    /** Actuators go to their safe state after this long without a server connection. */
    public static final Duration DEFAULT_OFFLINE_SAFE_STATE_AFTER = Duration.ofMinutes(5);
    /** A {@code noop} is sent this often to detect a dead connection. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    /** How long a request may wait for its answer before the connection counts as dead. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(15);
    public static final long DEFAULT_QUEUE_MAX_BYTES = QueueOptions.DEFAULT_MAX_BYTES;
    public static final long DEFAULT_QUEUE_SEGMENT_BYTES = QueueOptions.DEFAULT_SEGMENT_BYTES;
    public static final Duration DEFAULT_QUEUE_FSYNC_INTERVAL = QueueOptions.DEFAULT_FSYNC_INTERVAL;
    public static final int DEFAULT_BATCH_MAX_READINGS = 50;
    public static final Duration DEFAULT_BATCH_MAX_AGE = Duration.ofSeconds(2);
    /** Notifications live this long on the server for a receiver that is offline. */
    public static final Duration DEFAULT_TTLN = Duration.ofHours(24);
    public static final HalProvider DEFAULT_HAL_PROVIDER = HalProvider.LINUX;

    private final AtSign deviceAtSign;
    private final Path keysFile;
    private final HostAndPort directory;
    private final Path caFile;
    private final Path stateDir;
    private final Duration offlineSafeStateAfter;
    private final Duration heartbeat;
    private final Duration responseTimeout;
    private final List<RecipientConfig> recipients;
    private final List<SensorConfig> sensors;
    private final List<ActuatorConfig> actuators;
    private final Path queueDir;
    private final long queueMaxBytes;
    private final long queueSegmentBytes;
    private final Duration queueFsyncInterval;
    private final int batchMaxReadings;
    private final Duration batchMaxAge;
    private final Duration ttln;
    private final HalProvider halProvider;
    private final MqttConfig mqtt;

    private AgentConfig(Builder b) {
        this.deviceAtSign = b.deviceAtSign;
        this.stateDir = b.stateDir;
        this.keysFile = b.keysFile != null ? b.keysFile
                : stateDir.resolve("keys").resolve(deviceAtSign + "_key.atKeys");
        this.directory = b.directory;
        this.caFile = b.caFile;
        this.offlineSafeStateAfter = b.offlineSafeStateAfter;
        this.heartbeat = b.heartbeat;
        this.responseTimeout = b.responseTimeout;
        this.recipients = List.copyOf(b.recipients);
        this.sensors = List.copyOf(b.sensors);
        this.actuators = List.copyOf(b.actuators);
        this.queueDir = b.queueDir != null ? b.queueDir : stateDir.resolve("queue");
        this.queueMaxBytes = b.queueMaxBytes;
        this.queueSegmentBytes = b.effectiveSegmentBytes();
        this.queueFsyncInterval = b.queueFsyncInterval;
        this.batchMaxReadings = b.batchMaxReadings;
        this.batchMaxAge = b.batchMaxAge;
        this.ttln = b.ttln;
        this.halProvider = b.halProvider;
        this.mqtt = b.mqtt;
    }

    /**
     * Reads and validates a TOML config file. Relative paths in it are resolved against the file's directory.
     *
     * @throws ConfigException naming file, line and key for any problem, including a missing file
     */
    public static AgentConfig load(Path file) throws ConfigException {
        String name = String.valueOf(file.getFileName());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 0, null, "no such file; pass the config with --config");
        } catch (CharacterCodingException e) {
            throw new ConfigException(name, 0, null, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, null, "cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, name, base);
    }

    /**
     * Parses and validates TOML text.
     *
     * @param fileName shown in messages
     * @param baseDir relative paths are resolved against it
     */
    public static AgentConfig parse(String text, String fileName, Path baseDir) throws ConfigException {
        return AgentConfigBinder.bind(text, fileName, baseDir);
    }

    public static Builder builder(AtSign deviceAtSign) {
        return new Builder(deviceAtSign);
    }

    /** {@code [device] atsign}: the atSign the agent authenticates as. */
    public AtSign deviceAtSign() {
        return deviceAtSign;
    }

    /** {@code [device] keys}: the .atKeys file; default {@code <state_dir>/keys/<atsign>_key.atKeys}. */
    public Path keysFile() {
        return keysFile;
    }

    /** {@code [device] directory}: the atDirectory. */
    public HostAndPort directory() {
        return directory;
    }

    /** {@code [device] ca_file}: extra trusted CA (PEM) for a local platform, or {@code null}. */
    public Path caFile() {
        return caFile;
    }

    /** {@code [device] state_dir}: where the agent keeps its state (queue, replay window, audit log). */
    public Path stateDir() {
        return stateDir;
    }

    public Duration offlineSafeStateAfter() {
        return offlineSafeStateAfter;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    /** A dead link is noticed within {@link #heartbeat()} plus this. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    public List<RecipientConfig> recipients() {
        return recipients;
    }

    public List<SensorConfig> sensors() {
        return sensors;
    }

    public List<ActuatorConfig> actuators() {
        return actuators;
    }

    /** {@code [queue] dir}; default {@code <state_dir>/queue}. */
    public Path queueDir() {
        return queueDir;
    }

    public long queueMaxBytes() {
        return queueMaxBytes;
    }

    /** {@code [queue] segment_bytes}; default {@value #DEFAULT_QUEUE_SEGMENT_BYTES}, or a quarter of a smaller queue. */
    public long queueSegmentBytes() {
        return queueSegmentBytes;
    }

    public Duration queueFsyncInterval() {
        return queueFsyncInterval;
    }

    /** The durable queue's options from the {@code [queue]} settings. */
    public QueueOptions queueOptions() {
        return QueueOptions.builder(queueDir).maxBytes(queueMaxBytes).segmentBytes(queueSegmentBytes)
                .fsyncInterval(queueFsyncInterval).build();
    }

    public int batchMaxReadings() {
        return batchMaxReadings;
    }

    public Duration batchMaxAge() {
        return batchMaxAge;
    }

    /** {@code [batch] ttln}: lifetime of each telemetry notification on the server. */
    public Duration ttln() {
        return ttln;
    }

    public HalProvider halProvider() {
        return halProvider;
    }

    /** The {@code [mqtt]} bridge, if configured; without it nothing of the bridge is loaded. */
    public java.util.Optional<MqttConfig> mqtt() {
        return java.util.Optional.ofNullable(mqtt);
    }

    @Override
    public String toString() {
        return "AgentConfig{" + deviceAtSign + ", " + sensors.size() + " sensors, " + actuators.size()
                + " actuators, " + recipients.size() + " recipients}";
    }

    /** Setters check their value at once ({@link IllegalArgumentException}); {@link #build()} checks the whole. */
    public static final class Builder {
        private final AtSign deviceAtSign;
        private Path keysFile;
        private HostAndPort directory = DEFAULT_DIRECTORY;
        private Path caFile;
        private Path stateDir = DEFAULT_STATE_DIR;
        private Duration offlineSafeStateAfter = DEFAULT_OFFLINE_SAFE_STATE_AFTER;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private final List<RecipientConfig> recipients = new ArrayList<>();
        private final List<SensorConfig> sensors = new ArrayList<>();
        private final List<ActuatorConfig> actuators = new ArrayList<>();
        private Path queueDir;
        private long queueMaxBytes = DEFAULT_QUEUE_MAX_BYTES;
        /** 0 until set: then {@link #DEFAULT_QUEUE_SEGMENT_BYTES}, or a quarter of a smaller queue. */
        private long queueSegmentBytes;
        private Duration queueFsyncInterval = DEFAULT_QUEUE_FSYNC_INTERVAL;
        private int batchMaxReadings = DEFAULT_BATCH_MAX_READINGS;
        private Duration batchMaxAge = DEFAULT_BATCH_MAX_AGE;
        private Duration ttln = DEFAULT_TTLN;
        private HalProvider halProvider = DEFAULT_HAL_PROVIDER;
        private MqttConfig mqtt;

        private Builder(AtSign deviceAtSign) {
            this.deviceAtSign = Objects.requireNonNull(deviceAtSign, "deviceAtSign");
        }

        public Builder keysFile(Path file) {
            this.keysFile = Objects.requireNonNull(file, "keysFile");
            return this;
        }

        public Builder directory(HostAndPort hostPort) {
            this.directory = Objects.requireNonNull(hostPort, "directory");
            return this;
        }

        /** {@code null} for none. */
        public Builder caFile(Path file) {
            this.caFile = file;
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = Objects.requireNonNull(dir, "stateDir");
            return this;
        }

        public Builder offlineSafeStateAfter(Duration d) {
            this.offlineSafeStateAfter = within(d, Duration.ofSeconds(1), Duration.ofDays(7));
            return this;
        }

        public Builder heartbeat(Duration d) {
            this.heartbeat = within(d, Duration.ofSeconds(1), Duration.ofHours(1));
            return this;
        }

        public Builder responseTimeout(Duration d) {
            this.responseTimeout = within(d, Duration.ofSeconds(1), Duration.ofMinutes(5));
            return this;
        }

        public Builder addRecipient(RecipientConfig recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        public Builder addSensor(SensorConfig sensor) {
            sensors.add(Objects.requireNonNull(sensor, "sensor"));
            return this;
        }

        public Builder addActuator(ActuatorConfig actuator) {
            actuators.add(Objects.requireNonNull(actuator, "actuator"));
            return this;
        }

        /** {@code null} for the default {@code <state_dir>/queue}. */
        public Builder queueDir(Path dir) {
            this.queueDir = dir;
            return this;
        }

        public Builder queueMaxBytes(long bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException("must be at least 64KB");
            }
            this.queueMaxBytes = bytes;
            return this;
        }

        public Builder queueSegmentBytes(long bytes) {
            if (bytes < 4096 || bytes > (1L << 30)) {
                throw new IllegalArgumentException("must be between 4KB and 1GB");
            }
            this.queueSegmentBytes = bytes;
            return this;
        }

        /** {@link Duration#ZERO} forces every append to disk (most wear on SD cards). */
        public Builder queueFsyncInterval(Duration d) {
            this.queueFsyncInterval = within(d, Duration.ZERO, Duration.ofMinutes(10));
            return this;
        }

        public Builder batchMaxReadings(int n) {
            if (n < 1 || n > 10_000) {
                throw new IllegalArgumentException("must be between 1 and 10000");
            }
            this.batchMaxReadings = n;
            return this;
        }

        public Builder batchMaxAge(Duration d) {
            this.batchMaxAge = within(d, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        public Builder ttln(Duration d) {
            this.ttln = within(d, Duration.ofSeconds(1), Duration.ofDays(30));
            return this;
        }

        public Builder halProvider(HalProvider provider) {
            this.halProvider = Objects.requireNonNull(provider, "halProvider");
            return this;
        }

        /** The MQTT bridge, or {@code null} for none. */
        public Builder mqtt(MqttConfig mqtt) {
            this.mqtt = mqtt;
            return this;
        }

        private long effectiveSegmentBytes() {
            return queueSegmentBytes != 0 ? queueSegmentBytes
                    : Math.min(DEFAULT_QUEUE_SEGMENT_BYTES, queueMaxBytes / 4);
        }

        private static Duration within(Duration d, Duration min, Duration max) {
            Objects.requireNonNull(d, "duration");
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be between "
                        + org.atiot.agent.config.internal.Units.formatDuration(min) + " and "
                        + org.atiot.agent.config.internal.Units.formatDuration(max));
            }
            return d;
        }

        /**
         * @throws IllegalStateException for duplicate sensor, actuator or recipient ids, a recipient naming an
         *         unknown sensor, or a queue segment larger than the queue
         */
        public AgentConfig build() {
            Set<String> sensorIds = new HashSet<>();
            for (SensorConfig s : sensors) {
                if (!sensorIds.add(s.id())) {
                    throw new IllegalStateException("sensor id '" + s.id() + "' is used twice");
                }
            }
            if (mqtt != null) {
                for (MqttIngest m : mqtt.ingest()) {
                    sensorIds.add(m.sensor()); // several mappings may feed one sensor
                }
            }
            Set<String> actuatorIds = new HashSet<>();
            if (mqtt != null) {
                for (MqttActuatorConfig a : mqtt.actuators()) {
                    actuatorIds.add(a.id());
                }
            }
            for (ActuatorConfig a : actuators) {
                if (!actuatorIds.add(a.id())) {
                    throw new IllegalStateException("actuator id '" + a.id() + "' is used twice");
                }
            }
            Set<AtSign> recipientAtSigns = new HashSet<>();
            for (RecipientConfig r : recipients) {
                if (!recipientAtSigns.add(r.atSign())) {
                    throw new IllegalStateException("recipient " + r.atSign() + " is listed twice");
                }
                for (String id : r.sensors()) {
                    if (!sensorIds.contains(id)) {
                        throw new IllegalStateException("recipient " + r.atSign() + " lists sensor '" + id
                                + "', which is not configured");
                    }
                }
            }
            if (effectiveSegmentBytes() > queueMaxBytes) {
                throw new IllegalStateException("queue segment_bytes must not exceed max_bytes");
            }
            return new AgentConfig(this);
        }
    }
}
