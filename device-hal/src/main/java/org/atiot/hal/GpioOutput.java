package org.atiot.hal;

/** A digital output pin (BCM numbering). */
public interface GpioOutput extends AutoCloseable {
    int pin();

    void set(boolean high);

    /** The level last driven. */
    boolean isHigh();

    @Override
    void close();
}
