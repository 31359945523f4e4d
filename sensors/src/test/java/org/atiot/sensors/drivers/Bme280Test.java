package org.atiot.sensors.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.atiot.hal.sim.SimBme280;
import org.atiot.hal.sim.SimFault;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SimFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Bme280Test {
    private final SimFixture sim = new SimFixture(7);
    private double temperature = 21.5;
    private final SimBme280 chip = new SimBme280(sim.world, 0x76, () -> temperature, () -> 48.0, () -> 98_765.0);

    @AfterEach
    void close() {
        sim.close();
    }

    private Sensor sensor(Map<String, Object> params) {
        sim.world.attach(1, chip);
        return SensorFactory.create(SensorSpec.of("bme280", "greenhouse", params), sim.hal);
    }

    private static Bme280Calibration exampleCalibration() {
        int[] t = SimBme280.EXAMPLE_TRIMMING_TP;
        return new Bme280Calibration(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11],
                SimBme280.DIG_H1, SimBme280.DIG_H2, SimBme280.DIG_H3, SimBme280.DIG_H4, SimBme280.DIG_H5,
                SimBme280.DIG_H6);
    }

    /** Verifies the fixed-point compensation against the datasheet's worked example. */
    @Test
    void datasheetExampleCompensation() {
        Bme280Calibration cal = exampleCalibration();
        int tFine = Bme280Compensation.tFine(cal, 519888);
        assertEquals(128422, tFine);
        assertEquals(2508, Bme280Compensation.temperatureCentiC(tFine));
        // The datasheet prints 25767236 (100653.27 Pa); executing its own 64-bit formula gives 25767233, 0.01 Pa
        // lower, which is within the rounding the datasheet notes between its integer and floating-point versions.
        long q24 = Bme280Compensation.pressureQ24_8(cal, 415148, tFine);
        assertEquals(25767233L, q24);
        assertEquals(100653.27, q24 / 256.0, 0.02);
    }

    /** Verifies that the datasheet's raw values read through the chip's registers give its example results. */
    @Test
    void datasheetExampleThroughRegisters() {
        Sensor sensor = sensor(Map.of());
        chip.useRawValues(519888, 415148, 30000);
        Reading reading = sensor.read();
        assertTrue(reading.isOk(), reading.status()::toString);
        assertEquals(25.08, reading.value(Quantity.TEMPERATURE_C), 1e-9);
        assertEquals(1006.5327, reading.value(Quantity.PRESSURE_HPA), 0.0002);
    }

    /** Verifies forced mode reads back the world's values and waits the measurement time. */
    @Test
    void forcedModeReadsPhysicalValues() {
        Sensor sensor = sensor(Map.of("oversampling", 16L));
        long before = sim.world.nanoTime();
        Reading reading = sensor.read();
        assertTrue(reading.isOk(), reading.status()::toString);
        assertEquals(21.5, reading.value(Quantity.TEMPERATURE_C), 0.011);
        assertEquals(48.0, reading.value(Quantity.HUMIDITY_PCT), 0.05);
        assertEquals(987.65, reading.value(Quantity.PRESSURE_HPA), 0.02);
        assertTrue(sim.world.nanoTime() - before >= Duration.ofMillis(112).toNanos(), "waited for 16x oversampling");
        temperature = 30.0;
        assertEquals(30.0, sensor.read().value(Quantity.TEMPERATURE_C), 0.011);
    }

    /** Verifies normal mode measures continuously and follows changes after a standby period. */
    @Test
    void normalModeFollowsChanges() {
        Sensor sensor = sensor(Map.of("mode", "normal", "standby_ms", 125L, "filter", 4L));
        assertEquals(21.5, sensor.read().value(Quantity.TEMPERATURE_C), 0.011);
        temperature = 22.5;
        sim.world.advance(Duration.ofMillis(200));
        assertEquals(22.5, sensor.read().value(Quantity.TEMPERATURE_C), 0.011);
    }

    /** Verifies a NACK yields a fault reading and the next read recovers. */
    @Test
    void nackIsAFaultAndRecovers() {
        Sensor sensor = sensor(Map.of());
        chip.inject(SimFault.NACK);
        Reading fault = sensor.read();
        assertFalse(fault.isOk());
        assertTrue(fault.status().reason().contains("did not respond"), fault.status().reason());
        assertTrue(fault.quantities().isEmpty());
        chip.clear(SimFault.NACK);
        assertTrue(sensor.read().isOk());
    }

    /** Verifies a replugged chip (registers reset) is re-initialised in normal mode. */
    @Test
    void unpluggedChipIsReinitialisedWhenBack() {
        Sensor sensor = sensor(Map.of("mode", "normal"));
        assertTrue(sensor.read().isOk());
        chip.inject(SimFault.UNPLUGGED);
        assertFalse(sensor.read().isOk());
        chip.clear(SimFault.UNPLUGGED); // power-on reset: sleep mode, no data
        sim.world.advance(Duration.ofSeconds(1));
        Reading back = sensor.read();
        assertTrue(back.isOk(), back.status()::toString);
        assertEquals(21.5, back.value(Quantity.TEMPERATURE_C), 0.011);
    }

    /** Verifies a reset chip that is never re-configured is reported, not read as garbage. */
    @Test
    void resetWithoutFaultIsDetected() {
        Sensor sensor = sensor(Map.of("mode", "normal"));
        assertTrue(sensor.read().isOk());
        chip.inject(SimFault.UNPLUGGED);
        chip.clear(SimFault.UNPLUGGED); // brown-out between two reads
        Reading reading = sensor.read();
        assertFalse(reading.isOk());
        assertTrue(reading.status().reason().contains("no measurement"), reading.status().reason());
        assertTrue(sensor.read().isOk());
    }

    /** Verifies a slow bus is a timeout fault. */
    @Test
    void slowBusIsATimeoutFault() {
        Sensor sensor = sensor(Map.of());
        chip.inject(SimFault.SLOW_BUS);
        assertTrue(sensor.read().status().reason().contains("timed out"));
        chip.clear(SimFault.SLOW_BUS);
        assertTrue(sensor.read().isOk());
    }

    /** Verifies frozen output is flagged after the configured number of identical readings. */
    @Test
    void stuckValueIsDetected() {
        Sensor sensor = sensor(Map.of("stuck_after", 3L));
        assertTrue(sensor.read().isOk());
        chip.inject(SimFault.STUCK_VALUE);
        temperature = 25.0;
        assertTrue(sensor.read().isOk()); // second identical raw output
        Reading stuck = sensor.read();
        assertFalse(stuck.isOk());
        assertTrue(stuck.status().reason().contains("stuck"), stuck.status().reason());
        chip.clear(SimFault.STUCK_VALUE);
        assertEquals(25.0, sensor.read().value(Quantity.TEMPERATURE_C), 0.011);
    }

    /** Verifies an absent chip faults without throwing. */
    @Test
    void absentChipIsAFault() {
        Sensor sensor = SensorFactory.create(SensorSpec.of("bme280", "x", Map.of("address", 0x77L)), sim.hal);
        assertTrue(sensor.read().status().reason().contains("0x77"));
    }
}
