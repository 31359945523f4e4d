package org.atiot.platform.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.tinylog.Logger;

/**
 * The server's write-ahead log: one JSON record a line, prefixed with its CRC32C, forced to disk before the verb
 * that wrote it answers. Replay stops at the first damaged line (a write torn by a crash) and cuts the file there;
 * nothing after a tear was ever acknowledged, because acknowledgement waits for the force.
 *
 * <p>Compaction rewrites the live state into a new file and renames it over the old one, so a crash leaves either
 * the old or the new log, never a mix.
 */
final class Journal implements AutoCloseable {
    private final Path file;
    private final boolean force;
    private FileChannel channel;
    private long records;
    /** Tickets: records written, and records known to be on disk. */
    private long written;
    private long forced;
    private boolean forcing;
    private final Object forceLock = new Object();

    private Journal(Path file, boolean force) {
        this.file = file;
        this.force = force;
    }

    /** Opens (creating if needed) and returns every intact record in write order. */
    static Journal open(Path file, boolean force, List<Map<String, Object>> replayed) throws IOException {
        Journal j = new Journal(file, force);
        long good = 0;
        if (Files.exists(file)) {
            byte[] all = Files.readAllBytes(file);
            int start = 0;
            while (start < all.length) {
                int end = indexOf(all, (byte) '\n', start);
                Map<String, Object> record = end < 0 ? null : decode(all, start, end);
                if (record == null) {
                    Logger.warn("journal {}: dropping {} damaged bytes at offset {} (an unacknowledged write torn by"
                            + " a crash)", file.getFileName(), all.length - start, start);
                    break;
                }
                replayed.add(record);
                start = end + 1;
                good = start;
            }
        }
        j.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        j.channel.truncate(good);
        j.channel.position(good);
        j.records = replayed.size();
        return j;
    }

    /** Writes and forces one record; returns once it is on disk. */
    void append(Map<String, Object> record) throws IOException {
        awaitDurable(write(record));
    }

    /**
     * Writes without forcing: for records whose loss in a power cut only repeats work (a delivery status: the
     * notification is then delivered again under the same id). A later force covers them too.
     */
    void append(Map<String, Object> record, boolean durable) throws IOException {
        long ticket = write(record);
        if (durable) {
            awaitDurable(ticket);
        }
    }

    /**
     * Writes a record (not yet forced) and returns its ticket for {@link #awaitDurable}. Callers write under their
     * own lock and wait outside it, so that concurrent writers share one force (group commit).
     */
    synchronized long write(Map<String, Object> record) throws IOException {
        ByteBuffer line = ByteBuffer.wrap(encode(record));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        records++;
        return ++written;
    }

    /** Returns once the record with {@code ticket} is on disk; one caller forces for all who wait meanwhile. */
    void awaitDurable(long ticket) throws IOException {
        if (!force) {
            return;
        }
        while (true) {
            long target;
            synchronized (forceLock) {
                while (forced < ticket && forcing) {
                    try {
                        forceLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted waiting for the journal");
                    }
                }
                if (forced >= ticket) {
                    return;
                }
                forcing = true;
                target = writtenSoFar();
            }
            boolean done = false;
            try {
                forceChannel();
                done = true;
            } finally {
                synchronized (forceLock) {
                    forcing = false;
                    if (done) {
                        forced = Math.max(forced, target);
                    }
                    forceLock.notifyAll();
                }
            }
        }
    }

    private synchronized long writtenSoFar() {
        return written;
    }

    /** Forces without holding the write lock, so that writers keep writing while the disk works. */
    private void forceChannel() throws IOException {
        FileChannel ch;
        synchronized (this) {
            ch = channel;
        }
        try {
            ch.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            synchronized (this) {
                if (ch == channel) {
                    throw e;
                }
            } // compaction replaced the file, forcing everything written before it
        }
    }

    synchronized long records() {
        return records;
    }

    /** Replaces the log with {@code live}: written beside it, forced, then renamed over it. */
    synchronized void compact(List<Map<String, Object>> live) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Map<String, Object> r : live) {
                ByteBuffer line = ByteBuffer.wrap(encode(r));
                while (line.hasRemaining()) {
                    out.write(line);
                }
            }
            out.force(true);
        }
        channel.close();
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(channel.size());
        records = live.size();
        synchronized (forceLock) {
            forced = Math.max(forced, written); // the compacted file holds everything and was forced
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static byte[] encode(Map<String, Object> record) {
        byte[] json = Json.write(record).getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(json);
        String prefix = String.format("%08x ", crc.getValue());
        byte[] line = new byte[9 + json.length + 1];
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, line, 0, 9);
        System.arraycopy(json, 0, line, 9, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    private static Map<String, Object> decode(byte[] all, int start, int end) {
        if (end - start < 10 || all[start + 8] != ' ') {
            return null;
        }
        long expected;
        try {
            expected = Long.parseLong(new String(all, start, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(all, start + 9, end - start - 9);
        if (crc.getValue() != expected) {
            return null;
        }
        try {
            return Json.parseObject(new String(all, start + 9, end - start - 9, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            return null;
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
