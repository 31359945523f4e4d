package org.atiot.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableQueueTest {
    @TempDir
    Path dir;

    private QueueOptions.Builder options() {
        return QueueOptions.builder(dir).fsyncInterval(Duration.ZERO);
    }

    /** Verifies that entries come back in order with the sequences append returned. */
    @Test
    void roundTripIsFifo() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().build())) {
            for (int i = 1; i <= 20; i++) {
                assertEquals(i, q.append(Payloads.of(i)));
            }
            List<QueueEntry> got = Payloads.drain(q);
            assertEquals(20, got.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(i + 1, got.get(i).sequence());
                assertArrayEquals(Payloads.of(i + 1), got.get(i).payload());
            }
            assertNull(q.peek());
            assertEquals(0, q.stats().depth());
            assertEquals(0, q.stats().bytes());
        }
    }

    /** Verifies that peek does not remove and that acknowledge is cumulative and idempotent. */
    @Test
    void peekThenAcknowledge() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().build())) {
            q.append(Payloads.of(1));
            q.append(Payloads.of(2));
            q.append(Payloads.of(3));
            assertEquals(1, q.peek().sequence());
            assertEquals(1, q.peek().sequence());
            q.acknowledge(2);
            assertEquals(3, q.peek().sequence());
            q.acknowledge(1);
            assertEquals(3, q.peek().sequence());
            assertThrows(IllegalArgumentException.class, () -> q.acknowledge(4));
        }
    }

    /** Verifies that unacknowledged entries are replayed after a restart and sequences continue. */
    @Test
    void restartReplaysUnacknowledgedEntries() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().segmentBytes(300).maxBytes(1 << 16).build())) {
            for (int i = 1; i <= 30; i++) {
                q.append(Payloads.of(i));
            }
            q.acknowledge(12);
        }
        try (DurableQueue q = DurableQueue.open(options().segmentBytes(300).maxBytes(1 << 16).build())) {
            assertEquals(18, q.stats().depth());
            assertEquals(13, q.stats().oldestSequence());
            assertEquals(31, q.append(Payloads.of(31)));
            List<QueueEntry> got = Payloads.drain(q);
            assertEquals(19, got.size());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(13 + i, got.get(i).sequence());
                assertArrayEquals(Payloads.of(13 + i), got.get(i).payload());
            }
        }
    }

    /** Verifies that sequences continue after every entry was consumed and its segments deleted. */
    @Test
    void sequencesContinueAfterEmptyingTheQueue() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().segmentBytes(256).maxBytes(4096).build())) {
            for (int i = 1; i <= 40; i++) {
                q.append(Payloads.of(i));
            }
            Payloads.drain(q);
        }
        try (DurableQueue q = DurableQueue.open(options().segmentBytes(256).maxBytes(4096).build())) {
            assertNull(q.peek());
            assertEquals(41, q.append(Payloads.of(41)));
        }
    }

    /** Verifies that fully acknowledged segments are deleted, so the disk space is reclaimed. */
    @Test
    void consumedSegmentsAreDeleted() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().segmentBytes(256).maxBytes(1 << 16).build())) {
            for (int i = 1; i <= 200; i++) {
                q.append(Payloads.of(i));
            }
            assertTrue(Payloads.segmentFiles(dir).size() > 20);
            Payloads.drain(q);
            assertEquals(1, Payloads.segmentFiles(dir).size(), "only the active segment remains");
            assertTrue(Payloads.totalSegmentBytes(dir) <= 256);
        }
    }

    /** Verifies drop-oldest at the byte bound, the persisted dropped counter and the disk bound. */
    @Test
    void dropsOldestAtTheByteBound() throws IOException {
        QueueOptions opts = options().segmentBytes(256).maxBytes(1024).build();
        byte[] payload = new byte[60];
        try (DurableQueue q = DurableQueue.open(opts)) {
            for (int i = 1; i <= 50; i++) {
                payload[0] = (byte) i;
                q.append(payload);
                assertTrue(q.stats().bytes() <= 1024);
                assertTrue(Payloads.totalSegmentBytes(dir) <= 1024 + 2 * 256);
            }
            QueueStats s = q.stats();
            assertEquals(12, s.depth(), "1024 / 80-byte records");
            assertEquals(38, s.dropped());
            assertEquals(39, s.oldestSequence());
            assertEquals(50, s.newestSequence());
        }
        try (DurableQueue q = DurableQueue.open(opts)) {
            assertEquals(38, q.stats().dropped());
            QueueEntry first = q.peek();
            assertEquals(39, first.sequence());
            assertEquals(39, first.payload()[0]);
            q.acknowledge(first.sequence());
            assertEquals(38, q.stats().dropped(), "an acknowledgement is not a drop");
        }
    }

    /** Verifies that with a long fsync interval appends stay invisible until flush commits them. */
    @Test
    void entriesBecomeVisibleWhenCommitted() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().fsyncInterval(Duration.ofHours(1)).build())) {
            long seq = q.append(Payloads.of(1));
            assertNull(q.peek(), "not committed yet");
            assertEquals(1, q.stats().depth());
            assertEquals(QueueStats.NO_SEQUENCE, q.stats().durableSequence());
            assertEquals(seq, q.flush());
            assertEquals(seq, q.peek().sequence());
        }
    }

    /** Verifies that a waiting consumer commits pending appends itself once the interval has passed. */
    @Test
    void awaitEntriesCommitsAfterTheInterval() throws Exception {
        try (DurableQueue q = DurableQueue.open(options().fsyncInterval(Duration.ofMillis(30)).build())) {
            assertFalse(q.awaitEntries(Duration.ofMillis(1)));
            q.append(Payloads.of(1));
            assertTrue(q.awaitEntries(Duration.ofSeconds(10)));
            assertEquals(1, q.peek().sequence());
            assertEquals(1, q.stats().durableSequence());
        }
    }

    /** Verifies that close wakes a waiting consumer. */
    @Test
    void closeWakesAWaitingConsumer() throws Exception {
        DurableQueue q = DurableQueue.open(options().build());
        java.util.concurrent.CompletableFuture<Boolean> waiter = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return q.awaitEntries(Duration.ofMinutes(5));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Whether the waiter is already waiting or not, once closed it must return false promptly.
        q.close();
        assertFalse(waiter.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** Verifies the bytes-written counter covers records, segment headers and metadata. */
    @Test
    void countsBytesWrittenToDisk() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().build())) {
            long start = q.stats().bytesWrittenToDisk();
            q.append(new byte[100]);
            assertEquals(start + 120, q.stats().bytesWrittenToDisk());
            q.acknowledge(1);
            assertEquals(start + 120 + 64, q.stats().bytesWrittenToDisk());
            assertEquals(1, q.stats().appended());
        }
    }

    /** Verifies that a payload too large for a segment is refused before anything is written. */
    @Test
    void refusesOversizedPayload() throws IOException {
        try (DurableQueue q = DurableQueue.open(options().segmentBytes(256).maxBytes(1024).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.append(new byte[300]));
            assertTrue(e.getMessage().contains("300 bytes"), e.getMessage());
            assertEquals(212, q.options().maxPayloadBytes());
            assertEquals(1, q.append(new byte[212]));
        }
    }

    /** Verifies that a second queue on the same directory is refused with a clear message. */
    @Test
    void directoryIsExclusive() throws IOException {
        DurableQueue first = DurableQueue.open(options().build());
        try {
            QueueException e = assertThrows(QueueException.class, () -> DurableQueue.open(options().build()));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        } finally {
            first.close();
        }
        DurableQueue.open(options().build()).close();
    }

    /** Verifies that a disk-full write gives a typed error and leaves the queue consistent and usable. */
    @Test
    void diskFullIsATypedErrorAndLosesNothing() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full (Linux)");
        QueueOptions opts = options().segmentBytes(256).maxBytes(4096).build();
        try (DurableQueue q = DurableQueue.open(opts)) {
            assertEquals(1, q.append(new byte[100]));
            // The next append needs a new segment (24 + 2 * 120 > 256); make its file a device that is always full.
            Path next = dir.resolve("seg-00000000000000000002.log");
            Files.createSymbolicLink(next, full);
            QueueWriteException e = assertThrows(QueueWriteException.class, () -> q.append(new byte[100]));
            assertTrue(e.getMessage().contains("free space"), e.getMessage());
            assertEquals(1, q.stats().depth());
            assertEquals(1, q.stats().newestSequence());
            Files.delete(next);
            assertEquals(2, q.append(Payloads.of(2)));
        }
        try (DurableQueue q = DurableQueue.open(opts)) {
            List<QueueEntry> got = Payloads.drain(q);
            assertEquals(2, got.size());
            assertArrayEquals(new byte[100], got.get(0).payload());
            assertArrayEquals(Payloads.of(2), got.get(1).payload());
        }
    }

    /** Verifies that a full disk gives up the oldest sealed segments, counted, before refusing the write. */
    @Test
    void diskFullDropsOldestSegmentsFirst() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full (Linux)");
        QueueOptions opts = options().segmentBytes(300).maxBytes(64 * 1024).build();
        try (DurableQueue q = DurableQueue.open(opts)) {
            for (int i = 1; i <= 4; i++) {
                q.append(new byte[100]); // two per segment (24 + 2 * 120 <= 300): segment 1 sealed, 3 active
            }
            Path next = dir.resolve("seg-00000000000000000005.log");
            Files.createSymbolicLink(next, full);
            // a device that stays full: the older segment is given up, then the write is refused
            assertThrows(QueueWriteException.class, () -> q.append(new byte[100]));
            assertEquals(2, q.stats().dropped(), "the sealed segment's entries, oldest first");
            assertEquals(2, q.stats().depth());
            assertEquals(3, q.peek().sequence(), "the newest entries are kept");
            assertFalse(Files.exists(dir.resolve("seg-00000000000000000001.log")), "its space was given back");
            Files.delete(next);
            assertEquals(5, q.append(Payloads.of(5)));
        }
    }

    /** Verifies that calls after close fail clearly while stats stay readable. */
    @Test
    void closedQueueRefusesWork() throws IOException {
        DurableQueue q = DurableQueue.open(options().build());
        q.append(Payloads.of(1));
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, () -> q.append(Payloads.of(2)));
        assertNotNull(q.stats());
    }
}
