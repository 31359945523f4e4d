package org.atiot.hal;

/** The configured provider cannot offer this kind of I/O, or the provider itself is unavailable. */
public class UnsupportedHardwareException extends HalException {
    private static final long serialVersionUID = 1L;

    public UnsupportedHardwareException(String message) {
        super(message);
    }

    public UnsupportedHardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
