package org.atiot.agent.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * Run in a separate JVM by {@link QueueCrashTest}: appends forever and reports on stdout what is durable
 * ({@code durable <seq>}), what it is about to acknowledge ({@code acking <seq>}) and what was durably
 * acknowledged ({@code acked <seq>}), until it is killed.
 */
public final class QueueCrashChild {
    private QueueCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        QueueOptions opts = QueueOptions.builder(dir).segmentBytes(4096).maxBytes(1 << 24)
                .fsyncInterval(Duration.ofMillis(5)).build();
        DurableQueue q = DurableQueue.open(opts);
        System.out.println("open " + q.stats().newestSequence());
        System.out.flush();
        while (true) {
            int burst = 1 + random.nextInt(20);
            for (int i = 0; i < burst; i++) {
                long expected = q.stats().newestSequence() + 1;
                long seq = q.append(Payloads.of(expected));
                if (seq != expected) {
                    throw new IllegalStateException("sequence " + seq + " != " + expected);
                }
            }
            long durable = q.flush();
            System.out.println("durable " + durable);
            if (random.nextInt(4) == 0) {
                long upTo = durable - random.nextInt(30);
                QueueEntry head = q.peek();
                if (head != null && upTo >= head.sequence()) {
                    System.out.println("acking " + upTo);
                    System.out.flush();
                    q.acknowledge(upTo);
                    q.flush();
                    System.out.println("acked " + upTo);
                }
            }
            System.out.flush();
        }
    }
}
