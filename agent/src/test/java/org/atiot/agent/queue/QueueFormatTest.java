package org.atiot.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the on-disk format to what the javadoc of the segment and record formats documents. */
class QueueFormatTest {
    @TempDir
    Path dir;

    /** Verifies the exact bytes of a segment holding one record, built here from the documented layout. */
    @Test
    void segmentBytesMatchTheDocumentedFormat() throws IOException {
        byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
        try (DurableQueue q = DurableQueue.open(QueueOptions.builder(dir).fsyncInterval(Duration.ZERO).build())) {
            q.append(payload);
        }
        ByteBuffer expected = ByteBuffer.allocate(24 + 20 + payload.length);
        expected.put(new byte[] {'A', 'Q', 'S', '1'}).putShort((short) 1).putShort((short) 24).putLong(1).putInt(0);
        expected.putInt(crc(expected.array(), 0, 20));
        expected.put(new byte[] {'A', 'Q', 'R', '1'}).putInt(payload.length).putLong(1).put(payload);
        expected.putInt(crc(expected.array(), 28, 12 + payload.length));
        Path segment = dir.resolve("seg-00000000000000000001.log");
        assertArrayEquals(expected.array(), Files.readAllBytes(segment));
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}
