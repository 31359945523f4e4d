package org.atiot.hal;

/**
 * A family of hardware access (simulated, plain Linux, Pi4J). Use it through a {@link HalContext}, which tracks
 * and closes what is opened. Methods that a provider cannot offer throw {@link UnsupportedHardwareException}.
 */
public interface HalProvider extends AutoCloseable {
    /** The short name used in configuration. */
    String name();

    HalClock clock();

    I2cBus i2cBus(int busNumber);

    GpioInput gpioInput(int pin, PullResistance pull);

    /**
     * Opens an output driven at {@code initialHigh} from the first moment. Pass the load's safe level: providers
     * that can also return the pin to a level on shutdown use this one.
     */
    GpioOutput gpioOutput(int pin, boolean initialHigh);

    PwmOutput pwmOutput(int channel, int frequencyHz);

    OneWireBus oneWireBus();

    SystemSources systemSources();

    /** Releases provider-wide resources. Devices are closed by the context before this is called. */
    @Override
    void close();
}
