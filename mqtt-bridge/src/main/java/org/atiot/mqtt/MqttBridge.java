package org.atiot.mqtt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.atiot.agent.config.MqttActuatorConfig;
import org.atiot.agent.config.MqttConfig;
import org.atiot.agent.config.MqttIngest;
import org.atiot.agent.runtime.Device;
import org.atiot.agent.runtime.ReadingSource;
import org.atiot.agent.scheduler.Sample;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.mqtt.internal.BrokerConnection;
import org.atiot.mqtt.internal.MqttActuator;
import org.atiot.mqtt.internal.Payloads;
import org.atiot.mqtt.internal.TopicFilter;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.tinylog.Logger;

/**
 * The device side of the bridge: one connection to the local broker that turns messages on the
 * {@code [[mqtt.ingest]]} topics into readings (handed to the agent as a {@link ReadingSource}) and drives the
 * {@code type = "mqtt"} actuators. A bad payload is logged, counted and skipped; it never stops the bridge.
 */
public final class MqttBridge implements ReadingSource {
    private static final int LOGGED_BAD_PAYLOADS = 20;

    private final MqttConfig config;
    private final BrokerConnection connection;
    private final List<MqttActuator> actuators = new ArrayList<>();
    private final Map<String, MqttActuator> byStateTopic = new LinkedHashMap<>();
    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Sink sink;

    private MqttBridge(MqttConfig config, BrokerConnection.Settings settings) throws IOException {
        this.config = config;
        Set<String> filters = new LinkedHashSet<>();
        for (MqttIngest m : config.ingest()) {
            filters.add(m.topic());
        }
        for (MqttActuatorConfig a : config.actuators()) {
            if (a.stateTopic() != null) {
                filters.add(a.stateTopic());
            }
        }
        this.connection = new BrokerConnection(settings, new ArrayList<>(filters), this::onMessage);
        for (MqttActuatorConfig a : config.actuators()) {
            MqttActuator actuator = new MqttActuator(a, connection);
            actuators.add(actuator);
            if (a.stateTopic() != null) {
                byStateTopic.put(a.stateTopic(), actuator);
            }
        }
    }

    /**
     * Prepares the bridge; it connects when {@link #connect()} is called, and keeps reconnecting by itself.
     *
     * @throws IOException if the password or CA file cannot be used
     */
    public static MqttBridge open(MqttConfig config) throws IOException {
        return open(config, 500, 30_000);
    }

    /** As {@link #open(MqttConfig)}, with the reconnect backoff range (tests use a short one). */
    public static MqttBridge open(MqttConfig config, long minBackoffMillis, long maxBackoffMillis) throws IOException {
        BrokerConnection.Settings s = new BrokerConnection.Settings(config.broker(), config.clientId())
                .auth(config.username(), config.passwordFile()).caFile(config.caFile())
                .keepAliveSeconds((int) config.keepAlive().toSeconds()).backoff(minBackoffMillis, maxBackoffMillis);
        return new MqttBridge(config, s);
    }

    /** Starts connecting in the background (so MQTT actuators can publish before ingest starts). */
    public MqttBridge connect() {
        connection.start();
        return this;
    }

    /** The MQTT actuators, for {@link Device#withActuators}. */
    public List<Device.Actuator> actuators() {
        return List.copyOf(actuators);
    }

    @Override
    public void start(Sink sink) {
        this.sink = sink;
    }

    /** Stops ingest; the connection stays for the actuators until {@link #disconnect()}. */
    @Override
    public void close() {
        sink = null;
    }

    /** Closes the broker connection. */
    public void disconnect() {
        sink = null;
        connection.close();
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Successful connects so far; more than one means the bridge reconnected. */
    public long connects() {
        return connection.connects();
    }

    /** Readings handed to the agent. */
    public long ingested() {
        return ingested.get();
    }

    /** Messages on an ingest topic that held no usable value. */
    public long rejected() {
        return rejected.get();
    }

    private void onMessage(String topic, MqttMessage message) {
        MqttActuator actuator = byStateTopic.get(topic);
        if (actuator != null) {
            actuator.onState(message.getPayload());
        }
        Sink s = sink;
        if (s == null) {
            return;
        }
        long now = System.currentTimeMillis();
        Map<String, List<Measurement>> bySensor = new LinkedHashMap<>();
        String text = null;
        Object json = null;
        for (MqttIngest m : config.ingest()) {
            if (!TopicFilter.matches(m.topic(), topic)) {
                continue;
            }
            try {
                if (text == null) {
                    text = Payloads.text(message.getPayload());
                }
                double value;
                if (m.isJson()) {
                    json = json != null ? json : Payloads.json(text);
                    value = Payloads.atPointer(json, m.pointer());
                } else {
                    value = Payloads.number(text);
                }
                bySensor.computeIfAbsent(m.sensor(), k -> new ArrayList<>())
                        .add(Measurement.of(m.quantity(), value, m.unit()));
            } catch (Payloads.BadPayload e) {
                long n = rejected.incrementAndGet();
                if (n <= LOGGED_BAD_PAYLOADS || n % 1000 == 0) {
                    Logger.warn("MQTT {}: bad payload for sensor {} ({} rejected so far): {}", topic, m.sensor(), n,
                            e.getMessage());
                }
            }
        }
        for (Map.Entry<String, List<Measurement>> e : bySensor.entrySet()) {
            ingested.incrementAndGet();
            s.accept(e.getKey(), Sample.ok(now, e.getValue()));
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
