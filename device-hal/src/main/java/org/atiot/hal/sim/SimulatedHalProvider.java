package org.atiot.hal.sim;

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

/** The {@code simulated} provider: every I/O is served by a {@link SimulatedWorld}. */
public final class SimulatedHalProvider implements HalProvider {
    private final SimulatedWorld world;

    /** Used when configured by name: a real-time world with one of each supported chip (see the docs). */
    public SimulatedHalProvider(HalConfig config) {
        this(SimulatedWorld.withDefaultDevices(config.seed()));
    }

    public SimulatedHalProvider(SimulatedWorld world) {
        this.world = world;
    }

    public SimulatedWorld world() {
        return world;
    }

    @Override
    public String name() {
        return HalConfig.PROVIDER_SIMULATED;
    }

    @Override
    public HalClock clock() {
        return world;
    }

    @Override
    public I2cBus i2cBus(int busNumber) {
        return world.bus(busNumber);
    }

    @Override
    public GpioInput gpioInput(int pin, PullResistance pull) {
        SimPin simPin = world.pin(pin);
        if (pull == PullResistance.UP) {
            simPin.drive(true); // an open switch reads high through the pull-up
        }
        return new GpioInput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public boolean isHigh() {
                return simPin.isHigh();
            }

            @Override
            public void setEdgeListener(EdgeListener listener) {
                simPin.listener(listener);
            }

            @Override
            public void close() {
                simPin.listener(null);
            }
        };
    }

    @Override
    public GpioOutput gpioOutput(int pin, boolean initialHigh) {
        SimPin simPin = world.pin(pin);
        simPin.write(initialHigh);
        return new GpioOutput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public void set(boolean high) {
                simPin.write(high);
            }

            @Override
            public boolean isHigh() {
                return simPin.isHigh();
            }

            @Override
            public void close() {
                // The pin keeps its level, as a real GPIO does after the line is released.
            }
        };
    }

    @Override
    public PwmOutput pwmOutput(int channel, int frequencyHz) {
        SimPwm pwm = world.pwm(channel);
        pwm.set(0, frequencyHz);
        return pwm;
    }

    @Override
    public OneWireBus oneWireBus() {
        return world.oneWire();
    }

    @Override
    public SystemSources systemSources() {
        return world.systemSources();
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
