package org.atiot.agent.queue.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One segment file and the index of its records still queued. Not thread-safe: the queue guards it.
 *
 * <p>The index holds three primitive arrays rather than an object per record, to keep a full queue of small
 * entries cheap on a 512 MB device.
 */
public final class Segment implements Closeable {
    private static final int INITIAL_CAPACITY = 16;

    private final Path path;
    private final long baseSequence;
    private final FileChannel channel;
    private long size;
    private boolean sealed;

    private int[] offsets = new int[INITIAL_CAPACITY];
    private int[] lengths = new int[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private int count;
    private int head;
    private long lastSequence;

    Segment(Path path, long baseSequence, FileChannel channel, long size) {
        this.path = path;
        this.baseSequence = baseSequence;
        this.channel = channel;
        this.size = size;
        this.lastSequence = baseSequence - 1;
    }

    /** Creates a new segment file holding only its header; the header is not forced yet. */
    public static Segment create(Path directory, long baseSequence) throws IOException {
        Path file = directory.resolve(SegmentFormat.fileName(baseSequence));
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (ch.size() != 0) {
                // Never overwrite records: a file of this name can only be left over from damage.
                throw new FileAlreadyExistsException(file.toString(), null, "a non-empty segment already exists");
            }
            writeFully(ch, SegmentFormat.header(baseSequence), 0);
            // The file and its directory entry must be durable before any record in it can be.
            ch.force(true);
            Directories.force(directory);
            return new Segment(file, baseSequence, ch, SegmentFormat.HEADER_BYTES);
        } catch (IOException e) {
            ch.close();
            if (!existed) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public long baseSequence() {
        return baseSequence;
    }

    /** File length up to the end of the last valid record: where the next append goes. */
    public long size() {
        return size;
    }

    public boolean isSealed() {
        return sealed;
    }

    /** No more appends go to this segment. */
    public void seal() {
        sealed = true;
    }

    /** Sequence of the newest record ever indexed here (queued or not), or {@code baseSequence - 1}. */
    public long lastSequence() {
        return lastSequence;
    }

    FileChannel channel() {
        return channel;
    }

    /** Adds a record found on disk or just written. */
    void index(long offset, int payloadLength, long sequence) {
        if (count == offsets.length) {
            int grown = count * 2;
            offsets = Arrays.copyOf(offsets, grown);
            lengths = Arrays.copyOf(lengths, grown);
            sequences = Arrays.copyOf(sequences, grown);
        }
        offsets[count] = (int) offset;
        lengths[count] = payloadLength;
        sequences[count] = sequence;
        count++;
        lastSequence = sequence;
    }

    /** Sets where the next append goes, after a scan; the file itself is not touched. */
    void truncateToIndexed(long validEnd) {
        size = validEnd;
    }

    /** Cuts the file back to the end of the last valid record (dropping a torn tail). */
    public void truncateFile() throws IOException {
        channel.truncate(size);
    }

    /**
     * Writes {@code record} at the end. On failure the file is cut back to its previous length (best effort) and
     * the index is unchanged; if even that fails the segment is sealed, so later appends go to a fresh file.
     */
    public void append(ByteBuffer record, long sequence, int payloadLength) throws IOException {
        long offset = size;
        try {
            writeFully(channel, record, offset);
        } catch (IOException e) {
            try {
                channel.truncate(offset);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
                sealed = true;
            }
            throw e;
        }
        size = offset + record.limit();
        index(offset, payloadLength, sequence);
    }

    /** Records still queued here. */
    public boolean hasQueued() {
        return head < count;
    }

    public int queuedCount() {
        return count - head;
    }

    public long headSequence() {
        return sequences[head];
    }

    public int headPayloadLength() {
        return lengths[head];
    }

    /** Forgets the oldest queued record (acknowledged or dropped); its bytes stay until the file is deleted. */
    public void removeHead() {
        head++;
    }

    /** On-disk bytes of all queued records. */
    public long queuedBytes() {
        long total = 0;
        for (int i = head; i < count; i++) {
            total += RecordFormat.recordBytes(lengths[i]);
        }
        return total;
    }

    /**
     * Reads the oldest queued record's payload, checking it again: the medium may have changed since open.
     *
     * @return the payload, or {@code null} if the record no longer passes its checksum
     */
    public byte[] readHead() throws IOException {
        int length = lengths[head];
        ByteBuffer buf = ByteBuffer.allocate(RecordFormat.OVERHEAD_BYTES + length);
        readFully(channel, buf, offsets[head], path);
        if (buf.getInt(0) != RecordFormat.MAGIC || buf.getInt(4) != length || buf.getLong(8) != sequences[head]) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 4, RecordFormat.HEADER_BYTES - 4 + length);
        if ((int) crc.getValue() != buf.getInt(RecordFormat.HEADER_BYTES + length)) {
            return null;
        }
        return Arrays.copyOfRange(buf.array(), RecordFormat.HEADER_BYTES, RecordFormat.HEADER_BYTES + length);
    }

    /** File offset of the oldest queued record, for messages. */
    public long headOffset() {
        return offsets[head];
    }

    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Closes and removes the file. */
    public void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + file + " at offset " + pos);
            }
            pos += n;
        }
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
