package org.atiot.hal;

/** A pin, PWM channel or I2C address is already claimed by another sensor or actuator in this context. */
public class ResourceInUseException extends HalException {
    private static final long serialVersionUID = 1L;

    public ResourceInUseException(String message) {
        super(message);
    }
}
