package org.atiot.sensors;

/** A sensor or actuator configuration is invalid. Names the device and the key so the user can fix it. */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String reason;

    public SpecException(String device, String key, String reason) {
        super(device + ": " + (key.isEmpty() ? "" : "key \"" + key + "\" ") + reason);
        this.key = key;
        this.reason = reason;
    }

    /** The offending configuration key; empty when the problem is not about one key. */
    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
