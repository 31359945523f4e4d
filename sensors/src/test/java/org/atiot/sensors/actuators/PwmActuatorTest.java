package org.atiot.sensors.actuators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.atiot.hal.sim.SimPwm;
import org.atiot.sensors.SimFixture;
import org.atiot.sensors.SpecException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PwmActuatorTest {
    private final SimFixture sim = new SimFixture(29);
    private final SimPwm channel = sim.world.pwm(0);
    private final Actuator fan = ActuatorFactory.create(new ActuatorSpec("pwm", "fan", Map.of("channel", 0L,
            "frequency", 25_000L, "min_duty", 20.0, "max_duty", 100L, "safe_duty", 100L)), sim.hal);

    @AfterEach
    void close() {
        sim.close();
    }

    /** Verifies a fan starts at its safe duty (full speed) with the configured frequency. */
    @Test
    void safeDutyAtStart() {
        assertEquals(100, channel.dutyPercent());
        assertEquals(25_000, channel.frequencyHz());
        assertEquals(100, fan.state().value());
    }

    /** Verifies the duty range and that duty reaches the channel. */
    @Test
    void rangeAndApply() throws ActuationException {
        assertEquals(42.5, fan.apply(42.5).value());
        assertEquals(42.5, channel.dutyPercent());
        assertEquals(ActuationException.Reason.OUT_OF_RANGE,
                assertThrows(ActuationException.class, () -> fan.apply(10)).reason());
        assertEquals(20, fan.minValue());
        fan.close();
        assertEquals(100, channel.dutyPercent());
    }

    /** Verifies a failing channel is reported as a hardware failure. */
    @Test
    void hardwareFailure() throws ActuationException {
        channel.failWrites(true);
        assertEquals(ActuationException.Reason.HARDWARE_FAILURE,
                assertThrows(ActuationException.class, () -> fan.apply(50)).reason());
        channel.failWrites(false);
        fan.apply(50);
        channel.failWrites(true);
        assertEquals(false, fan.applySafeState().safe(), "a safe state that could not be written is not safe");
    }

    /** Verifies inconsistent ranges are rejected naming the key. */
    @Test
    void badRangesNameTheKey() {
        SpecException e = assertThrows(SpecException.class, () -> ActuatorFactory.create(new ActuatorSpec("pwm",
                "led", Map.of("channel", 1L, "min_duty", 50L, "max_duty", 100L, "safe_duty", 0L)), sim.hal));
        assertEquals("safe_duty", e.key());
    }
}
