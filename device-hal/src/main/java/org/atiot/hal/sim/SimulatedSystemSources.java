package org.atiot.hal.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atiot.hal.DiskUsage;
import org.atiot.hal.SystemSources;
import org.atiot.hal.ThermalZone;

/**
 * System information of a simulated Raspberry Pi: a {@code cpu-thermal} zone that follows the world's
 * temperature, and /proc files in the kernel's own formats so that parsers meet real text.
 */
public final class SimulatedSystemSources implements SystemSources {
    public static final long MEMORY_TOTAL_KB = 427_000; // a Pi Zero 2 W after the GPU split
    public static final long DISK_TOTAL_BYTES = 31_000_000_000L;

    private final SimulatedWorld world;
    private final Instant bootedAt;
    private volatile boolean wifiPresent = true;

    SimulatedSystemSources(SimulatedWorld world) {
        this.world = world;
        this.bootedAt = world.now().minus(Duration.ofMinutes(3));
    }

    /** Simulates a wired-only board: /proc/net/wireless then lists no interface. */
    public void wifiPresent(boolean present) {
        this.wifiPresent = present;
    }

    @Override
    public List<ThermalZone> thermalZones() {
        return List.of(new ThermalZone("thermal_zone0", "cpu-thermal", Math.round(world.socTemperatureC() * 1000)
                / 1000.0));
    }

    @Override
    public Optional<String> readProc(String relativePath) {
        return Optional.ofNullable(switch (relativePath) {
            case "loadavg" -> String.format(Locale.ROOT, "%.2f %.2f %.2f 1/97 %d%n",
                    0.2 + world.nextUniform(), 0.3, 0.25, 1000 + (int) (world.nextUniform() * 1000));
            case "uptime" -> String.format(Locale.ROOT, "%.2f %.2f%n", uptimeSeconds(), uptimeSeconds() * 3.6);
            case "meminfo" -> "MemTotal:       " + MEMORY_TOTAL_KB + " kB\n"
                    + "MemFree:         120000 kB\n"
                    + "MemAvailable:    " + (MEMORY_TOTAL_KB * 6 / 10) + " kB\n"
                    + "Buffers:          12000 kB\n";
            case "net/wireless" -> "Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE\n"
                    + " face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n"
                    + (wifiPresent ? "wlan0: 0000   52.  -58.  -256        0      0      0      3      0        0\n" : "");
            default -> null;
        });
    }

    @Override
    public DiskUsage diskUsage(Path path) {
        return new DiskUsage(DISK_TOTAL_BYTES, DISK_TOTAL_BYTES / 3);
    }

    private double uptimeSeconds() {
        return Duration.between(bootedAt, world.now()).toMillis() / 1000.0;
    }
}
