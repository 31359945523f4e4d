package org.atiot.sensors.actuators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.atiot.hal.sim.SimPin;
import org.atiot.sensors.SimFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayActuatorTest {
    private final SimFixture sim = new SimFixture(23);
    private final SimPin pin = sim.world.pin(17);
    private final Actuator heater = ActuatorFactory.create(new ActuatorSpec("relay", "heater",
            Map.of("pin", 17L, "active", "low", "min_switch_interval", "5m")), sim.hal);

    @AfterEach
    void close() {
        sim.close();
    }

    /** Verifies the safe state (off) is applied at start: an active-low relay's pin is held high. */
    @Test
    void safeStateAtStart() {
        assertTrue(pin.isHigh());
        assertEquals(0, heater.state().value());
        assertTrue(heater.state().safe());
        assertEquals(0, heater.state().switchCount());
    }

    /** Verifies switching drives the pin and the state acknowledges it. */
    @Test
    void switchesAndReportsState() throws ActuationException {
        ActuatorState on = heater.apply(1);
        assertFalse(pin.isHigh());
        assertEquals(1, on.value());
        assertFalse(on.safe());
        assertEquals(1, on.switchCount());
        assertEquals(sim.world.now(), on.changedAt());
    }

    /** Verifies the minimum switching interval protects the load and says when to retry. */
    @Test
    void minimumSwitchingInterval() throws ActuationException {
        heater.apply(1);
        sim.world.advance(Duration.ofMinutes(1));
        ActuationException tooSoon = assertThrows(ActuationException.class, () -> heater.apply(0));
        assertEquals(ActuationException.Reason.TOO_SOON, tooSoon.reason());
        assertEquals(Duration.ofMinutes(4), tooSoon.retryAfter().orElseThrow());
        assertEquals(1, heater.apply(1).value(), "repeating the current value is fine");
        sim.world.advance(Duration.ofMinutes(4));
        assertEquals(0, heater.apply(0).value());
    }

    /** Verifies values other than 0 and 1 are out of range. */
    @Test
    void outOfRange() {
        int writesBefore = pin.writes();
        for (double bad : new double[] {-1, 0.5, 2, Double.NaN}) {
            ActuationException e = assertThrows(ActuationException.class, () -> heater.apply(bad));
            assertEquals(ActuationException.Reason.OUT_OF_RANGE, e.reason());
        }
        assertEquals(writesBefore, pin.writes(), "nothing reached the pin");
    }

    /** Verifies a failing pin is a hardware failure and the reported state is unchanged. */
    @Test
    void hardwareFailure() {
        pin.failWrites(true);
        ActuationException e = assertThrows(ActuationException.class, () -> heater.apply(1));
        assertEquals(ActuationException.Reason.HARDWARE_FAILURE, e.reason());
        assertEquals(0, heater.state().value());
    }

    /** Verifies the safe state overrides the switching interval, and close applies it. */
    @Test
    void safeStateIgnoresIntervalAndIsAppliedOnClose() throws ActuationException {
        heater.apply(1);
        assertTrue(heater.applySafeState().safe());
        assertTrue(pin.isHigh());
        sim.world.advance(Duration.ofMinutes(5));
        heater.apply(1);
        sim.hal.close(); // closing the context leaves the pin where it is
        heater.close();
        assertTrue(pin.isHigh());
    }
}
