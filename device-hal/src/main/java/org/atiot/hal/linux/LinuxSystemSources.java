package org.atiot.hal.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.atiot.hal.DeviceNotFoundException;
import org.atiot.hal.DiskUsage;
import org.atiot.hal.HalException;
import org.atiot.hal.SystemSources;
import org.atiot.hal.ThermalZone;

/** Thermal zones from {@code /sys/class/thermal}, files from {@code /proc} and statvfs via {@link FileStore}. */
public final class LinuxSystemSources implements SystemSources {
    /** /proc files are small; anything larger is not what we are looking for. */
    private static final long MAX_PROC_BYTES = 64 * 1024;

    private final Path thermalDir;
    private final Path procDir;

    public LinuxSystemSources(Path thermalDir, Path procDir) {
        this.thermalDir = thermalDir;
        this.procDir = procDir;
    }

    @Override
    public List<ThermalZone> thermalZones() {
        if (!Files.isDirectory(thermalDir)) {
            return List.of();
        }
        List<ThermalZone> zones = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(thermalDir, "thermal_zone*")) {
            for (Path zone : entries) {
                readZone(zone).ifPresent(zones::add);
            }
        } catch (IOException e) {
            throw new HalException("cannot list " + thermalDir + ": " + e.getMessage(), e);
        }
        zones.sort(Comparator.comparing(ThermalZone::name));
        return List.copyOf(zones);
    }

    /** A zone whose temp cannot be read or parsed (some report EINVAL when idle) is left out. */
    private static Optional<ThermalZone> readZone(Path zone) {
        try {
            String type = Files.readString(zone.resolve("type"), StandardCharsets.US_ASCII).trim();
            String milli = Files.readString(zone.resolve("temp"), StandardCharsets.US_ASCII).trim();
            return Optional.of(new ThermalZone(zone.getFileName().toString(), type, Long.parseLong(milli) / 1000.0));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> readProc(String relativePath) {
        Path file = procDir.resolve(relativePath).normalize();
        if (!file.startsWith(procDir.normalize()) || relativePath.isBlank()) {
            throw new IllegalArgumentException("\"" + relativePath + "\" is not a path inside /proc");
        }
        try {
            byte[] bytes;
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_PROC_BYTES);
            }
            return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HalException("reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public DiskUsage diskUsage(Path path) {
        try {
            FileStore store = Files.getFileStore(path);
            return new DiskUsage(store.getTotalSpace(), store.getUsableSpace());
        } catch (NoSuchFileException e) {
            throw new DeviceNotFoundException("cannot report disk usage: " + path + " does not exist", e);
        } catch (IOException e) {
            throw new HalException("statvfs of " + path + " failed: " + e.getMessage(), e);
        }
    }
}
