package org.atiot.hal.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.atiot.hal.DeviceNotFoundException;
import org.atiot.hal.HalException;
import org.atiot.hal.OneWireBus;

/** 1-Wire slaves under the kernel's w1 device directory ({@code /sys/bus/w1/devices}). */
public final class LinuxOneWireBus implements OneWireBus {
    /** Family code, dash, 48-bit serial: skips {@code w1_bus_master1} and other entries. */
    private static final Pattern SLAVE_ID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{12}");

    private final Path devicesDir;

    public LinuxOneWireBus(Path devicesDir) {
        this.devicesDir = devicesDir;
    }

    @Override
    public List<String> deviceIds() {
        if (!Files.isDirectory(devicesDir)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(devicesDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (SLAVE_ID.matcher(name).matches()) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw new HalException("cannot list " + devicesDir + ": " + e.getMessage(), e);
        }
        Collections.sort(ids);
        return List.copyOf(ids);
    }

    @Override
    public String readSlave(String deviceId) {
        if (!SLAVE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("1-Wire id \"" + deviceId + "\" is malformed; ids look like 28-0316a2796aff");
        }
        Path file = devicesDir.resolve(deviceId).resolve("w1_slave");
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new DeviceNotFoundException("1-Wire device " + deviceId + " is not present under " + devicesDir
                    + "; check wiring, the 4.7 kΩ pull-up, and dtoverlay=w1-gpio in config.txt", e);
        } catch (IOException e) {
            throw new HalException("reading " + file + " failed: " + e.getMessage() + "; the sensor may have been "
                    + "unplugged", e);
        }
    }
}
