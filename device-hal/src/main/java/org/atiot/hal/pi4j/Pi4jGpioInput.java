package org.atiot.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import org.atiot.hal.GpioInput;
import org.atiot.hal.HalClock;

/** A GPIO input through Pi4J; Pi4J's own debounce is off because our driver debounces in one place. */
final class Pi4jGpioInput implements GpioInput {
    private final Context context;
    private final DigitalInput input;
    private final HalClock clock;
    private volatile EdgeListener listener;
    private final DigitalStateChangeListener bridge;

    Pi4jGpioInput(Context context, DigitalInput input, HalClock clock) {
        this.context = context;
        this.input = input;
        this.clock = clock;
        this.bridge = event -> {
            EdgeListener current = listener;
            if (current != null) {
                current.onEdge(event.state() == DigitalState.HIGH, this.clock.nanoTime());
            }
        };
        input.addListener(bridge);
    }

    @Override
    public int pin() {
        return input.address().intValue();
    }

    @Override
    public boolean isHigh() {
        return input.isHigh();
    }

    @Override
    public void setEdgeListener(EdgeListener listener) {
        this.listener = listener;
    }

    @Override
    public void close() {
        input.removeListener(bridge);
        context.shutdown(input.id());
    }
}
