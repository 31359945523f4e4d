package org.atiot.hal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Linux system information: thermal zones, /proc files and file system usage. */
public interface SystemSources {
    /** Every readable thermal zone, in name order; empty when the board has none. */
    List<ThermalZone> thermalZones();

    /** The text of a file under /proc, such as {@code loadavg} or {@code net/wireless}; empty if absent. */
    Optional<String> readProc(String relativePath);

    /**
     * Usage of the file system holding {@code path}.
     *
     * @throws DeviceNotFoundException if the path does not exist
     */
    DiskUsage diskUsage(Path path);
}
