package org.atiot.agent.queue.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tinylog.Logger;

/** Directory helpers the segment log needs for durable file creation and removal. */
public final class Directories {
    private Directories() {
    }

    /**
     * Forces a directory's entries (created, renamed, deleted files) to the device, where the platform allows
     * it. Some platforms cannot open a directory for this; there the file system's own ordering must do.
     */
    public static void force(Path directory) {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            Logger.debug("Cannot force directory {}: {}", directory, e.getMessage());
        }
    }
}
