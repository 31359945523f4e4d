package org.atiot.sensors.actuators;

import java.time.Duration;
import org.atiot.hal.GpioOutput;
import org.atiot.hal.HalClock;

/** A relay or MOSFET on a GPIO output; value 1 energises it. Active-low boards (most relay modules) invert. */
public final class RelayActuator extends GuardedActuator {
    public static final String TYPE = "relay";

    private final GpioOutput output;
    private final boolean activeLow;

    /** @param output opened at the level of {@code safeOn}, so the relay never glitches at start */
    public RelayActuator(String id, GpioOutput output, HalClock clock, boolean activeLow, boolean safeOn,
            Duration minInterval) {
        super(id, clock, 0, 1, safeOn ? 1 : 0, minInterval);
        this.output = output;
        this.activeLow = activeLow;
        drive(safeValue());
    }

    /** The output level that energises (or releases) the relay. */
    public static boolean level(boolean on, boolean activeLow) {
        return on != activeLow;
    }

    @Override
    public ActuatorKind kind() {
        return ActuatorKind.RELAY;
    }

    @Override
    boolean accepts(double value) {
        return value == 0 || value == 1; // a relay is either off or on
    }

    @Override
    double normalise(double value) {
        return value;
    }

    @Override
    void drive(double value) {
        output.set(level(value == 1, activeLow));
    }
}
