package org.atiot.sensors.internal;

/** A measurement was received but cannot be trusted (bad CRC, reset value, stuck). Becomes a fault reading. */
public final class SensorFault extends Exception {
    private static final long serialVersionUID = 1L;

    public SensorFault(String reason) {
        super(reason, null, false, false);
    }
}
