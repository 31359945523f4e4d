package org.atiot.sensors.actuators;

import java.time.Instant;
import java.util.Objects;

/**
 * An actuator's current output, for acknowledging commands.
 *
 * @param value the applied value (0/1 for a relay, duty percent for PWM)
 * @param changedAt when the value was last changed
 * @param safe whether the value is the configured safe state
 * @param switchCount how many times the output changed since start
 */
public record ActuatorState(String actuatorId, double value, Instant changedAt, boolean safe, long switchCount) {
    public ActuatorState {
        Objects.requireNonNull(actuatorId, "actuatorId");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
