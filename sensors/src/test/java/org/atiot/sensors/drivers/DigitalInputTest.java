package org.atiot.sensors.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.atiot.hal.sim.SimPin;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SimFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DigitalInputTest {
    private final SimFixture sim = new SimFixture(17);
    private final SimPin door = sim.world.pin(22);
    private final Sensor sensor = SensorFactory.create(SensorSpec.of("digital_input", "door",
            Map.of("pin", 22L, "debounce", "20ms")), sim.hal);

    @AfterEach
    void close() {
        sim.close();
    }

    private void at(long millis, boolean level) {
        sim.world.advance(Duration.ofMillis(millis));
        door.drive(level);
    }

    /** Verifies the pull-up makes an open switch inactive and a closed (low) switch active. */
    @Test
    void activeLowWithPullUp() {
        Reading idle = sensor.read();
        assertEquals(0, idle.value(Quantity.STATE));
        at(0, false);
        sim.world.advance(Duration.ofMillis(25));
        Reading pressed = sensor.read();
        assertEquals(1, pressed.value(Quantity.STATE));
        assertEquals(1, pressed.value(Quantity.EDGE_COUNT));
    }

    /** Verifies contact bounce shorter than the debounce time is ignored and one press counts once. */
    @Test
    void bounceIsFiltered() {
        at(0, false);
        at(2, true);
        at(3, false);
        at(1, true);
        at(4, false); // settles low from here
        at(30, true); // released after 30 ms: the press was stable long enough
        at(1, false);
        at(2, true);
        sim.world.advance(Duration.ofMillis(50));
        Reading reading = sensor.read();
        assertEquals(0, reading.value(Quantity.STATE));
        assertEquals(2, reading.value(Quantity.EDGE_COUNT), "one press, one release");
    }

    /** Verifies a glitch that never lasts the debounce time leaves the state untouched. */
    @Test
    void shortGlitchIsIgnored() {
        at(0, false);
        at(5, true);
        sim.world.advance(Duration.ofMillis(100));
        Reading reading = sensor.read();
        assertEquals(0, reading.value(Quantity.STATE));
        assertEquals(0, reading.value(Quantity.EDGE_COUNT));
    }

    /** Verifies presses between two reads are counted even though the state is back where it was. */
    @Test
    void pressesBetweenReadsAreCounted() {
        for (int i = 0; i < 3; i++) {
            at(100, false);
            at(100, true);
        }
        sim.world.advance(Duration.ofMillis(100));
        assertEquals(6, sensor.read().value(Quantity.EDGE_COUNT));
    }
}
