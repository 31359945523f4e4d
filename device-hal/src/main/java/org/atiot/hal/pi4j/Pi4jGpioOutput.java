package org.atiot.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.atiot.hal.GpioOutput;

/** A GPIO output through Pi4J. */
final class Pi4jGpioOutput implements GpioOutput {
    private final Context context;
    private final DigitalOutput output;

    Pi4jGpioOutput(Context context, DigitalOutput output) {
        this.context = context;
        this.output = output;
    }

    @Override
    public int pin() {
        return output.address().intValue();
    }

    @Override
    public void set(boolean high) {
        Pi4jErrors.call(() -> output.state(high ? DigitalState.HIGH : DigitalState.LOW), "set GPIO " + pin());
    }

    @Override
    public boolean isHigh() {
        return output.isHigh();
    }

    @Override
    public void close() {
        context.shutdown(output.id());
    }
}
