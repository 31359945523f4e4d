package org.atiot.agent.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Deterministic payloads and file helpers shared by the queue tests. */
final class Payloads {
    private Payloads() {
    }

    /** A payload whose content and length depend only on {@code n}, so any mix-up is visible. */
    static byte[] of(long n) {
        byte[] b = new byte[(int) (n % 37) + 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (n * 31 + i);
        }
        return b;
    }

    /** Every entry from {@code peek}/{@code acknowledge}, oldest first, acknowledging as it goes. */
    static List<QueueEntry> drain(DurableQueue queue) throws IOException {
        List<QueueEntry> out = new ArrayList<>();
        for (QueueEntry e = queue.peek(); e != null; e = queue.peek()) {
            out.add(e);
            queue.acknowledge(e.sequence());
        }
        return out;
    }

    /** The sequences the queue holds, read by a fresh consumer that acknowledges nothing durable. */
    static List<QueueEntry> readAll(Path dir) throws IOException {
        Path copy = Files.createTempDirectory(dir.getParent(), "read-");
        copyDirectory(dir, copy);
        try (DurableQueue q = DurableQueue.open(QueueOptions.builder(copy).segmentBytes(1024).maxBytes(1 << 20)
                .fsyncInterval(java.time.Duration.ZERO).build())) {
            return drain(q);
        }
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static List<Path> segmentFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("seg-\\d{20}\\.log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long totalSegmentBytes(Path dir) throws IOException {
        long total = 0;
        for (Path p : segmentFiles(dir)) {
            total += Files.size(p);
        }
        return total;
    }
}
