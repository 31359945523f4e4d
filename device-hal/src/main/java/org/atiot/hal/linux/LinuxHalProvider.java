package org.atiot.hal.linux;

import org.atiot.hal.GpioInput;
import org.atiot.hal.GpioOutput;
import org.atiot.hal.HalClock;
import org.atiot.hal.HalConfig;
import org.atiot.hal.HalProvider;
import org.atiot.hal.I2cBus;
import org.atiot.hal.OneWireBus;
import org.atiot.hal.PullResistance;
import org.atiot.hal.PwmOutput;
import org.atiot.hal.SystemSources;
import org.atiot.hal.UnsupportedHardwareException;
import org.atiot.hal.internal.ProviderLoader;

/**
 * The {@code linux} provider: plain kernel interfaces, for nodes that read 1-Wire sensors, system health and
 * sysfs PWM without Pi4J. I2C goes through Pi4J's linuxfs plugin, loaded only when a bus is first opened.
 * GPIO needs the character device and therefore the {@code pi4j} provider.
 */
public final class LinuxHalProvider implements HalProvider {
    private final HalConfig config;
    private final LinuxOneWireBus oneWire;
    private final LinuxSystemSources system;
    private HalProvider i2cDelegate;

    public LinuxHalProvider(HalConfig config) {
        this.config = config;
        this.oneWire = new LinuxOneWireBus(config.w1DevicesDir());
        this.system = new LinuxSystemSources(config.thermalDir(), config.procDir());
    }

    @Override
    public String name() {
        return HalConfig.PROVIDER_LINUX;
    }

    @Override
    public HalClock clock() {
        return HalClock.system();
    }

    @Override
    public synchronized I2cBus i2cBus(int busNumber) {
        if (i2cDelegate == null) {
            i2cDelegate = ProviderLoader.load(HalConfig.builder().provider(HalConfig.PROVIDER_PI4J)
                    .root(config.root()).seed(config.seed()).build());
        }
        return i2cDelegate.i2cBus(busNumber);
    }

    @Override
    public GpioInput gpioInput(int pin, PullResistance pull) {
        throw gpioUnsupported();
    }

    @Override
    public GpioOutput gpioOutput(int pin, boolean initialHigh) {
        throw gpioUnsupported();
    }

    private static UnsupportedHardwareException gpioUnsupported() {
        return new UnsupportedHardwareException("the linux HAL provider has no GPIO; set hal.provider = \"pi4j\" "
                + "to use digital inputs and relays");
    }

    /** Channel numbers map to pwmchip0 channels (GPIO18 = 0, GPIO19 = 1 with dtoverlay=pwm-2chan). */
    @Override
    public PwmOutput pwmOutput(int channel, int frequencyHz) {
        return new LinuxSysfsPwm(config.pwmDir().resolve("pwmchip0"), channel, frequencyHz);
    }

    @Override
    public OneWireBus oneWireBus() {
        return oneWire;
    }

    @Override
    public SystemSources systemSources() {
        return system;
    }

    @Override
    public synchronized void close() {
        if (i2cDelegate != null) {
            i2cDelegate.close();
        }
    }
}
