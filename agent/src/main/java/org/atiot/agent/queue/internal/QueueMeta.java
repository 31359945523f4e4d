package org.atiot.agent.queue.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.CRC32C;
import org.tinylog.Logger;

/**
 * The queue's small mutable state, {@code queue.meta}: how far the queue was consumed and how many entries were
 * dropped. Two slots are written alternately, so a write torn by a power cut leaves the previous state readable.
 *
 * <pre>
 * file: slot 0 at offset 0, slot 1 at offset 64; each slot (big-endian):
 * offset  size  field
 *      0     4  magic 0x41514D31 ("AQM1")
 *      4     2  format version, {@value #VERSION}
 *      6     2  reserved, 0
 *      8     8  generation: the slot with the larger valid one is current
 *     16     8  head sequence: every entry up to it was acknowledged or dropped
 *     24     8  dropped entries, total
 *     32     4  CRC32C of bytes 0 .. 32
 *     36    28  zero
 * </pre>
 */
public final class QueueMeta implements Closeable {
    public static final String FILE_NAME = "queue.meta";
    private static final int MAGIC = 0x41514D31;
    private static final short VERSION = 1;
    private static final int SLOT_BYTES = 64;
    private static final int CHECKED_BYTES = 32;
    private static final byte[] PADDING = new byte[SLOT_BYTES - CHECKED_BYTES - 4];

    private final FileChannel channel;
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT_BYTES);
    private long generation;
    private long headSequence;
    private long dropped;
    private boolean dirty;

    private QueueMeta(FileChannel channel, long generation, long headSequence, long dropped) {
        this.channel = channel;
        this.generation = generation;
        this.headSequence = headSequence;
        this.dropped = dropped;
    }

    /**
     * Opens or creates the file. If neither slot is valid the file is kept as {@code queue.meta.corrupt-<time>}
     * and the queue starts from sequence 0 with nothing dropped: every entry still on disk is delivered again
     * (at least once), never skipped.
     */
    public static QueueMeta open(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            QueueMeta meta = tryLoad(file);
            if (meta != null) {
                return meta;
            }
            Path quarantine = directory.resolve(FILE_NAME + ".corrupt-" + Instant.now().toEpochMilli());
            Files.move(file, quarantine, StandardCopyOption.REPLACE_EXISTING);
            Logger.warn("Queue state {} is unreadable; kept it as {} and will re-deliver every queued entry",
                    file, quarantine.getFileName());
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new QueueMeta(ch, 0, 0, 0);
    }

    private static QueueMeta tryLoad(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer all = ByteBuffer.allocate(2 * SLOT_BYTES);
            while (all.hasRemaining() && ch.read(all, all.position()) > 0) {
                // keep reading: a short file just leaves the rest zero
            }
            ByteBuffer best = null;
            for (int offset = 0; offset < 2 * SLOT_BYTES; offset += SLOT_BYTES) {
                ByteBuffer s = ByteBuffer.wrap(all.array(), offset, SLOT_BYTES).slice();
                if (isValid(s) && (best == null || s.getLong(8) > best.getLong(8))) {
                    best = s;
                }
            }
            if (best == null) {
                if (ch.size() == 0) {
                    return new QueueMeta(ch, 0, 0, 0);
                }
                ch.close();
                return null;
            }
            return new QueueMeta(ch, best.getLong(8), best.getLong(16), best.getLong(24));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static boolean isValid(ByteBuffer s) {
        return s.getInt(0) == MAGIC && s.getShort(4) == VERSION && s.getInt(CHECKED_BYTES) == crc(s);
    }

    private static int crc(ByteBuffer s) {
        CRC32C crc = new CRC32C();
        crc.update(s.array(), s.arrayOffset(), CHECKED_BYTES);
        return (int) crc.getValue();
    }

    public long headSequence() {
        return headSequence;
    }

    public long dropped() {
        return dropped;
    }

    /** Records new values in memory; {@link #write()} puts them in the next slot. */
    public void update(long newHeadSequence, long newDropped) {
        if (newHeadSequence != headSequence || newDropped != dropped) {
            headSequence = newHeadSequence;
            dropped = newDropped;
            dirty = true;
        }
    }

    /** Writes the current state to the older slot if it changed; returns the bytes written (0 or 64). */
    public int write() throws IOException {
        if (!dirty) {
            return 0;
        }
        long next = generation + 1;
        slot.clear();
        slot.putInt(MAGIC).putShort(VERSION).putShort((short) 0).putLong(next).putLong(headSequence).putLong(dropped);
        slot.putInt(crc(slot));
        slot.put(PADDING).flip();
        Segment.writeFully(channel, slot, (next % 2) * SLOT_BYTES);
        generation = next;
        dirty = false;
        return SLOT_BYTES;
    }

    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
