package org.atiot.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueConcurrencyTest {
    private static final int ENTRIES = 5000;

    @TempDir
    Path dir;

    /**
     * Verifies that one producer and one consumer working at the same time (with segment rotation and deletion
     * under way) lose nothing, duplicate nothing and keep FIFO order.
     */
    @Test
    void producerAndConsumerConcurrently() throws Exception {
        QueueOptions opts = QueueOptions.builder(dir).segmentBytes(2048).maxBytes(1 << 24)
                .fsyncInterval(Duration.ofMillis(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DurableQueue q = DurableQueue.open(opts)) {
            Future<List<Long>> producer = pool.submit(() -> {
                List<Long> sequences = new ArrayList<>();
                for (int i = 1; i <= ENTRIES; i++) {
                    sequences.add(q.append(Payloads.of(i)));
                }
                q.flush();
                return sequences;
            });
            Future<List<QueueEntry>> consumer = pool.submit(() -> {
                List<QueueEntry> got = new ArrayList<>();
                while (got.size() < ENTRIES) {
                    if (!q.awaitEntries(Duration.ofSeconds(30))) {
                        throw new AssertionError("no entry within 30 s after " + got.size());
                    }
                    QueueEntry e = q.peek();
                    got.add(e);
                    q.acknowledge(e.sequence());
                }
                return got;
            });
            List<Long> appended = producer.get(60, TimeUnit.SECONDS);
            List<QueueEntry> consumed = consumer.get(60, TimeUnit.SECONDS);
            assertEquals(ENTRIES, consumed.size());
            for (int i = 0; i < ENTRIES; i++) {
                assertEquals(appended.get(i), consumed.get(i).sequence());
                assertArrayEquals(Payloads.of(i + 1), consumed.get(i).payload());
            }
            assertEquals(0, q.stats().depth());
            assertTrue(Payloads.segmentFiles(dir).size() <= 2, "consumed segments were deleted");
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
