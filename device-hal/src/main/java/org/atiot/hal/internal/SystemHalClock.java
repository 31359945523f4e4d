package org.atiot.hal.internal;

import java.time.Duration;
import java.time.Instant;
import org.atiot.hal.HalClock;
import org.atiot.hal.HalException;

/** {@link HalClock} backed by the JDK clocks. */
public final class SystemHalClock implements HalClock {
    public static final SystemHalClock INSTANCE = new SystemHalClock();

    private SystemHalClock() {}

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) {
        sleepInterruptibly(duration);
    }

    /** Sleeps, turning an interrupt into a {@link HalException} while keeping the interrupt flag set. */
    public static void sleepInterruptibly(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HalException("interrupted while waiting for the hardware", e);
        }
    }
}
