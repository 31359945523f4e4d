package org.atiot.sensors.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.atiot.hal.sim.SimFault;
import org.atiot.hal.sim.SimSht31;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SimFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Sht31Test {
    private final SimFixture sim = new SimFixture(3);
    private double temperature = 23.4;
    private final SimSht31 chip = new SimSht31(sim.world, 0x45, () -> temperature, () -> 61.2);
    private final Sensor sensor;

    Sht31Test() {
        sim.world.attach(1, chip);
        sensor = SensorFactory.create(SensorSpec.of("sht31", "cellar", Map.of("address", 0x45L, "stuck_after", 3L)),
                sim.hal);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    /** Verifies the CRC-8 against the datasheet example 0xBEEF -> 0x92. */
    @Test
    void crcDatasheetExample() {
        assertEquals(0x92, Crc8.sensirion(new byte[] {(byte) 0xBE, (byte) 0xEF}, 0, 2));
    }

    /** Verifies a single-shot measurement converts with the datasheet formulas. */
    @Test
    void readsTemperatureAndHumidity() {
        Reading reading = sensor.read();
        assertTrue(reading.isOk(), reading.status()::toString);
        assertEquals(23.4, reading.value(Quantity.TEMPERATURE_C), 0.01);
        assertEquals(61.2, reading.value(Quantity.HUMIDITY_PCT), 0.01);
    }

    /** Verifies a corrupted CRC byte is a fault, not a wrong value. */
    @Test
    void crcErrorIsAFault() {
        chip.inject(SimFault.CRC_ERROR);
        Reading reading = sensor.read();
        assertFalse(reading.isOk());
        assertTrue(reading.status().reason().contains("CRC mismatch"), reading.status().reason());
        chip.clear(SimFault.CRC_ERROR);
        assertTrue(sensor.read().isOk());
    }

    /** Verifies NACK, unplug and slow bus are faults and the sensor recovers from each. */
    @Test
    void busFaultsAreFaultsAndRecover() {
        for (SimFault fault : new SimFault[] {SimFault.NACK, SimFault.UNPLUGGED, SimFault.SLOW_BUS}) {
            chip.inject(fault);
            assertFalse(sensor.read().isOk(), fault::toString);
            chip.clear(fault);
            assertTrue(sensor.read().isOk(), fault::toString);
        }
    }

    /** Verifies a frozen output is flagged. */
    @Test
    void stuckValueIsAFault() {
        assertTrue(sensor.read().isOk());
        chip.inject(SimFault.STUCK_VALUE);
        temperature = 30;
        assertTrue(sensor.read().isOk());
        assertTrue(sensor.read().status().reason().contains("stuck"));
    }
}
