package org.atiot.hal;

/**
 * Base of every hardware failure the HAL reports. Unchecked, like the hardware libraries it wraps, so that driver
 * code stays readable; drivers catch it at their boundary and turn it into a fault reading. Messages say what
 * to check or change.
 */
public class HalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HalException(String message) {
        super(message);
    }

    public HalException(String message, Throwable cause) {
        super(message, cause);
    }
}
