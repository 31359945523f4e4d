package org.atiot.sensors.actuators;

import java.util.Map;
import java.util.Objects;

/**
 * An actuator as configured, one {@code [[actuator]]} TOML table.
 *
 * <pre>{@code
 * [[actuator]]
 * type = "relay"
 * id = "heater"
 * pin = 17
 * active = "low"
 * safe_state = 0
 * min_switch_interval = "5m"
 * }</pre>
 */
public record ActuatorSpec(String type, String id, Map<String, Object> params) {
    public ActuatorSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        params = Map.copyOf(params);
    }

    public String label() {
        return "actuator \"" + id + "\" (" + type + ")";
    }
}
