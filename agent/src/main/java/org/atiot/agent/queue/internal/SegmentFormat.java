package org.atiot.agent.queue.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Segment files: {@code seg-<base sequence, 20 digits>.log}, each starting with this header (big-endian) and
 * followed by records in {@link RecordFormat}.
 *
 * <pre>
 * offset  size  field
 *      0     4  segment magic 0x41515331 ("AQS1")
 *      4     2  format version, {@value #VERSION}
 *      6     2  header length, {@value #HEADER_BYTES}
 *      8     8  base sequence: no record in this file has a smaller one (also in the file name)
 *     16     4  reserved, 0
 *     20     4  CRC32C of bytes 0 .. 20
 * </pre>
 */
public final class SegmentFormat {
    public static final int MAGIC = 0x41515331;
    public static final short VERSION = 1;
    public static final int HEADER_BYTES = 24;
    private static final String PREFIX = "seg-";
    private static final String SUFFIX = ".log";

    private SegmentFormat() {
    }

    public static String fileName(long baseSequence) {
        return String.format("%s%020d%s", PREFIX, baseSequence, SUFFIX);
    }

    /** The base sequence named by a segment file, or -1 if {@code file} is not a segment. */
    public static long baseSequenceOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) || name.length() != PREFIX.length() + 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length(), PREFIX.length() + 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static ByteBuffer header(long baseSequence) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES);
        buf.putInt(MAGIC).putShort(VERSION).putShort((short) HEADER_BYTES).putLong(baseSequence).putInt(0);
        buf.putInt(crc(buf.array()));
        return buf.flip();
    }

    /** Why {@code header} is not a valid header for {@code baseSequence}, or {@code null} if it is. */
    public static String problemWith(ByteBuffer header, long baseSequence) {
        if (header.remaining() < HEADER_BYTES) {
            return "header is truncated (" + header.remaining() + " of " + HEADER_BYTES + " bytes)";
        }
        if (header.getInt(0) != MAGIC) {
            return "bad segment magic";
        }
        if (header.getInt(HEADER_BYTES - 4) != crc(header.array())) {
            return "header checksum mismatch";
        }
        if (header.getShort(4) != VERSION) {
            return "unsupported segment format version " + header.getShort(4) + " (this agent reads " + VERSION + ")";
        }
        if (header.getLong(8) != baseSequence) {
            return "header base sequence " + header.getLong(8) + " does not match the file name";
        }
        return null;
    }

    private static int crc(byte[] headerBytes) {
        CRC32C crc = new CRC32C();
        crc.update(headerBytes, 0, HEADER_BYTES - 4);
        return (int) crc.getValue();
    }
}
