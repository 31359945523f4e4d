package org.atiot.sensors.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.atiot.hal.sim.SimAds1115;
import org.atiot.hal.sim.SimFault;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SimFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ads1115Test {
    private final SimFixture sim = new SimFixture(11);
    private final SimAds1115 chip = new SimAds1115(sim.world, 0x49);

    Ads1115Test() {
        sim.world.attach(1, chip);
        chip.connect(0, () -> 3.3);
        chip.connect(1, () -> 1.2345);
        chip.connect(3, () -> 0.2);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private Sensor sensor(Map<String, Object> params) {
        return SensorFactory.create(SensorSpec.of("ads1115", "adc", params), sim.hal);
    }

    /** Verifies single-ended conversion with the default ±4.096 V range: 1 LSB = 125 µV. */
    @Test
    void singleEnded() {
        Reading reading = sensor(Map.of("address", 0x49L, "inputs", List.of("ain1"))).read();
        assertTrue(reading.isOk(), reading.status()::toString);
        assertEquals(1.2345, reading.value("voltage_v"), 0.000125);
    }

    /** Verifies the gain table: 3.3 V saturates at ±2.048 V (code 0x7FFF) and reads true at ±6.144 V. */
    @Test
    void gainAndSaturation() {
        Sensor low = sensor(Map.of("address", 0x49L, "full_scale_v", 2.048));
        assertEquals(2.048 * 32767 / 32768, low.read().value("voltage_v"), 1e-9);
    }

    /** Verifies differential inputs, several inputs per reading and their names. */
    @Test
    void differentialAndSeveralInputs() {
        Reading reading = sensor(Map.of("address", 0x49L, "full_scale_v", 6.144,
                "inputs", List.of("ain0", "ain1-ain3"))).read();
        assertEquals(3.3, reading.value("ain0_voltage_v"), 0.0002);
        assertEquals(1.0345, reading.value("ain1_ain3_voltage_v"), 0.0002);
    }

    /** Verifies single-shot timing follows the data rate: 8 SPS takes at least 125 ms per conversion. */
    @Test
    void dataRateSetsConversionTime() {
        Sensor slow = sensor(Map.of("address", 0x49L, "data_rate", 8L));
        long before = sim.world.nanoTime();
        assertTrue(slow.read().isOk());
        assertTrue(sim.world.nanoTime() - before >= Duration.ofMillis(125).toNanos());
    }

    /** Verifies a conversion register that stops updating is flagged when stuck detection is on. */
    @Test
    void stuckValue() {
        double[] volts = {1.0};
        chip.connect(2, () -> volts[0]);
        Sensor sensor = sensor(Map.of("address", 0x49L, "inputs", List.of("ain2"), "stuck_after", 2L));
        assertEquals(1.0, sensor.read().value("voltage_v"), 0.000125);
        chip.inject(SimFault.STUCK_VALUE);
        volts[0] = 2.0;
        Reading stuck = sensor.read();
        assertTrue(stuck.status().reason().contains("stuck"), stuck.status()::toString);
        chip.clear(SimFault.STUCK_VALUE);
        assertEquals(2.0, sensor.read().value("voltage_v"), 0.000125);
    }

    /** Verifies bus faults become fault readings and recover. */
    @Test
    void busFaults() {
        Sensor sensor = sensor(Map.of("address", 0x49L));
        for (SimFault fault : new SimFault[] {SimFault.NACK, SimFault.UNPLUGGED, SimFault.SLOW_BUS}) {
            chip.inject(fault);
            assertFalse(sensor.read().isOk(), fault::toString);
            chip.clear(fault);
            assertTrue(sensor.read().isOk(), fault::toString);
        }
    }
}
