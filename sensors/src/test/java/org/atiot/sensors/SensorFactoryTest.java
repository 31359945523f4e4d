package org.atiot.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.atiot.hal.ResourceInUseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SensorFactoryTest {
    private final SimFixture sim = new SimFixture(31);

    @AfterEach
    void close() {
        sim.close();
    }

    private SpecException reject(String type, Map<String, Object> params) {
        return assertThrows(SpecException.class, () -> SensorFactory.create(SensorSpec.of(type, "s1", params), sim.hal));
    }

    /** Verifies each kind of bad value is rejected with the key and a fix in the message. */
    @Test
    void errorsNameTheKey() {
        SpecException address = reject("bme280", Map.of("address", 0x42L));
        assertEquals("address", address.key());
        assertTrue(address.getMessage().contains("0x76, 0x77"), address.getMessage());
        assertTrue(address.getMessage().contains("sensor \"s1\" (bme280)"), address.getMessage());
        assertEquals("adress", reject("bme280", Map.of("adress", 0x76L)).key());
        assertEquals("type", reject("dht22", Map.of()).key());
        assertEquals("pin", reject("digital_input", Map.of()).key());
        assertEquals("debounce", reject("digital_input", Map.of("pin", 4L, "debounce", "fast")).key());
        assertEquals("inputs", reject("ads1115", Map.of("inputs", List.of("ain7"))).key());
        assertEquals("full_scale_v", reject("ads1115", Map.of("full_scale_v", 3.0)).key());
        assertEquals("device", reject("ds18b20", Map.of("device", "10-abc")).key());
        assertEquals("bus", reject("sht31", Map.of("bus", "one")).key());
    }

    /** Verifies hex strings, agent keys and defaults are accepted, and a claimed address cannot be reused. */
    @Test
    void acceptsConfigAsWritten() {
        Sensor sensor = SensorFactory.create(SensorSpec.of("bme280", "greenhouse",
                Map.of("bus", 1L, "address", "0x77", "interval", "10s")), sim.hal);
        assertEquals("greenhouse", sensor.id());
        assertEquals("bme280", sensor.type());
        assertThrows(ResourceInUseException.class, () -> SensorFactory.create(SensorSpec.of("bme280", "other",
                Map.of("address", 0x77L)), sim.hal));
    }
}
