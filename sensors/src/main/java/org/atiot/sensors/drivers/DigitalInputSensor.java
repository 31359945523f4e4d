package org.atiot.sensors.drivers;

import java.time.Duration;
import java.util.List;
import org.atiot.hal.GpioInput;
import org.atiot.hal.HalClock;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.internal.GuardedSensor;

/**
 * A door contact, PIR motion sensor or button on a GPIO pin. Reports the debounced state (1 = active) and the
 * number of debounced edges since start, so a press shorter than the reading interval is still counted.
 */
public final class DigitalInputSensor extends GuardedSensor {
    public static final String TYPE = "digital_input";
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(50);

    private final GpioInput input;
    private final boolean activeLow;
    private final Debouncer debouncer;

    /** @param activeLow whether a low level means active (a switch to ground with the pull-up on) */
    public DigitalInputSensor(String id, GpioInput input, HalClock clock, Duration debounce, boolean activeLow) {
        super(id, TYPE, clock);
        this.input = input;
        this.activeLow = activeLow;
        this.debouncer = new Debouncer(input.isHigh(), clock.nanoTime(), debounce.toNanos());
        input.setEdgeListener(debouncer::onRawEdge);
    }

    @Override
    protected void initialise() {
        // The pin was configured when it was opened.
    }

    @Override
    protected List<Quantity> measure() {
        debouncer.settle(clock.nanoTime());
        boolean active = debouncer.stableLevel() != activeLow;
        return List.of(new Quantity(Quantity.STATE, active ? 1 : 0, ""),
                new Quantity(Quantity.EDGE_COUNT, debouncer.edges(), ""));
    }

    @Override
    public void close() {
        input.setEdgeListener(null);
    }
}
