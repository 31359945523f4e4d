package org.atiot.sensors.actuators;

import java.time.Duration;
import org.atiot.hal.HalClock;
import org.atiot.hal.PwmOutput;

/** A fan or LED dimmer on a PWM channel; value is the duty cycle in percent within the configured range. */
public final class PwmActuator extends GuardedActuator {
    public static final String TYPE = "pwm";

    private final PwmOutput output;
    private final int frequencyHz;

    public PwmActuator(String id, PwmOutput output, HalClock clock, int frequencyHz, double minDuty, double maxDuty,
            double safeDuty, Duration minInterval) {
        super(id, clock, minDuty, maxDuty, safeDuty, minInterval);
        this.output = output;
        this.frequencyHz = frequencyHz;
        drive(safeDuty);
    }

    @Override
    public ActuatorKind kind() {
        return ActuatorKind.PWM;
    }

    @Override
    double normalise(double value) {
        return Math.round(value * 100.0) / 100.0; // 0.01 % steps: finer than any PWM block resolves
    }

    @Override
    void drive(double value) {
        output.set(value, frequencyHz);
    }
}
