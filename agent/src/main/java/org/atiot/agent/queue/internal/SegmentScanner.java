package org.atiot.agent.queue.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Rebuilds a segment's index from its file after a restart or crash.
 *
 * <p>A record counts only if its magic, length, checksum and sequence (greater than every earlier one) all
 * hold. After a bad record the scanner looks for the next record magic that starts a valid record
 * (resynchronisation), so one damaged record does not cost the intact ones behind it. Bad bytes with no valid
 * record after them are the torn tail of an interrupted write.
 */
public final class SegmentScanner {
    private static final int CHUNK_BYTES = 8192;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final ByteBuffer recordHeader = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);
    private final ByteBuffer searchChunk = ByteBuffer.allocate(CHUNK_BYTES);
    private final ByteBuffer crcChunk = ByteBuffer.allocate(CHUNK_BYTES);
    private final CRC32C crc = new CRC32C();
    private int foundLength;
    private long foundSequence;

    private SegmentScanner(Path file, FileChannel channel, long fileSize) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    /**
     * Opens and scans one segment file. Nothing is modified on disk; the caller decides what to do with damage.
     *
     * @param minSequenceExclusive every record must have a larger sequence (the previous segment's last)
     */
    public static ScannedSegment scan(Path file, long baseSequence, long minSequenceExclusive) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long fileSize = ch.size();
            ByteBuffer header = ByteBuffer.allocate((int) Math.min(SegmentFormat.HEADER_BYTES, fileSize));
            Segment.readFully(ch, header, 0, file);
            String headerProblem = SegmentFormat.problemWith(header.flip(), baseSequence);
            long dataStart = headerProblem == null ? SegmentFormat.HEADER_BYTES : 0;
            Segment segment = new Segment(file, baseSequence, ch, dataStart);
            SegmentScanner scanner = new SegmentScanner(file, ch, fileSize);
            return scanner.scanRecords(segment, headerProblem, dataStart, minSequenceExclusive);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private ScannedSegment scanRecords(Segment segment, String headerProblem, long dataStart, long minSequence)
            throws IOException {
        List<long[]> damaged = new ArrayList<>();
        long tailFrom = -1;
        long lastSequence = minSequence;
        long validEnd = dataStart;
        long pos = dataStart;
        while (pos < fileSize) {
            long end = recordEnd(pos, lastSequence);
            if (end >= 0) {
                segment.index(pos, foundLength, foundSequence);
                lastSequence = foundSequence;
                validEnd = end;
                pos = end;
                continue;
            }
            long next = findNextRecord(pos + 1, lastSequence);
            if (next < 0) {
                tailFrom = pos;
                break;
            }
            damaged.add(new long[] {pos, next});
            pos = next;
        }
        segment.truncateToIndexed(validEnd);
        return new ScannedSegment(segment, headerProblem, damaged, tailFrom, fileSize);
    }

    /** End offset of a valid record starting at {@code pos}, or -1; sets the found length and sequence. */
    private long recordEnd(long pos, long minSequenceExclusive) throws IOException {
        if (fileSize - pos < RecordFormat.OVERHEAD_BYTES) {
            return -1;
        }
        recordHeader.clear();
        Segment.readFully(channel, recordHeader, pos, file);
        if (recordHeader.getInt(0) != RecordFormat.MAGIC) {
            return -1;
        }
        int length = recordHeader.getInt(4);
        long sequence = recordHeader.getLong(8);
        if (length < 0 || length > fileSize - pos - RecordFormat.OVERHEAD_BYTES || sequence <= minSequenceExclusive) {
            return -1;
        }
        crc.reset();
        crc.update(recordHeader.array(), 4, RecordFormat.HEADER_BYTES - 4);
        long payloadPos = pos + RecordFormat.HEADER_BYTES;
        long payloadEnd = payloadPos + length;
        while (payloadPos < payloadEnd) {
            crcChunk.clear().limit((int) Math.min(CHUNK_BYTES, payloadEnd - payloadPos));
            Segment.readFully(channel, crcChunk, payloadPos, file);
            crc.update(crcChunk.array(), 0, crcChunk.limit());
            payloadPos += crcChunk.limit();
        }
        crcChunk.clear().limit(RecordFormat.TRAILER_BYTES);
        Segment.readFully(channel, crcChunk, payloadEnd, file);
        if (crcChunk.getInt(0) != (int) crc.getValue()) {
            return -1;
        }
        foundLength = length;
        foundSequence = sequence;
        return payloadEnd + RecordFormat.TRAILER_BYTES;
    }

    /** Offset of the first valid record at or after {@code from}, or -1. */
    private long findNextRecord(long from, long minSequenceExclusive) throws IOException {
        long pos = from;
        while (fileSize - pos >= RecordFormat.OVERHEAD_BYTES) {
            int limit = (int) Math.min(CHUNK_BYTES, fileSize - pos);
            searchChunk.clear().limit(limit);
            Segment.readFully(channel, searchChunk, pos, file);
            for (int i = 0; i + 4 <= limit; i++) {
                if (searchChunk.getInt(i) == RecordFormat.MAGIC && recordEnd(pos + i, minSequenceExclusive) >= 0) {
                    return pos + i;
                }
            }
            if (limit < CHUNK_BYTES) {
                break;
            }
            pos += limit - 3;
        }
        return -1;
    }
}
