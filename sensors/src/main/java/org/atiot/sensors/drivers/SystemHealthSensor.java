package org.atiot.sensors.drivers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atiot.hal.DiskUsage;
import org.atiot.hal.HalClock;
import org.atiot.hal.HalException;
import org.atiot.hal.SystemSources;
import org.atiot.hal.ThermalZone;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.internal.GuardedSensor;
import org.atiot.sensors.internal.SensorFault;

/**
 * The node's own health: SoC temperature, load averages, memory, free disk, uptime and Wi-Fi signal. Each
 * source is optional (a wired Pi has no /proc/net/wireless entry); the reading faults only if none is readable.
 */
public final class SystemHealthSensor extends GuardedSensor {
    public static final String TYPE = "system_health";

    private final SystemSources sources;
    private final Path diskPath;
    private final String thermalType;
    private final String wifiInterface;

    /**
     * @param thermalType thermal zone type to report ({@code cpu-thermal} on a Pi), or null for the first zone
     * @param wifiInterface interface in /proc/net/wireless, or null for the first one listed
     */
    public SystemHealthSensor(String id, SystemSources sources, HalClock clock, Path diskPath, String thermalType,
            String wifiInterface) {
        super(id, TYPE, clock);
        this.sources = sources;
        this.diskPath = diskPath;
        this.thermalType = thermalType;
        this.wifiInterface = wifiInterface;
    }

    @Override
    protected void initialise() {}

    @Override
    protected List<Quantity> measure() throws SensorFault {
        List<Quantity> out = new ArrayList<>();
        socTemperature().ifPresent(c -> out.add(new Quantity("soc_temperature_c", c, "°C")));
        sources.readProc("loadavg").ifPresent(text -> addLoad(text, out));
        sources.readProc("meminfo").ifPresent(text -> addMemory(text, out));
        sources.readProc("uptime").ifPresent(text -> firstNumber(text).ifPresent(
                s -> out.add(new Quantity("uptime_s", s, "s"))));
        sources.readProc("net/wireless").ifPresent(text -> addWifi(text, out));
        addDisk(out);
        if (out.isEmpty()) {
            throw new SensorFault("no system source is readable (thermal zones, /proc, " + diskPath + ")");
        }
        return out;
    }

    private Optional<Double> socTemperature() {
        List<ThermalZone> zones = sources.thermalZones();
        return zones.stream().filter(z -> thermalType == null || z.type().equals(thermalType)).findFirst()
                .map(ThermalZone::celsius);
    }

    private static void addLoad(String text, List<Quantity> out) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length < 3) {
            return;
        }
        try {
            out.add(new Quantity("load_1m", Double.parseDouble(fields[0]), ""));
            out.add(new Quantity("load_5m", Double.parseDouble(fields[1]), ""));
            out.add(new Quantity("load_15m", Double.parseDouble(fields[2]), ""));
        } catch (NumberFormatException e) {
            // Unparseable loadavg is left out rather than failing the whole reading.
        }
    }

    private static void addMemory(String text, List<Quantity> out) {
        long totalKb = -1;
        long availableKb = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                totalKb = kilobytes(line);
            } else if (line.startsWith("MemAvailable:")) {
                availableKb = kilobytes(line);
            }
        }
        if (totalKb > 0 && availableKb >= 0) {
            out.add(new Quantity("memory_available_bytes", availableKb * 1024.0, "B"));
            out.add(new Quantity("memory_used_pct", round1(100.0 * (totalKb - availableKb) / totalKb), "%"));
        }
    }

    private static long kilobytes(String line) {
        String[] fields = line.trim().split("\\s+");
        try {
            return fields.length >= 2 ? Long.parseLong(fields[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Lines after the two headers: {@code wlan0: 0000   52.  -58.  -256  ...}; level is in dBm. */
    private void addWifi(String text, List<Quantity> out) {
        String[] lines = text.split("\n");
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i].trim();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String iface = line.substring(0, colon);
            if (wifiInterface != null && !wifiInterface.equals(iface)) {
                continue;
            }
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (fields.length >= 3) {
                try {
                    out.add(new Quantity("wifi_link_quality", Double.parseDouble(stripDot(fields[1])), ""));
                    out.add(new Quantity("wifi_signal_dbm", Double.parseDouble(stripDot(fields[2])), "dBm"));
                } catch (NumberFormatException e) {
                    // A driver that reports no level is left out.
                }
            }
            return;
        }
    }

    private void addDisk(List<Quantity> out) {
        try {
            DiskUsage usage = sources.diskUsage(diskPath);
            out.add(new Quantity("disk_free_bytes", usage.usableBytes(), "B"));
            out.add(new Quantity("disk_free_pct", round1(usage.usablePercent()), "%"));
        } catch (HalException e) {
            // The disk path may be on a removable drive; the other sources still count.
        }
    }

    private static Optional<Double> firstNumber(String text) {
        String[] fields = text.trim().split("\\s+");
        try {
            return Optional.of(Double.parseDouble(fields[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String stripDot(String field) {
        return field.endsWith(".") ? field.substring(0, field.length() - 1) : field;
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
