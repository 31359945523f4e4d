package org.atiot.hal.sim;

import org.atiot.hal.HalException;
import org.atiot.hal.PwmOutput;

/** A simulated PWM channel that records what was set. */
public final class SimPwm implements PwmOutput {
    private final int channel;
    private double duty;
    private int frequency;
    private boolean failing;

    SimPwm(int channel) {
        this.channel = channel;
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public synchronized void set(double dutyPercent, int frequencyHz) {
        if (failing) {
            throw new HalException("PWM channel " + channel + " could not be written; check that the pwm overlay "
                    + "is enabled in config.txt");
        }
        this.duty = dutyPercent;
        this.frequency = frequencyHz;
    }

    @Override
    public synchronized double dutyPercent() {
        return duty;
    }

    @Override
    public synchronized int frequencyHz() {
        return frequency;
    }

    public synchronized void failWrites(boolean fail) {
        this.failing = fail;
    }

    @Override
    public void close() {
        // The simulated channel outlives its handles so tests can inspect the final state.
    }
}
