package org.atiot.sensors.actuators;

import java.time.Duration;
import org.atiot.hal.HalClock;
import org.atiot.hal.HalException;
import org.tinylog.Logger;

/** Range check, minimum switching interval and state tracking shared by every actuator. */
abstract class GuardedActuator implements Actuator {
    private final String id;
    private final HalClock clock;
    private final double min;
    private final double max;
    private final double safe;
    private final Duration minInterval;
    private ActuatorState state;
    private long lastChangeNanos;
    private boolean everChanged;

    GuardedActuator(String id, HalClock clock, double min, double max, double safe, Duration minInterval) {
        this.id = id;
        this.clock = clock;
        this.min = min;
        this.max = max;
        this.safe = safe;
        this.minInterval = minInterval;
        // The hardware was opened at the safe value, which is the state at start.
        this.state = new ActuatorState(id, safe, clock.now(), true, 0);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final synchronized ActuatorState state() {
        return state;
    }

    @Override
    public final synchronized ActuatorState apply(double value) throws ActuationException {
        if (!(value >= min && value <= max) || !accepts(value)) {
            throw ActuationException.outOfRange(id, value, min, max);
        }
        double target = normalise(value);
        if (target == state.value()) {
            return state;
        }
        long now = clock.nanoTime();
        if (everChanged && now - lastChangeNanos < minInterval.toNanos()) {
            throw ActuationException.tooSoon(id, minInterval, Duration.ofNanos(minInterval.toNanos()
                    - (now - lastChangeNanos)));
        }
        try {
            drive(target);
        } catch (HalException e) {
            throw ActuationException.hardware(id, e);
        }
        recordChange(target, now);
        return state;
    }

    @Override
    public final synchronized ActuatorState applySafeState() {
        try {
            drive(safe);
            if (state.value() != safe || !state.safe()) {
                recordChange(safe, clock.nanoTime());
            }
        } catch (HalException e) {
            Logger.error("actuator {} could not reach its safe state: {}", id, e.getMessage());
            state = new ActuatorState(id, state.value(), state.changedAt(), false, state.switchCount());
        }
        return state;
    }

    private void recordChange(double value, long nanos) {
        everChanged = true;
        lastChangeNanos = nanos;
        state = new ActuatorState(id, value, clock.now(), value == safe, state.switchCount() + 1);
    }

    @Override
    public final double minValue() {
        return min;
    }

    @Override
    public final double maxValue() {
        return max;
    }

    @Override
    public final double safeValue() {
        return safe;
    }

    @Override
    public void close() {
        applySafeState();
    }

    /** Whether a value inside the range is meaningful (a relay takes only 0 and 1). */
    boolean accepts(double value) {
        return true;
    }

    /** Maps an accepted value to what the hardware will show (e.g. rounds a relay to 0/1). */
    abstract double normalise(double value);

    /** Writes the hardware. */
    abstract void drive(double value);
}
