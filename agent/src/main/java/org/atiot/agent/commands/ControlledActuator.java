package org.atiot.agent.commands;

import java.util.Map;

/** What the control plane needs of an actuator: its range, its state, and applying a value. */
public interface ControlledActuator {
    String id();

    /** Lowest accepted value (e.g. 0 for a relay). */
    double minValue();

    /** Highest accepted value (e.g. 1 for a relay, 100 for a PWM duty in percent). */
    double maxValue();

    /** The current state as plain members (see {@link CommandAck#state()}), e.g. {@code {"value":1}}. */
    Map<String, Object> state();

    /** Drives the actuator to {@code value} and returns its new state. */
    Map<String, Object> apply(double value) throws ActuationFailure;
}
