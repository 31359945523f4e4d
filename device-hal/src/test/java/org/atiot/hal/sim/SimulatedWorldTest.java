package org.atiot.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.atiot.hal.DeviceNotRespondingException;
import org.atiot.hal.I2cDevice;
import org.junit.jupiter.api.Test;

class SimulatedWorldTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-06-21T00:00:00Z");

    private static SimulatedWorld world(long seed) {
        return SimulatedWorld.builder().seed(seed).manualTime(MIDNIGHT).build();
    }

    /** Verifies the same seed gives the same noisy values. */
    @Test
    void deterministicForASeed() {
        SimulatedWorld a = world(42);
        SimulatedWorld b = world(42);
        for (int i = 0; i < 5; i++) {
            assertEquals(a.airTemperatureC(), b.airTemperatureC());
        }
    }

    /** Verifies the day/night curve: warm mid-afternoon, cool before dawn, dark at night, sleep advances time. */
    @Test
    void dayNightCurve() {
        SimulatedWorld world = world(1);
        world.sleep(Duration.ofHours(4));
        double dawn = world.airTemperatureC();
        assertEquals(0.0, world.illuminanceLux());
        world.advance(Duration.ofHours(11));
        double afternoon = world.airTemperatureC();
        assertTrue(afternoon - dawn > 10, dawn + " -> " + afternoon);
        assertTrue(world.illuminanceLux() > 10_000);
        assertEquals(MIDNIGHT.plus(Duration.ofHours(15)), world.now());
        assertThrows(IllegalArgumentException.class, () -> world.advance(Duration.ofSeconds(-1)));
    }

    /** Verifies a detached chip NACKs like an empty address, and comes back when re-attached. */
    @Test
    void detachIsUnplug() {
        SimulatedWorld world = world(1);
        world.attach(1, new SimBme280(world, 0x76));
        I2cDevice device = world.bus(1).device(0x76);
        assertEquals(0x60, device.readRegister(0xD0));
        world.detach(1, 0x76);
        assertThrows(DeviceNotRespondingException.class, () -> device.readRegister(0xD0));
        world.attach(1, new SimBme280(world, 0x76));
        assertEquals(0x60, device.readRegister(0xD0));
    }

    /** Verifies the SHT31 model NACKs a read before its conversion time has passed, as the chip does. */
    @Test
    void sht31NacksWhileConverting() {
        SimulatedWorld world = world(1);
        world.attach(1, new SimSht31(world, 0x44));
        I2cDevice device = world.bus(1).device(0x44);
        device.write((byte) 0x24, (byte) 0x00);
        assertThrows(DeviceNotRespondingException.class, () -> device.read(new byte[6]));
        world.advance(Duration.ofMillis(16));
        byte[] data = new byte[6];
        device.read(data);
        assertEquals(SimSht31.crc8(data, 0, 2), data[2] & 0xFF);
    }
}
