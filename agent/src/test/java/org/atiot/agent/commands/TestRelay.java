package org.atiot.agent.commands;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A relay at the hardware edge: 0/1, a minimum switching interval on an injected monotonic clock, and a
 * switch to make the next write fail like a dead GPIO line.
 */
final class TestRelay implements ControlledActuator {
    private final String id;
    private final Duration minSwitchInterval;
    private final LongSupplier nanoTime;
    private double value;
    private long lastChange = Long.MIN_VALUE;
    private int writes;
    private boolean failNext;
    private RuntimeException bugNext;

    TestRelay(String id, Duration minSwitchInterval, LongSupplier nanoTime) {
        this.id = id;
        this.minSwitchInterval = minSwitchInterval;
        this.nanoTime = nanoTime;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public double minValue() {
        return 0;
    }

    @Override
    public double maxValue() {
        return 1;
    }

    @Override
    public Map<String, Object> state() {
        return Map.of("value", value);
    }

    @Override
    public Map<String, Object> apply(double v) throws ActuationFailure {
        if (bugNext != null) {
            RuntimeException e = bugNext;
            bugNext = null;
            throw e;
        }
        if (v != 0 && v != 1) {
            throw new ActuationFailure(ActuationFailure.Kind.OUT_OF_RANGE, "a relay is 0 or 1", null);
        }
        long now = nanoTime.getAsLong();
        if (v != value && lastChange != Long.MIN_VALUE && now - lastChange < minSwitchInterval.toNanos()) {
            throw new ActuationFailure(ActuationFailure.Kind.TOO_SOON, "relay '" + id + "' switched less than "
                    + minSwitchInterval.toMillis() + " ms ago", null);
        }
        if (failNext) {
            failNext = false;
            throw new ActuationFailure(ActuationFailure.Kind.HARDWARE, "GPIO 17 write failed", null);
        }
        writes++;
        if (v != value) {
            lastChange = now;
        }
        value = v;
        return state();
    }

    double value() {
        return value;
    }

    int writes() {
        return writes;
    }

    void failNextWrite() {
        failNext = true;
    }

    void throwOnNextWrite(RuntimeException e) {
        bugNext = e;
    }
}
