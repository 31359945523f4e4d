package org.atiot.agent.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.atiot.agent.commands.ActuationFailure;
import org.atiot.agent.runtime.Device;
import org.atiot.core.AtSign;
import org.atiot.sensors.actuators.ActuationException;
import org.atiot.sensors.actuators.Actuator;
import org.atiot.sensors.actuators.ActuatorState;

/** An actuator driver as the control plane drives it, with the atSigns allowed to command it. */
final class ActuatorAdapter implements Device.Actuator {
    private final Actuator actuator;
    private final Set<AtSign> allowed;

    ActuatorAdapter(Actuator actuator, Set<AtSign> allowed) {
        this.actuator = actuator;
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public String id() {
        return actuator.id();
    }

    @Override
    public double minValue() {
        return actuator.minValue();
    }

    @Override
    public double maxValue() {
        return actuator.maxValue();
    }

    @Override
    public Map<String, Object> state() {
        return toMap(actuator.state());
    }

    @Override
    public Map<String, Object> apply(double value) throws ActuationFailure {
        try {
            return toMap(actuator.apply(value));
        } catch (ActuationException e) {
            ActuationFailure.Kind kind;
            switch (e.reason()) {
                case OUT_OF_RANGE:
                    kind = ActuationFailure.Kind.OUT_OF_RANGE;
                    break;
                case TOO_SOON:
                    kind = ActuationFailure.Kind.TOO_SOON;
                    break;
                default:
                    kind = ActuationFailure.Kind.HARDWARE;
            }
            throw new ActuationFailure(kind, e.getMessage(), e);
        }
    }

    @Override
    public Set<AtSign> allowed() {
        return allowed;
    }

    @Override
    public void applySafeState() {
        actuator.applySafeState();
    }

    @Override
    public void close() {
        actuator.close(); // drives the safe state; the HAL context releases the pin afterwards
    }

    private static Map<String, Object> toMap(ActuatorState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", s.value());
        m.put("safe", s.safe());
        m.put("changedAt", s.changedAt().toEpochMilli());
        m.put("switches", s.switchCount());
        return m;
    }
}
