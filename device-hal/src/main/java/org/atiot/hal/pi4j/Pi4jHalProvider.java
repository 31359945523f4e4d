package org.atiot.hal.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
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
import org.atiot.hal.linux.LinuxOneWireBus;
import org.atiot.hal.linux.LinuxSystemSources;

/**
 * The {@code pi4j} provider: Pi4J v2 with the gpiod plugin for GPIO and the linuxfs plugin for I2C and PWM.
 * Providers are wired explicitly (no auto-detection, so a mock plugin on the class path is never picked up).
 * 1-Wire and system sources are the kernel files, as in the {@code linux} provider.
 */
public final class Pi4jHalProvider implements HalProvider {
    /** Hardware PWM chip of the Raspberry Pi 4 and earlier (pwmchip2 on a Pi 5). */
    public static final int DEFAULT_PWM_CHIP = 0;

    private final Context context;
    private final HalClock clock;
    private final LinuxOneWireBus oneWire;
    private final LinuxSystemSources system;

    public Pi4jHalProvider(HalConfig config) {
        this(newHardwareContext(), HalClock.system(), config);
    }

    /** For callers that build the Pi4J context themselves, for example with the mock plugin's providers. */
    public Pi4jHalProvider(Context context, HalClock clock, HalConfig config) {
        this.context = context;
        this.clock = clock;
        this.oneWire = new LinuxOneWireBus(config.w1DevicesDir());
        this.system = new LinuxSystemSources(config.thermalDir(), config.procDir());
    }

    private static Context newHardwareContext() {
        try {
            return Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                            LinuxFsI2CProvider.newInstance(), LinuxFsPwmProvider.newInstance(DEFAULT_PWM_CHIP))
                    .disableShutdownHook() // the agent's HalContext closes everything in order
                    .build();
        } catch (Pi4JException | LinkageError e) {
            throw new UnsupportedHardwareException("Pi4J could not start (" + e.getMessage() + "); the pi4j provider "
                    + "needs a Raspberry Pi with libgpiod and /dev/i2c-*; use hal.provider = \"simulated\" elsewhere", e);
        }
    }

    @Override
    public String name() {
        return HalConfig.PROVIDER_PI4J;
    }

    @Override
    public HalClock clock() {
        return clock;
    }

    @Override
    public I2cBus i2cBus(int busNumber) {
        return new I2cBus() {
            @Override
            public int number() {
                return busNumber;
            }

            @Override
            public org.atiot.hal.I2cDevice device(int address) {
                I2C i2c = Pi4jErrors.call(() -> context.create(I2C.newConfigBuilder(context)
                        .id(String.format("i2c-%d-%02x", busNumber, address)).bus(busNumber).device(address).build()),
                        String.format("open I2C bus %d address 0x%02x", busNumber, address));
                return new Pi4jI2cDevice(context, i2c);
            }
        };
    }

    @Override
    public GpioInput gpioInput(int pin, PullResistance pull) {
        DigitalInput input = Pi4jErrors.call(() -> context.create(DigitalInput.newConfigBuilder(context)
                .id("gpio-in-" + pin).address(pin).pull(Pi4jErrors.pull(pull)).debounce(0L).build()),
                "open GPIO " + pin + " as input");
        return new Pi4jGpioInput(context, input, clock);
    }

    /** The initial level doubles as Pi4J's shutdown level: callers open outputs at their safe level. */
    @Override
    public GpioOutput gpioOutput(int pin, boolean initialHigh) {
        DigitalState initial = initialHigh ? DigitalState.HIGH : DigitalState.LOW;
        DigitalOutput output = Pi4jErrors.call(() -> context.create(DigitalOutput.newConfigBuilder(context)
                .id("gpio-out-" + pin).address(pin).initial(initial).shutdown(initial).build()),
                "open GPIO " + pin + " as output");
        return new Pi4jGpioOutput(context, output);
    }

    @Override
    public PwmOutput pwmOutput(int channel, int frequencyHz) {
        Pwm pwm = Pi4jErrors.call(() -> context.create(Pwm.newConfigBuilder(context).id("pwm-" + channel)
                .address(channel).pwmType(PwmType.HARDWARE).frequency(frequencyHz).initial(0).build()),
                "open PWM channel " + channel);
        return new Pi4jPwmOutput(context, pwm);
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
    public void close() {
        Pi4jErrors.call(context::shutdown, "shut down Pi4J");
    }
}
