package org.atiot.agent.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.atiot.agent.commands.AuditTrail;
import org.atiot.agent.commands.CommandAuditRecord;
import org.atiot.core.json.Json;

/**
 * The device's append-only record of every command and its outcome: {@code audit.log} holds one JSON object
 * per line, for example
 * {@code {"time":"2026-11-25T10:00:00Z","from":"@op","id":"c1","actuator":"pump","value":1.0,"outcome":"ok"}}.
 * Each entry is forced to disk before {@link #append} returns. When the file would grow past
 * {@code maxFileBytes} it is renamed {@code audit.log.1} (older ones shift to {@code .2} ...) and at most
 * {@code keepFiles} old files are kept. Thread-safe; pass it to the command processor as its
 * {@link AuditTrail}.
 */
public final class AuditLog implements AuditTrail, Closeable {
    public static final String FILE_NAME = "audit.log";
    /** 1 MiB per file holds several thousand commands. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
    /** Old files kept besides the current one. */
    public static final int DEFAULT_KEEP_FILES = 5;

    private final Path directory;
    private final Path current;
    private final long maxFileBytes;
    private final int keepFiles;
    private FileChannel channel;
    private long size;

    private AuditLog(Path directory, long maxFileBytes, int keepFiles) {
        this.directory = directory;
        this.current = directory.resolve(FILE_NAME);
        this.maxFileBytes = maxFileBytes;
        this.keepFiles = keepFiles;
    }

    public static AuditLog open(Path directory) throws IOException {
        return open(directory, DEFAULT_MAX_FILE_BYTES, DEFAULT_KEEP_FILES);
    }

    /**
     * Opens the log in {@code directory}, creating it if needed, and appends after any existing entries.
     *
     * @throws AuditLogException if the directory or file cannot be created or opened
     */
    public static AuditLog open(Path directory, long maxFileBytes, int keepFiles) throws IOException {
        if (maxFileBytes < 1024 || keepFiles < 0) {
            throw new IllegalArgumentException("audit log needs maxFileBytes >= 1024 and keepFiles >= 0");
        }
        AuditLog log = new AuditLog(directory, maxFileBytes, keepFiles);
        try {
            Files.createDirectories(directory);
            log.openCurrent();
        } catch (IOException e) {
            throw new AuditLogException("cannot open audit log in " + directory + ": " + e.getMessage(), e);
        }
        return log;
    }

    private void openCurrent() throws IOException {
        channel = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        if (size > 0 && !endsWithNewline()) {
            // A line cut short by a power cut: end it, so the next entry starts on a line of its own.
            write(new byte[] {'\n'});
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel reader = FileChannel.open(current, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            reader.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    /** Appends one entry and forces it to disk. */
    public synchronized void append(AuditEntry entry) throws IOException {
        if (channel == null) {
            throw new AuditLogException("audit log " + current + " is closed");
        }
        byte[] line = (Json.write(entry.toJsonObject()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (size > 0 && size + line.length > maxFileBytes) {
                rotate();
            }
            write(line);
            channel.force(false);
        } catch (IOException e) {
            if (channel == null) {
                reopenAfterFailedRotation(e);
            }
            throw new AuditLogException("cannot write audit log " + current + ": " + e.getMessage()
                    + " (free disk space?)", e);
        }
    }

    /** {@link AuditTrail}: records what the command processor decided. */
    @Override
    public void record(CommandAuditRecord record) throws IOException {
        append(AuditEntry.of(record));
    }

    private void reopenAfterFailedRotation(IOException failure) {
        try {
            openCurrent();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long before = size;
        try {
            while (buf.hasRemaining()) {
                size += channel.write(buf);
            }
        } catch (IOException e) {
            // Leave no half line behind, so the log stays one object per line.
            channel.truncate(before);
            size = before;
            throw e;
        }
    }

    private void rotate() throws IOException {
        channel.force(false);
        channel.close();
        channel = null;
        Files.deleteIfExists(numbered(keepFiles));
        for (int i = keepFiles - 1; i >= 1; i--) {
            Path older = numbered(i);
            if (Files.exists(older)) {
                Files.move(older, numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keepFiles > 0) {
            Files.move(current, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(current);
        }
        openCurrent();
    }

    private Path numbered(int n) {
        return directory.resolve(FILE_NAME + "." + n);
    }

    /** The file being written. */
    public Path file() {
        return current;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
