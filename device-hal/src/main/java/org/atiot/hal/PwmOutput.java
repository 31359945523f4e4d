package org.atiot.hal;

/** A PWM channel. Duty is in percent (0..100), frequency in hertz. */
public interface PwmOutput extends AutoCloseable {
    int channel();

    void set(double dutyPercent, int frequencyHz);

    double dutyPercent();

    int frequencyHz();

    @Override
    void close();
}
