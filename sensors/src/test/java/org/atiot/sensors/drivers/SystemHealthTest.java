package org.atiot.sensors.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.atiot.hal.HalConfig;
import org.atiot.hal.HalContext;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SimFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemHealthTest {
    /** Verifies every source is parsed from kernel-format files under a root directory. */
    @Test
    void readsLinuxFiles(@TempDir Path root) throws Exception {
        Path zone0 = Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(zone0.resolve("type"), "cpu-thermal\n");
        Files.writeString(zone0.resolve("temp"), "48312\n");
        Path proc = Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(root.resolve("proc/loadavg"), "0.52 0.58 0.59 2/180 1234\n");
        Files.writeString(root.resolve("proc/uptime"), "3605.25 14000.10\n");
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal:         426704 kB\nMemFree:           "
                + "51836 kB\nMemAvailable:     213352 kB\n");
        Files.writeString(proc.resolve("wireless"), "Inter-| sta-|   Quality        |   Discarded packets\n"
                + " face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n"
                + " wlan0: 0000   61.  -49.  -256        0      0      0     12      0        0\n");
        try (HalContext hal = HalContext.open(HalConfig.builder().provider("linux").root(root).build())) {
            Sensor sensor = SensorFactory.create(SensorSpec.of("system_health", "node",
                    Map.of("disk_path", root.toString())), hal);
            Reading reading = sensor.read();
            assertTrue(reading.isOk(), reading.status()::toString);
            assertEquals(48.312, reading.value("soc_temperature_c"));
            assertEquals(0.52, reading.value("load_1m"));
            assertEquals(0.59, reading.value("load_15m"));
            assertEquals(3605.25, reading.value("uptime_s"));
            assertEquals(213352 * 1024.0, reading.value("memory_available_bytes"));
            assertEquals(50.0, reading.value("memory_used_pct"));
            assertEquals(-49, reading.value("wifi_signal_dbm"));
            assertEquals(61, reading.value("wifi_link_quality"));
            assertTrue(reading.value("disk_free_bytes") > 0);
        }
    }

    /** Verifies a board without thermal zones or Wi-Fi still reports what it has, and nothing at all is a fault. */
    @Test
    void missingSourcesAreLeftOut(@TempDir Path root) throws Exception {
        try (HalContext hal = HalContext.open(HalConfig.builder().provider("linux").root(root).build())) {
            Sensor none = SensorFactory.create(SensorSpec.of("system_health", "node",
                    Map.of("disk_path", root.resolve("absent").toString())), hal);
            assertFalse(none.read().isOk());
            Files.createDirectories(root.resolve("proc"));
            Files.writeString(root.resolve("proc/loadavg"), "garbage\n");
            Files.writeString(root.resolve("proc/uptime"), "12.5 3.0\n");
            Reading partial = none.read();
            assertTrue(partial.isOk());
            assertEquals(1, partial.quantities().size());
        }
    }

    /** Verifies the simulated board reports a plausible SoC temperature and signal. */
    @Test
    void simulatedBoard() {
        try (SimFixture sim = new SimFixture(19)) {
            Reading reading = SensorFactory.create(SensorSpec.of("system_health", "node",
                    Map.of("thermal_zone", "cpu-thermal", "wifi_interface", "wlan0")), sim.hal).read();
            assertTrue(reading.value("soc_temperature_c") > 30);
            assertEquals(-58, reading.value("wifi_signal_dbm"));
            sim.world.systemSources().wifiPresent(false);
            assertTrue(SensorFactory.create(SensorSpec.of("system_health", "node2", Map.of()), sim.hal).read()
                    .quantity("wifi_signal_dbm").isEmpty());
        }
    }
}
