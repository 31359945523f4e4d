package org.atiot.hal;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the hardware sees it. Drivers wait for conversions and debounce through this clock rather than the
 * JDK directly, so a simulated world can run its physics and timing without real waiting.
 */
public interface HalClock {
    /** Wall-clock time, for reading timestamps. */
    Instant now();

    /** Monotonic nanoseconds, for intervals. Only differences are meaningful. */
    long nanoTime();

    /**
     * Waits for the given time. An interrupt re-sets the thread's interrupt flag and ends in a
     * {@link HalException}, so a shutting-down agent is not held up by a driver.
     */
    void sleep(Duration duration);

    /** The real system clock. */
    static HalClock system() {
        return org.atiot.hal.internal.SystemHalClock.INSTANCE;
    }
}
