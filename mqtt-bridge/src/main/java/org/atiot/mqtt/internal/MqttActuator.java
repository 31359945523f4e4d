package org.atiot.mqtt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.atiot.agent.commands.ActuationFailure;
import org.atiot.agent.config.MqttActuatorConfig;
import org.atiot.agent.runtime.Device;
import org.atiot.core.AtSign;
import org.tinylog.Logger;

/**
 * An actuator behind a broker: a value is published at QoS 1 to the command topic as a plain number. With a state
 * topic, the command succeeds only when the device reports that value there within the ack timeout; without one,
 * the broker's PUBACK is the acknowledgement. Its safe state is its minimum value, published best effort.
 */
public final class MqttActuator implements Device.Actuator {
    private final MqttActuatorConfig config;
    private final BrokerConnection broker;
    private final Object stateLock = new Object();
    private double reported = Double.NaN;
    private long reportedAt;
    private long reports;

    public MqttActuator(MqttActuatorConfig config, BrokerConnection broker) {
        this.config = config;
        this.broker = broker;
    }

    public MqttActuatorConfig config() {
        return config;
    }

    /** A message on the state topic; unreadable ones are logged and ignored. */
    public void onState(byte[] payload) {
        double v;
        try {
            v = Payloads.number(Payloads.text(payload));
        } catch (Payloads.BadPayload e) {
            Logger.warn("MQTT actuator {}: state on {} ignored: {}", config.id(), config.stateTopic(), e.getMessage());
            return;
        }
        synchronized (stateLock) {
            reported = v;
            reportedAt = System.currentTimeMillis();
            reports++;
            stateLock.notifyAll();
        }
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public double minValue() {
        return config.min();
    }

    @Override
    public double maxValue() {
        return config.max();
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        synchronized (stateLock) {
            if (!Double.isNaN(reported)) {
                m.put("value", reported);
                m.put("changedAt", reportedAt);
            }
        }
        m.put("connected", broker.isConnected());
        return m;
    }

    @Override
    public Map<String, Object> apply(double value) throws ActuationFailure {
        if (value < config.min() || value > config.max()) {
            throw new ActuationFailure(ActuationFailure.Kind.OUT_OF_RANGE, "value " + value + " is outside "
                    + config.min() + ".." + config.max(), null);
        }
        long timeout = config.ackTimeout().toMillis();
        long seen;
        synchronized (stateLock) {
            seen = reports;
        }
        try {
            broker.publish(config.commandTopic(), format(value).getBytes(StandardCharsets.UTF_8), 1, false, timeout);
        } catch (IOException e) {
            throw new ActuationFailure(ActuationFailure.Kind.HARDWARE, e.getMessage(), null);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        if (config.stateTopic() == null) {
            state.put("value", value);
            state.put("changedAt", System.currentTimeMillis());
            state.put("confirmed", "puback");
            return state;
        }
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        synchronized (stateLock) {
            // Only a report that arrived after our publish and carries our value confirms it.
            while (reports == seen || Math.abs(reported - value) > 1e-9) {
                seen = reports;
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new ActuationFailure(ActuationFailure.Kind.HARDWARE, "no state " + format(value) + " on "
                            + config.stateTopic() + " within " + timeout + " ms", null);
                }
                try {
                    stateLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ActuationFailure(ActuationFailure.Kind.HARDWARE, "interrupted waiting for state", null);
                }
            }
            state.put("value", reported);
            state.put("changedAt", reportedAt);
            state.put("confirmed", "state");
        }
        return state;
    }

    /** Integers without a fraction ("1", not "1.0"): what switches and dimmers expect. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public Set<AtSign> allowed() {
        return config.allow();
    }

    @Override
    public void applySafeState() {
        if (!broker.isConnected()) {
            Logger.info("MQTT actuator {}: broker not connected yet, safe state not published", config.id());
            return;
        }
        try {
            broker.publish(config.commandTopic(), format(config.min()).getBytes(StandardCharsets.UTF_8), 1, false,
                    config.ackTimeout().toMillis());
        } catch (IOException e) {
            Logger.warn("MQTT actuator {}: safe state not published: {}", config.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        applySafeState();
    }
}
