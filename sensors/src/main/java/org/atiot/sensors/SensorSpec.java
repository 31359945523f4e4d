package org.atiot.sensors;

import java.util.Map;
import java.util.Objects;

/**
 * A sensor as configured, one {@code [[sensor]]} TOML table: its type, its id and the remaining keys.
 *
 * <pre>{@code
 * [[sensor]]
 * type = "bme280"
 * id = "greenhouse"
 * bus = 1
 * address = 0x76
 * interval = "10s"
 * }</pre>
 */
public record SensorSpec(String type, String id, Map<String, Object> params) {
    public SensorSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        params = Map.copyOf(params);
    }

    public static SensorSpec of(String type, String id, Map<String, Object> params) {
        return new SensorSpec(type, id, params);
    }

    /** How this sensor is named in error messages. */
    public String label() {
        return "sensor \"" + id + "\" (" + type + ")";
    }
}
