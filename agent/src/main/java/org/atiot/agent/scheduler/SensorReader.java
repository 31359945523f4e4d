package org.atiot.agent.scheduler;

/**
 * A sensor as the scheduler sees it. Drivers report device faults as {@linkplain Sample#fault fault samples}; an
 * exception is treated the same way, so a misbehaving driver costs one reading, never the scheduler.
 */
public interface SensorReader {
    /** The sensor id, unique on the device. */
    String id();

    /** Reads the sensor once; called on the scheduler's thread, so it should not block for long. */
    Sample read() throws Exception;
}
