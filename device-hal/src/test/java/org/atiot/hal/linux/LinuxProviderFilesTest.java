package org.atiot.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atiot.hal.DeviceNotFoundException;
import org.atiot.hal.ThermalZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxProviderFilesTest {
    @TempDir
    Path root;

    /** Verifies the w1 directory lists only slave ids, and a missing slave is DeviceNotFound. */
    @Test
    void oneWireDirectory() throws Exception {
        Path devices = Files.createDirectories(root.resolve("devices"));
        Files.createDirectories(devices.resolve("w1_bus_master1"));
        Files.createDirectories(devices.resolve("28-0316a2796aff"));
        Files.createDirectories(devices.resolve("28-00000a1b2c3d"));
        Files.writeString(devices.resolve("28-0316a2796aff/w1_slave"), "text");
        LinuxOneWireBus bus = new LinuxOneWireBus(devices);
        assertEquals(List.of("28-00000a1b2c3d", "28-0316a2796aff"), bus.deviceIds());
        assertEquals("text", bus.readSlave("28-0316a2796aff"));
        assertThrows(DeviceNotFoundException.class, () -> bus.readSlave("28-00000a1b2c3d"));
        assertThrows(IllegalArgumentException.class, () -> bus.readSlave("../../etc"));
    }

    /** Verifies thermal zones are read in order and unreadable ones are skipped. */
    @Test
    void thermalZones() throws Exception {
        zone("thermal_zone1", "gpu-thermal", "41000");
        zone("thermal_zone0", "cpu-thermal", "52123");
        zone("thermal_zone2", "broken", "EINVAL");
        LinuxSystemSources sources = new LinuxSystemSources(root.resolve("thermal"), root.resolve("proc"));
        assertEquals(List.of(new ThermalZone("thermal_zone0", "cpu-thermal", 52.123),
                new ThermalZone("thermal_zone1", "gpu-thermal", 41.0)), sources.thermalZones());
        assertTrue(sources.readProc("loadavg").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> sources.readProc("../secret"));
        assertThrows(DeviceNotFoundException.class, () -> sources.diskUsage(root.resolve("absent")));
        assertTrue(sources.diskUsage(root).totalBytes() > 0);
    }

    /** Verifies sysfs PWM: export, period and duty in nanoseconds, enable, and unexport on close. */
    @Test
    void sysfsPwm() throws Exception {
        Path chip = Files.createDirectories(root.resolve("pwmchip0"));
        Files.createDirectories(chip.resolve("pwm1")); // what the kernel creates on export
        try (LinuxSysfsPwm pwm = new LinuxSysfsPwm(chip, 1, 1000)) {
            assertEquals("1", Files.readString(chip.resolve("pwm1/enable")));
            assertEquals("1000000", Files.readString(chip.resolve("pwm1/period")));
            pwm.set(25, 1000);
            assertEquals("250000", Files.readString(chip.resolve("pwm1/duty_cycle")));
            pwm.set(50, 25_000);
            assertEquals("40000", Files.readString(chip.resolve("pwm1/period")));
            assertEquals("20000", Files.readString(chip.resolve("pwm1/duty_cycle")));
            assertEquals(25_000, pwm.frequencyHz());
        }
        assertEquals("0", Files.readString(chip.resolve("pwm1/enable")));
        assertEquals("1", Files.readString(chip.resolve("unexport")));
    }

    private void zone(String name, String type, String temp) throws Exception {
        Path dir = Files.createDirectories(root.resolve("thermal").resolve(name));
        Files.writeString(dir.resolve("type"), type + "\n");
        Files.writeString(dir.resolve("temp"), temp + "\n");
    }
}
