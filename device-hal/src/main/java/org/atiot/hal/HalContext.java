package org.atiot.hal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.atiot.hal.internal.ProviderLoader;
import org.tinylog.Logger;

/**
 * Owns every resource opened through it and closes them all, newest first, on {@link #close()}. Each pin, PWM
 * channel and I2C address can be claimed once, so two configured devices cannot fight over the same wire.
 * Thread-safe.
 */
public final class HalContext implements AutoCloseable {
    private final HalProvider provider;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Set<String> claims = new HashSet<>();
    private boolean closed;

    private HalContext(HalProvider provider) {
        this.provider = provider;
    }

    /** Creates the configured provider and a context around it. */
    public static HalContext open(HalConfig config) {
        return new HalContext(ProviderLoader.load(config));
    }

    /** Wraps a provider created by the caller (tests, or a simulated world the caller wants to steer). */
    public static HalContext of(HalProvider provider) {
        return new HalContext(Objects.requireNonNull(provider, "provider"));
    }

    public HalProvider provider() {
        return provider;
    }

    public HalClock clock() {
        return provider.clock();
    }

    public synchronized I2cDevice i2cDevice(int bus, int address) {
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(String.format(
                    "I2C address 0x%02x is outside the 7-bit device range 0x03..0x77", address));
        }
        String resource = String.format("i2c %d address 0x%02x", bus, address);
        return claimAndOpen(resource, () -> provider.i2cBus(bus).device(address));
    }

    public synchronized GpioInput gpioInput(int pin, PullResistance pull) {
        return claimAndOpen("gpio " + pin, () -> provider.gpioInput(pin, pull));
    }

    public synchronized GpioOutput gpioOutput(int pin, boolean initialHigh) {
        return claimAndOpen("gpio " + pin, () -> provider.gpioOutput(pin, initialHigh));
    }

    public synchronized PwmOutput pwmOutput(int channel, int frequencyHz) {
        return claimAndOpen("pwm " + channel, () -> provider.pwmOutput(channel, frequencyHz));
    }

    public OneWireBus oneWireBus() {
        ensureOpen();
        return provider.oneWireBus();
    }

    public SystemSources systemSources() {
        ensureOpen();
        return provider.systemSources();
    }

    /** Closes every opened resource (newest first), then the provider. Failures are logged, not thrown. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!opened.isEmpty()) {
            closeQuietly(opened.pop());
        }
        closeQuietly(provider);
    }

    private void claim(String resource) {
        ensureOpen();
        if (!claims.add(resource)) {
            throw new ResourceInUseException(resource + " is already used by another device; give each sensor and "
                    + "actuator its own pin, channel or address");
        }
    }

    /** Claims the resource, opens it and tracks it; a failed open releases the claim again. */
    private <T extends AutoCloseable> T claimAndOpen(String resource, Supplier<T> opener) {
        claim(resource);
        try {
            T device = opener.get();
            opened.push(device);
            return device;
        } catch (RuntimeException e) {
            claims.remove(resource);
            throw e;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new HalException("the hardware context is closed");
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            Logger.warn("closing {} failed: {}", resource, e.toString());
        }
    }
}
