package org.atiot.hal;

/** A device did not acknowledge its address (I2C NACK) or has been unplugged. */
public class DeviceNotRespondingException extends HalException {
    private static final long serialVersionUID = 1L;

    public DeviceNotRespondingException(String message) {
        super(message);
    }

    public DeviceNotRespondingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The standard message for an I2C device that did not answer. */
    public static DeviceNotRespondingException i2c(int bus, int address) {
        return new DeviceNotRespondingException(String.format(
                "I2C device 0x%02x on bus %d did not respond (NACK); check wiring, power and the address "
                        + "(i2cdetect -y %d lists what answers)", address, bus, bus));
    }
}
