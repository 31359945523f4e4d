package org.atiot.hal;

/** Size and free space of the file system holding a path, as statvfs reports it. */
public record DiskUsage(long totalBytes, long usableBytes) {
    public double usablePercent() {
        return totalBytes == 0 ? 0 : 100.0 * usableBytes / totalBytes;
    }
}
