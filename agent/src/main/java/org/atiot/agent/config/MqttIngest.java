package org.atiot.agent.config;

import java.util.Objects;

/**
 * One {@code [[mqtt.ingest]]} mapping: messages on {@code topic} (MQTT filter, {@code +} and {@code #} allowed)
 * become readings of sensor {@code sensor}. With a {@code pointer} the payload is JSON and the number at that
 * JSON pointer is the value; without one the whole payload is a plain number.
 */
public final class MqttIngest {
    private final String topic;
    private final String sensor;
    private final String pointer;
    private final String quantity;
    private final String unit;

    /** @param pointer an RFC 6901 JSON pointer, or {@code null} for a plain numeric payload */
    public MqttIngest(String topic, String sensor, String pointer, String quantity, String unit) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        this.pointer = pointer;
        this.quantity = Objects.requireNonNull(quantity, "quantity");
        this.unit = Objects.requireNonNull(unit, "unit");
    }

    public String topic() {
        return topic;
    }

    public String sensor() {
        return sensor;
    }

    public String pointer() {
        return pointer;
    }

    public boolean isJson() {
        return pointer != null;
    }

    public String quantity() {
        return quantity;
    }

    public String unit() {
        return unit;
    }

    @Override
    public String toString() {
        return topic + " -> " + sensor + "." + quantity + (pointer != null ? " at " + pointer : "");
    }
}
