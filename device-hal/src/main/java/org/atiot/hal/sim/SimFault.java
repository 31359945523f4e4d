package org.atiot.hal.sim;

/** Faults a simulated device can be told to show. A device may show several at once. */
public enum SimFault {
    /** The device does not acknowledge its address; its state is kept. */
    NACK,
    /** The device is gone; when the fault is cleared it comes back from a power-on reset. */
    UNPLUGGED,
    /** Data arrives with a wrong checksum (SHT31 CRC byte, 1-Wire {@code crc=.. NO}). */
    CRC_ERROR,
    /** Measurements freeze at the last value while everything else works. */
    STUCK_VALUE,
    /** A DS18B20 answers with its power-on scratchpad, 85 °C, as after a brown-out. */
    POWER_ON_VALUE,
    /** Transfers take longer than the bus timeout. */
    SLOW_BUS
}
