package org.atiot.hal;

/** A device or file the configuration names is not present (for example a 1-Wire id or a thermal zone). */
public class DeviceNotFoundException extends HalException {
    private static final long serialVersionUID = 1L;

    public DeviceNotFoundException(String message) {
        super(message);
    }

    public DeviceNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
