package org.atiot.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import org.atiot.hal.PwmOutput;

/** A hardware PWM channel through Pi4J. */
final class Pi4jPwmOutput implements PwmOutput {
    private final Context context;
    private final Pwm pwm;

    Pi4jPwmOutput(Context context, Pwm pwm) {
        this.context = context;
        this.pwm = pwm;
    }

    @Override
    public int channel() {
        return pwm.address();
    }

    @Override
    public void set(double dutyPercent, int frequencyHz) {
        Pi4jErrors.call(() -> pwm.on(dutyPercent, frequencyHz), "set PWM channel " + channel());
    }

    @Override
    public double dutyPercent() {
        return pwm.isOn() ? pwm.dutyCycle() : 0.0;
    }

    @Override
    public int frequencyHz() {
        return pwm.frequency();
    }

    @Override
    public void close() {
        context.shutdown(pwm.id());
    }
}
