package org.atiot.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code [mqtt]} section: one local broker, the topics whose messages become readings, and the actuators
 * driven by publishing. The password lives in a 0600 file and is read only when the bridge connects, so it never
 * sits in the config object (and never reaches a log line through {@link #toString()}).
 */
public final class MqttConfig {
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(30);

    private final URI broker;
    private final Path caFile;
    private final String username;
    private final Path passwordFile;
    private final String clientId;
    private final Duration keepAlive;
    private final List<MqttIngest> ingest;
    private final List<MqttActuatorConfig> actuators;

    /** @param caFile, username, passwordFile may be {@code null} */
    public MqttConfig(URI broker, Path caFile, String username, Path passwordFile, String clientId,
                      Duration keepAlive, List<MqttIngest> ingest, List<MqttActuatorConfig> actuators) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.caFile = caFile;
        this.username = username;
        this.passwordFile = passwordFile;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
        this.ingest = List.copyOf(ingest);
        this.actuators = List.copyOf(actuators);
    }

    /** {@code tcp://host:port} or {@code ssl://host:port}. */
    public URI broker() {
        return broker;
    }

    public boolean isTls() {
        return "ssl".equals(broker.getScheme());
    }

    /** PEM CA certificate(s) trusted for an {@code ssl://} broker, or {@code null} for the system trust store. */
    public Path caFile() {
        return caFile;
    }

    public String username() {
        return username;
    }

    /** The file holding the broker password (mode 0600), or {@code null}. */
    public Path passwordFile() {
        return passwordFile;
    }

    public String clientId() {
        return clientId;
    }

    public Duration keepAlive() {
        return keepAlive;
    }

    public List<MqttIngest> ingest() {
        return ingest;
    }

    public List<MqttActuatorConfig> actuators() {
        return actuators;
    }

    @Override
    public String toString() {
        return "mqtt " + broker + " (client " + clientId + ", " + ingest.size() + " ingest mapping(s), "
                + actuators.size() + " actuator(s))";
    }
}
