package org.atiot.sensors.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.atiot.hal.HalConfig;
import org.atiot.hal.HalContext;
import org.atiot.hal.sim.SimDs18b20;
import org.atiot.hal.sim.SimFault;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SimFixture;
import org.atiot.sensors.internal.SensorFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ds18b20Test {
    private static final String ID = "28-0316a2796aff";
    private final SimFixture sim = new SimFixture(5);
    private double water = 23.125;
    private final SimDs18b20 probe = new SimDs18b20(ID, () -> water);

    @AfterEach
    void close() {
        sim.close();
    }

    private Sensor sensor(Map<String, Object> params) {
        sim.world.attach(probe);
        return SensorFactory.create(SensorSpec.of("ds18b20", "tank", params), sim.hal);
    }

    /** Verifies the datasheet's scratchpad layout and CRC: 0x0172 = 23.125 °C, CRC 0x57 over these bytes. */
    @Test
    void parsesKernelText() throws SensorFault {
        String text = "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n";
        assertEquals(23.125, W1SlaveReading.celsius(text));
        assertEquals(0x57, Crc8.dallas(new byte[] {0x72, 0x01, 0x4b, 0x46, 0x7f, (byte) 0xff, 0x0e, 0x10}, 0, 8));
    }

    /** Verifies negative temperatures (two's complement scratchpad) from the simulated chip. */
    @Test
    void readsNegativeTemperatures() {
        water = -10.125;
        Reading reading = sensor(Map.of("device", ID)).read();
        assertEquals(-10.125, reading.value(Quantity.TEMPERATURE_C));
    }

    /** Verifies malformed, truncated and shorted-line texts are faults that say why. */
    @Test
    void rejectsBadText() {
        assertThrows(SensorFault.class, () -> W1SlaveReading.celsius(""));
        assertThrows(SensorFault.class, () -> W1SlaveReading.celsius("garbage\nmore garbage"));
        SensorFault zeros = assertThrows(SensorFault.class, () -> W1SlaveReading.celsius(
                "00 00 00 00 00 00 00 00 00 : crc=00 YES\n00 00 00 00 00 00 00 00 00 t=0\n"));
        assertTrue(zeros.getMessage().contains("shorted"));
        SensorFault lying = assertThrows(SensorFault.class, () -> W1SlaveReading.celsius(
                "72 01 4b 46 7f ff 0e 10 58 : crc=58 YES\n72 01 4b 46 7f ff 0e 10 58 t=23125\n"));
        assertTrue(lying.getMessage().contains("CRC"));
    }

    /** Verifies CRC NO, the 85 °C power-on value and an unplugged probe are faults, each recovering. */
    @Test
    void faultsAndRecovery() {
        Sensor sensor = sensor(Map.of("device", ID));
        assertTrue(sensor.read().isOk());
        probe.inject(SimFault.CRC_ERROR);
        assertTrue(sensor.read().status().reason().contains("crc="), "CRC NO line");
        probe.clear(SimFault.CRC_ERROR);
        probe.inject(SimFault.POWER_ON_VALUE);
        assertTrue(sensor.read().status().reason().contains("85 °C power-on"));
        probe.clear(SimFault.POWER_ON_VALUE);
        probe.inject(SimFault.UNPLUGGED);
        assertTrue(sensor.read().status().reason().contains("not present"));
        probe.clear(SimFault.UNPLUGGED);
        assertEquals(23.125, sensor.read().value(Quantity.TEMPERATURE_C));
    }

    /** Verifies a frozen value is flagged when stuck detection is on. */
    @Test
    void stuckValue() {
        Sensor sensor = sensor(Map.of("stuck_after", 2L));
        assertTrue(sensor.read().isOk());
        probe.inject(SimFault.STUCK_VALUE);
        water = 30;
        assertFalse(sensor.read().isOk());
    }

    /** Verifies the auto-selected probe and the linux provider reading real w1_slave files. */
    @Test
    void linuxProviderReadsSysfsFiles(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("sys/bus/w1/devices/" + ID));
        Files.createDirectories(root.resolve("sys/bus/w1/devices/w1_bus_master1"));
        Files.writeString(dir.resolve("w1_slave"), probe.w1SlaveText());
        try (HalContext hal = HalContext.open(HalConfig.builder().provider("linux").root(root).build())) {
            Sensor sensor = SensorFactory.create(SensorSpec.of("ds18b20", "tank", Map.of()), hal);
            assertEquals(23.125, sensor.read().value(Quantity.TEMPERATURE_C));
            probe.inject(SimFault.POWER_ON_VALUE);
            Files.writeString(dir.resolve("w1_slave"), probe.w1SlaveText());
            assertFalse(sensor.read().isOk());
            Files.delete(dir.resolve("w1_slave"));
            Files.delete(dir);
            assertTrue(sensor.read().status().reason().contains("no DS18B20 found"));
        }
    }
}
