package org.atiot.hal.pi4j;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.function.Supplier;
import org.atiot.hal.HalException;

/** Turns Pi4J's exceptions into ours, keeping the action that failed in the message. */
final class Pi4jErrors {
    private Pi4jErrors() {}

    static <T> T call(Supplier<T> action, String what) {
        try {
            return action.get();
        } catch (Pi4JException | IllegalStateException | LinkageError e) {
            // Pi4J reports missing chips and native libraries with several exception types; all mean the same here.
            throw new HalException("could not " + what + ": " + e.getMessage() + "; check that this is a Raspberry "
                    + "Pi with the interface enabled in config.txt and that the agent's user is in the gpio and i2c groups",
                    e);
        }
    }

    static PullResistance pull(org.atiot.hal.PullResistance pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
    }
}
