package org.atiot.agent.config;

import java.util.Objects;
import java.util.Set;
import org.atiot.core.AtSign;

/** One {@code [[recipient]]}: an atSign that receives telemetry, for all sensors or a chosen few. */
public final class RecipientConfig {
    private final AtSign atSign;
    private final Set<String> sensors;

    private RecipientConfig(AtSign atSign, Set<String> sensors) {
        this.atSign = Objects.requireNonNull(atSign, "atSign");
        this.sensors = sensors;
    }

    /** Receives readings of every sensor. */
    public static RecipientConfig allSensors(AtSign atSign) {
        return new RecipientConfig(atSign, Set.of());
    }

    /** Receives readings of the named sensors only; {@code sensorIds} must not be empty. */
    public static RecipientConfig ofSensors(AtSign atSign, Set<String> sensorIds) {
        if (sensorIds.isEmpty()) {
            throw new IllegalArgumentException("an empty sensor list would send nothing; "
                    + "leave 'sensors' out to send every sensor");
        }
        return new RecipientConfig(atSign, Set.copyOf(sensorIds));
    }

    public AtSign atSign() {
        return atSign;
    }

    public boolean receivesAllSensors() {
        return sensors.isEmpty();
    }

    /** The chosen sensor ids; empty when {@link #receivesAllSensors()}. */
    public Set<String> sensors() {
        return sensors;
    }

    public boolean receives(String sensorId) {
        return sensors.isEmpty() || sensors.contains(sensorId);
    }

    @Override
    public String toString() {
        return atSign + (sensors.isEmpty() ? " (all sensors)" : " " + sensors);
    }
}
