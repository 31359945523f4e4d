package org.atiot.sensors.actuators;

/**
 * A configured output. The safe state is applied when the actuator is created and when it is closed; the agent
 * also calls {@link #applySafeState()} when its connection has been lost for too long. Thread-safe.
 */
public interface Actuator extends AutoCloseable {
    String id();

    ActuatorKind kind();

    ActuatorState state();

    /**
     * Drives the output to {@code value}. Applying the current value again is accepted and does not count as a
     * switch.
     *
     * @return the state after the change
     * @throws ActuationException if out of range, too soon after the last change, or the hardware failed
     */
    ActuatorState apply(double value) throws ActuationException;

    /**
     * Drives the configured safe state now, ignoring the minimum switching interval: safety comes before
     * protecting the load. A hardware failure is logged and reported in the returned state's {@code safe} flag.
     */
    ActuatorState applySafeState();

    double minValue();

    double maxValue();

    double safeValue();

    /** Applies the safe state. The owning {@code HalContext} releases the pin afterwards. */
    @Override
    void close();
}
