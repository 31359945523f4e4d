package org.atiot.agent.queue.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of one queue entry inside a segment file. All integers are big-endian.
 *
 * <pre>
 * offset  size  field
 *      0     4  record magic 0x41515231 ("AQR1"): lets recovery find the next record after damage
 *      4     4  payload length N, 0 .. 2^31-1
 *      8     8  sequence number, strictly increasing through the queue
 *     16     N  payload
 *   16+N     4  CRC32C of bytes 4 .. 16+N (length, sequence and payload)
 * </pre>
 *
 * <p>The checksum comes last so that a record torn anywhere by a crash or power cut fails it.
 */
public final class RecordFormat {
    public static final int MAGIC = 0x41515231;
    public static final int HEADER_BYTES = 16;
    public static final int TRAILER_BYTES = 4;
    /** Bytes a record takes on disk beyond its payload. */
    public static final int OVERHEAD_BYTES = HEADER_BYTES + TRAILER_BYTES;

    private RecordFormat() {
    }

    /** The whole record, ready to write. */
    public static ByteBuffer encode(long sequence, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(OVERHEAD_BYTES + payload.length);
        buf.putInt(MAGIC).putInt(payload.length).putLong(sequence).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 4, HEADER_BYTES - 4 + payload.length);
        buf.putInt((int) crc.getValue());
        return buf.flip();
    }

    /** On-disk size of a record carrying {@code payloadLength} bytes. */
    public static long recordBytes(int payloadLength) {
        return (long) OVERHEAD_BYTES + payloadLength;
    }
}
