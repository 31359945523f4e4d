package org.atiot.sensors.actuators;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.atiot.hal.HalContext;
import org.atiot.sensors.SpecException;
import org.atiot.sensors.internal.Params;

/**
 * Builds actuators from their configuration and drives each to its safe state at once. Errors are
 * {@link SpecException}s naming the actuator and the key.
 */
public final class ActuatorFactory {
    public static final Set<String> TYPES = Set.of(RelayActuator.TYPE, PwmActuator.TYPE);
    public static final Duration DEFAULT_RELAY_MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_PWM_MIN_INTERVAL = Duration.ZERO;
    public static final int DEFAULT_PWM_FREQUENCY_HZ = 1000;
    private static final Duration MAX_INTERVAL = Duration.ofHours(24);

    private ActuatorFactory() {}

    public static Actuator create(ActuatorSpec spec, HalContext hal) {
        if (spec.id().isBlank() || !spec.id().matches("[A-Za-z0-9_.-]+")) {
            throw new SpecException(spec.label(), "id", "must be non-empty and use only letters, digits, '_', '-', '.'");
        }
        Params p = new Params(spec.label(), spec.params());
        return switch (spec.type()) {
            case RelayActuator.TYPE -> relay(spec, p, hal);
            case PwmActuator.TYPE -> pwm(spec, p, hal);
            default -> throw new SpecException(spec.label(), "type", "is not supported; use relay or pwm");
        };
    }

    private static Actuator relay(ActuatorSpec spec, Params p, HalContext hal) {
        if (!p.has("pin")) {
            throw p.error("pin", "is required (BCM GPIO number, 0..27)");
        }
        int pin = p.integer("pin", 0, 0, 27);
        boolean activeLow = p.choice("active", "high", Set.of("high", "low")).equals("low");
        boolean safeOn = p.oneOf("safe_state", 0, List.of(0, 1), false) == 1;
        Duration interval = p.duration("min_switch_interval", DEFAULT_RELAY_MIN_INTERVAL, MAX_INTERVAL);
        p.rejectUnknown();
        return new RelayActuator(spec.id(), hal.gpioOutput(pin, RelayActuator.level(safeOn, activeLow)), hal.clock(),
                activeLow, safeOn, interval);
    }

    private static Actuator pwm(ActuatorSpec spec, Params p, HalContext hal) {
        if (!p.has("channel")) {
            throw p.error("channel", "is required (0 = GPIO18, 1 = GPIO19 with dtoverlay=pwm-2chan)");
        }
        int channel = p.integer("channel", 0, 0, 3);
        int frequency = p.integer("frequency", DEFAULT_PWM_FREQUENCY_HZ, 1, 1_000_000);
        double minDuty = p.number("min_duty", 0, 0, 100);
        double maxDuty = p.number("max_duty", 100, 0, 100);
        if (minDuty > maxDuty) {
            throw p.error("min_duty", "must not exceed max_duty (" + minDuty + " > " + maxDuty + ")");
        }
        double safeDuty = p.number("safe_duty", minDuty, 0, 100);
        if (safeDuty < minDuty || safeDuty > maxDuty) {
            throw p.error("safe_duty", "must lie within min_duty..max_duty (" + minDuty + ".." + maxDuty + ")");
        }
        Duration interval = p.duration("min_switch_interval", DEFAULT_PWM_MIN_INTERVAL, MAX_INTERVAL);
        p.rejectUnknown();
        return new PwmActuator(spec.id(), hal.pwmOutput(channel, frequency), hal.clock(), frequency, minDuty, maxDuty,
                safeDuty, interval);
    }
}
