package org.atiot.hal;

/** An I2C bus (/dev/i2c-N on Linux). */
public interface I2cBus {
    int number();

    /** Opens the device at the 7-bit {@code address}. Opening does not talk to the device. */
    I2cDevice device(int address);
}
