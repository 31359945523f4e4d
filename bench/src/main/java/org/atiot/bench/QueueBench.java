package org.atiot.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.atiot.agent.queue.DurableQueue;
import org.atiot.agent.queue.QueueOptions;

/**
 * Queue appends per second with the default group commit and with a force per append, against the disk's own
 * limit measured in the same run: a loop of 200-byte writes each followed by {@code FileChannel.force}.
 */
final class QueueBench {
    private static final int ENTRY_BYTES = 600; // a typical encrypted batch of a few readings

    private QueueBench() {
    }

    static void run(Path dir, boolean quick, Rows rows) throws Exception {
        int n = quick ? 2_000 : 10_000;
        double forceLoop = rawForceLoop(dir.resolve("raw.bin"), quick ? 500 : 2_000);
        double perAppend = appends(dir.resolve("q-sync"), Duration.ZERO, quick ? 500 : 2_000);
        double grouped = appends(dir.resolve("q-group"), QueueOptions.DEFAULT_FSYNC_INTERVAL, n * 10);
        rows.add("queue.appends_per_s.fsync_each", perAppend, "appends/s", "raw FileChannel.force loop", forceLoop);
        rows.add("queue.appends_per_s.group_commit", grouped, "appends/s", "fsync per append", perAppend);
        int backlog = quick ? 43_200 : 432_000; // a day of 5 sensors at 1 Hz, one reading per entry at worst
        rows.add("queue.drain_per_s", drain(dir.resolve("q-drain"), backlog), "entries/s", "appends with group commit",
                grouped);
    }

    private static double appends(Path dir, Duration fsync, int n) throws Exception {
        byte[] payload = new byte[ENTRY_BYTES];
        try (DurableQueue q = DurableQueue.open(QueueOptions.builder(dir).maxBytes(1L << 30).fsyncInterval(fsync)
                .build())) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                q.append(payload);
            }
            q.flush();
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double drain(Path dir, int n) throws Exception {
        byte[] payload = new byte[ENTRY_BYTES];
        try (DurableQueue q = DurableQueue.open(QueueOptions.builder(dir).maxBytes(1L << 30).build())) {
            for (int i = 0; i < n; i++) {
                q.append(payload);
            }
            q.flush();
            long start = System.nanoTime();
            var e = q.peek();
            while (e != null) {
                q.acknowledge(e.sequence());
                e = q.peek();
            }
            q.flush();
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double rawForceLoop(Path file, int n) throws Exception {
        ByteBuffer data = ByteBuffer.allocate(ENTRY_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                data.rewind();
                ch.write(data);
                ch.force(false);
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }
}
