package org.atiot.sensors.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.atiot.hal.sim.SimBh1750;
import org.atiot.hal.sim.SimFault;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.Sensor;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SimFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Bh1750Test {
    private final SimFixture sim = new SimFixture(13);
    private double lux = 1000;
    private final SimBh1750 chip = new SimBh1750(sim.world, 0x23, () -> lux);

    Bh1750Test() {
        sim.world.attach(1, chip);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private Sensor sensor(Map<String, Object> params) {
        return SensorFactory.create(SensorSpec.of("bh1750", "sky", params), sim.hal);
    }

    /** Verifies the datasheet example: count 0x8390 in H-resolution mode at MTreg 69 is 28067 lx. */
    @Test
    void datasheetExample() {
        assertEquals(28066.67, Bh1750Sensor.lux(0x8390, Bh1750Sensor.Resolution.HIGH, 69), 0.01);
        assertEquals(14033.33, Bh1750Sensor.lux(0x8390, Bh1750Sensor.Resolution.HIGH2, 69), 0.01);
        assertEquals(14033.33, Bh1750Sensor.lux(0x8390, Bh1750Sensor.Resolution.HIGH, 138), 0.01);
    }

    /** Verifies each resolution and a raised MTreg read the world's illuminance through the chip. */
    @Test
    void resolutionsAndMtreg() {
        assertEquals(1000, sensor(Map.of()).read().value(Quantity.ILLUMINANCE_LUX), 1.0);
        sim.hal.close();
        try (SimFixture other = new SimFixture(13)) {
            other.world.attach(1, new SimBh1750(other.world, 0x5C, () -> 12.3));
            Sensor fine = SensorFactory.create(SensorSpec.of("bh1750", "dim", Map.of("address", 0x5CL,
                    "resolution", "high2", "mtreg", 254L)), other.hal);
            assertEquals(12.3, fine.read().value(Quantity.ILLUMINANCE_LUX), 0.2);
        }
    }

    /** Verifies bus faults and that a replugged chip gets its MTreg back. */
    @Test
    void faultsAndReinitialisation() {
        Sensor sensor = sensor(Map.of("mtreg", 138L));
        assertEquals(1000, sensor.read().value(Quantity.ILLUMINANCE_LUX), 1.0);
        for (SimFault fault : new SimFault[] {SimFault.NACK, SimFault.UNPLUGGED, SimFault.SLOW_BUS}) {
            chip.inject(fault);
            assertFalse(sensor.read().isOk(), fault::toString);
            chip.clear(fault);
            assertEquals(1000, sensor.read().value(Quantity.ILLUMINANCE_LUX), 1.0, fault::toString);
        }
    }

    /** Verifies a frozen output is flagged when stuck detection is on. */
    @Test
    void stuckValue() {
        Sensor sensor = sensor(Map.of("stuck_after", 2L));
        assertTrue(sensor.read().isOk());
        chip.inject(SimFault.STUCK_VALUE);
        lux = 500;
        assertTrue(sensor.read().status().reason().contains("stuck"));
    }
}
