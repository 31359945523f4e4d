package org.atiot.sensors;

/**
 * A configured sensor. {@link #read()} never throws for device problems: it returns a fault reading, and the
 * next call tries again (re-initialising the chip when needed). Not thread-safe; read from one thread.
 */
public interface Sensor extends AutoCloseable {
    String id();

    /** The configuration type name, such as {@code bme280}. */
    String type();

    Reading read();

    /** Releases what the sensor holds; the owning {@code HalContext} closes the hardware itself. */
    @Override
    default void close() {}
}
