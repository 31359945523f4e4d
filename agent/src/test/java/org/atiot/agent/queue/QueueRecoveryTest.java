package org.atiot.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage on disk: torn tails, flipped bytes, damaged segments. */
class QueueRecoveryTest {
    private static final int RECORD_OVERHEAD = 20;
    private static final int SEGMENT_HEADER = 24;
    private static final int COUNT = 8;

    @TempDir
    Path tmp;
    private Path pristine;
    /** Start offset of each record in the single segment, plus the file end. */
    private final long[] recordStart = new long[COUNT + 1];

    @BeforeEach
    void writePristineQueue() throws IOException {
        pristine = tmp.resolve("pristine");
        try (DurableQueue q = DurableQueue.open(options(pristine).build())) {
            long offset = SEGMENT_HEADER;
            for (int i = 1; i <= COUNT; i++) {
                recordStart[i - 1] = offset;
                q.append(Payloads.of(i));
                offset += RECORD_OVERHEAD + Payloads.of(i).length;
            }
            recordStart[COUNT] = offset;
        }
        assertEquals(recordStart[COUNT], Files.size(segment(pristine)));
    }

    private static QueueOptions.Builder options(Path dir) {
        return QueueOptions.builder(dir).fsyncInterval(Duration.ZERO).segmentBytes(1 << 16).maxBytes(1 << 20);
    }

    private static Path segment(Path dir) {
        return Payloads.segmentFiles(dir).get(0);
    }

    private Path copyOfPristine(String name) throws IOException {
        Path copy = tmp.resolve(name);
        Payloads.copyDirectory(pristine, copy);
        return copy;
    }

    /**
     * Verifies that cutting the file at every byte offset of the last three records keeps every intact record,
     * continues the sequence after the last intact one, and leaves a file that reopens cleanly.
     */
    /** Regression: consumed records still in a segment are skipped quietly, not reported as damage. */
    @Test
    void consumedRecordsAreNotDamage(@TempDir Path dir) throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueOptions.builder(dir).fsyncInterval(Duration.ZERO).build())) {
            for (int i = 0; i < 10; i++) {
                q.append(new byte[300]);
            }
            for (int i = 0; i < 7; i++) {
                q.acknowledge(q.peek().sequence());
            }
        }
        long head;
        try (var meta = org.atiot.agent.queue.internal.QueueMeta.open(dir)) {
            head = meta.headSequence();
        }
        org.atiot.agent.queue.internal.QueueRecovery r =
                org.atiot.agent.queue.internal.QueueRecovery.recover(dir, head);
        assertEquals(0, r.damagedBytes());
        assertEquals(10, r.lastSequence());
        for (var seg : r.segments()) {
            seg.close();
        }
        try (DurableQueue q = DurableQueue.open(QueueOptions.builder(dir).build())) {
            assertEquals(3, q.stats().depth());
            assertEquals(8, q.peek().sequence());
        }
    }

    @Test
    void tornTailAtEveryOffset() throws IOException {
        for (long cut = recordStart[COUNT - 3]; cut < recordStart[COUNT]; cut++) {
            for (boolean zeroFilled : new boolean[] {false, true}) {
                Path dir = copyOfPristine("cut-" + cut + "-" + zeroFilled);
                try (RandomAccessFile f = new RandomAccessFile(segment(dir).toFile(), "rw")) {
                    f.setLength(cut);
                    if (zeroFilled) {
                        // What ext4 can show after a power cut: the length grew but the data never arrived.
                        f.setLength(recordStart[COUNT]);
                    }
                }
                int intact = intactRecordsBefore(cut);
                try (DurableQueue q = DurableQueue.open(options(dir).build())) {
                    assertEquals(intact, q.stats().depth(), "cut at " + cut);
                    assertEquals(intact + 1, q.append(Payloads.of(intact + 1)), "cut at " + cut);
                }
                assertIntactSequence(Payloads.readAll(dir), intact + 1, "cut at " + cut);
            }
        }
    }

    private int intactRecordsBefore(long cut) {
        int n = 0;
        while (n < COUNT && recordStart[n + 1] <= cut) {
            n++;
        }
        return n;
    }

    private static void assertIntactSequence(List<QueueEntry> got, int expectedCount, String context) {
        assertEquals(expectedCount, got.size(), context);
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i + 1, got.get(i).sequence(), context);
            assertArrayEquals(Payloads.of(i + 1), got.get(i).payload(), context);
        }
    }

    /**
     * Verifies that random byte flips (seeded) never deliver a damaged entry, never wedge the queue, and lose no
     * record whose own bytes were untouched, even behind a damaged one.
     */
    @Test
    void randomByteFlipsLoseOnlyTheDamagedRecords() throws IOException {
        Random random = new Random(20261125L);
        for (int trial = 0; trial < 200; trial++) {
            Path dir = copyOfPristine("flip-" + trial);
            int flips = 1 + random.nextInt(3);
            List<Long> offsets = new ArrayList<>();
            try (RandomAccessFile f = new RandomAccessFile(segment(dir).toFile(), "rw")) {
                for (int k = 0; k < flips; k++) {
                    long offset = random.nextInt((int) f.length());
                    f.seek(offset);
                    int b = f.read();
                    f.seek(offset);
                    f.write(b ^ (1 + random.nextInt(255)));
                    offsets.add(offset);
                }
            }
            List<QueueEntry> got = Payloads.readAll(dir);
            long previous = 0;
            for (QueueEntry e : got) {
                assertTrue(e.sequence() > previous, "trial " + trial + ": FIFO");
                assertArrayEquals(Payloads.of(e.sequence()), e.payload(), "trial " + trial + ": no damaged payload");
                previous = e.sequence();
            }
            for (int i = 0; i < COUNT; i++) {
                long from = recordStart[i];
                long to = recordStart[i + 1];
                boolean touched = offsets.stream().anyMatch(o -> o >= from && o < to);
                long seq = i + 1;
                if (!touched) {
                    assertTrue(got.stream().anyMatch(e -> e.sequence() == seq),
                            "trial " + trial + ": untouched record " + seq + " lost; flips at " + offsets);
                }
            }
        }
    }

    /** Verifies that a damaged record in the middle is skipped, later records are kept and appends go on. */
    @Test
    void damagedMiddleRecordIsSkippedAndTheSegmentSealed() throws IOException {
        Path dir = copyOfPristine("middle");
        try (RandomAccessFile f = new RandomAccessFile(segment(dir).toFile(), "rw")) {
            f.seek(recordStart[3] + 17);
            f.write(0x55);
        }
        try (DurableQueue q = DurableQueue.open(options(dir).build())) {
            assertEquals(COUNT - 1, q.stats().depth());
            assertEquals(COUNT + 1, q.append(Payloads.of(COUNT + 1)));
        }
        assertEquals(2, Payloads.segmentFiles(dir).size(), "appends continue in a fresh segment");
        List<QueueEntry> got = Payloads.readAll(dir);
        assertEquals(List.of(1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L), got.stream().map(QueueEntry::sequence).toList());
    }

    /** Verifies that a segment with nothing readable is kept aside for inspection, not deleted. */
    @Test
    void unreadableSegmentIsQuarantined() throws IOException {
        Path dir = copyOfPristine("garbage");
        byte[] garbage = new byte[500];
        new Random(7).nextBytes(garbage);
        Files.write(segment(dir), garbage);
        try (DurableQueue q = DurableQueue.open(options(dir).build())) {
            assertEquals(0, q.stats().depth());
            assertEquals(1, q.append(Payloads.of(1)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> quarantined = files.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
            assertEquals(1, quarantined.size());
            assertArrayEquals(garbage, Files.readAllBytes(quarantined.get(0)));
        }
    }

    /** Verifies that unreadable queue state re-delivers everything rather than skipping anything. */
    @Test
    void corruptStateRedeliversInsteadOfSkipping() throws IOException {
        Path dir = copyOfPristine("meta");
        try (DurableQueue q = DurableQueue.open(options(dir).build())) {
            q.acknowledge(5);
        }
        Files.write(dir.resolve("queue.meta"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        try (DurableQueue q = DurableQueue.open(options(dir).build())) {
            assertEquals(1, q.peek().sequence());
            assertEquals(COUNT + 1, q.append(Payloads.of(COUNT + 1)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("queue.meta.corrupt-")).count());
        }
    }

    /** Verifies that a torn write of the state file falls back to the previous state slot. */
    @Test
    void tornStateWriteFallsBackToThePreviousSlot() throws IOException {
        Path dir = copyOfPristine("slots");
        try (DurableQueue q = DurableQueue.open(options(dir).build())) {
            q.acknowledge(2);
            q.acknowledge(4);
        }
        // The last write went to one slot; damage that slot only.
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("queue.meta").toFile(), "rw")) {
            f.seek(0);
            long gen0 = f.readInt() == 0x41514D31 ? readGeneration(f, 0) : -1;
            long gen1 = readGeneration(f, 64);
            long newest = gen0 > gen1 ? 0 : 64;
            f.seek(newest + 20);
            f.write(0xEE);
        }
        try (DurableQueue q = DurableQueue.open(options(dir).build())) {
            assertEquals(3, q.peek().sequence(), "state of the acknowledgement before the torn one");
        }
    }

    private static long readGeneration(RandomAccessFile f, long slot) throws IOException {
        f.seek(slot + 8);
        return f.readLong();
    }
}
