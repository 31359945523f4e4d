package org.atiot.agent.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atiot.agent.commands.ControlledActuator;
import org.atiot.agent.scheduler.SensorReader;
import org.atiot.core.AtSign;

/**
 * The hardware the agent drives, already opened: sensors with their intervals, actuators with the atSigns allowed
 * to command them, and how to put every actuator in its safe state. Made from the configuration by the HAL layer.
 */
public final class Device implements AutoCloseable {
    /** An actuator with its allow-list and safe state. */
    public interface Actuator extends ControlledActuator, AutoCloseable {
        Set<AtSign> allowed();

        void applySafeState();

        /** Safe state, then release: the last thing done with the actuator. */
        @Override
        void close();
    }

    private final Map<SensorReader, Duration> sensors;
    private final List<Actuator> actuators;
    private final AutoCloseable resources;

    public Device(Map<SensorReader, Duration> sensors, List<Actuator> actuators, AutoCloseable resources) {
        this.sensors = new LinkedHashMap<>(sensors);
        this.actuators = List.copyOf(actuators);
        this.resources = resources;
    }

    /**
     * This device with {@code more} actuators (e.g. ones driven over MQTT); {@code closeAfter} is closed last,
     * after every actuator reached its safe state through it.
     */
    public Device withActuators(List<Actuator> more, AutoCloseable closeAfter) {
        List<Actuator> all = new java.util.ArrayList<>(actuators);
        all.addAll(more);
        AutoCloseable mine = resources;
        return new Device(sensors, all, () -> {
            try {
                if (mine != null) {
                    mine.close();
                }
            } finally {
                closeAfter.close();
            }
        });
    }

    public Map<SensorReader, Duration> sensors() {
        return sensors;
    }

    public List<Actuator> actuators() {
        return actuators;
    }

    /** Every actuator to its safe state; one failing actuator does not stop the others. */
    public void applySafeState() {
        forEachActuator(Actuator::applySafeState);
    }

    private void forEachActuator(java.util.function.Consumer<Actuator> action) {
        for (Actuator a : actuators) {
            try {
                action.accept(a);
            } catch (RuntimeException e) {
                org.tinylog.Logger.error("actuator {} could not reach its safe state: {}", a.id(), e.getMessage());
            }
        }
    }

    @Override
    public void close() throws Exception {
        forEachActuator(Actuator::close);
        if (resources != null) {
            resources.close();
        }
    }
}
