package org.atiot.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayWindowTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(T0);

    private Path file() {
        return dir.resolve("replay-window");
    }

    private ReplayWindow open() throws IOException {
        return ReplayWindow.open(file(), 100, Duration.ofHours(1), clock);
    }

    private static Instant in(Duration d) {
        return T0.plus(d);
    }

    /** Verifies first sight, replay detection, and that both survive a restart. */
    @Test
    void detectsReplaysAcrossRestarts() throws IOException {
        try (ReplayWindow w = open()) {
            assertTrue(w.firstSeen("op:c1", in(Duration.ofMinutes(5))));
            assertFalse(w.firstSeen("op:c1", in(Duration.ofMinutes(5))));
            assertTrue(w.firstSeen("op:c2", in(Duration.ofMinutes(5))));
        }
        try (ReplayWindow w = open()) {
            assertEquals(2, w.size());
            assertFalse(w.firstSeen("op:c1", in(Duration.ofMinutes(5))));
            assertFalse(w.firstSeen("op:c2", in(Duration.ofMinutes(5))));
            assertTrue(w.firstSeen("other:c1", in(Duration.ofMinutes(5))));
        }
    }

    /** Verifies that expired keys are forgotten and the file is compacted. */
    @Test
    void forgetsExpiredKeysAndCompacts() throws IOException {
        try (ReplayWindow w = open()) {
            for (int i = 0; i < 300; i++) {
                assertTrue(w.firstSeen("op:c" + i, clock.instant().plusSeconds(10)));
                clock.advance(Duration.ofSeconds(1));
            }
            assertTrue(w.size() <= 100, "expired keys evicted, size " + w.size());
            long lines = Files.readAllLines(file()).size();
            assertTrue(lines < 200, "file compacted, " + lines + " lines");
            assertFalse(w.firstSeen("op:c299", clock.instant().plusSeconds(10)));
        }
        clock.advance(Duration.ofMinutes(1));
        try (ReplayWindow w = open()) {
            assertEquals(0, w.size());
            assertEquals(1, Files.readAllLines(file()).size(), "only the header is left");
        }
    }

    /** Verifies that an already expired command is not recorded. */
    @Test
    void expiredCommandIsNotRecorded() throws IOException {
        try (ReplayWindow w = open()) {
            assertTrue(w.firstSeen("op:old", T0.minusSeconds(1)));
            assertEquals(0, w.size());
        }
    }

    /** Verifies that a full window refuses rather than forgetting unexpired keys. */
    @Test
    void fullWindowRefuses() throws IOException {
        try (ReplayWindow w = ReplayWindow.open(file(), 3, Duration.ofHours(1), clock)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(w.firstSeen("op:c" + i, in(Duration.ofMinutes(10))));
            }
            ReplayWindowException e = assertThrows(ReplayWindowException.class,
                    () -> w.firstSeen("op:c3", in(Duration.ofMinutes(10))));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
            clock.advance(Duration.ofMinutes(11));
            assertTrue(w.firstSeen("op:c3", clock.instant().plusSeconds(60)));
        }
    }

    /** Verifies that a key cannot be held longer than the maximum lifetime allows. */
    @Test
    void refusesExpiryTooFarAhead() throws IOException {
        try (ReplayWindow w = open()) {
            assertThrows(ReplayWindowException.class, () -> w.firstSeen("op:c", in(Duration.ofHours(2))));
            assertThrows(IllegalArgumentException.class, () -> w.firstSeen("op c", in(Duration.ofMinutes(1))));
            assertThrows(IllegalArgumentException.class, () -> w.firstSeen("", in(Duration.ofMinutes(1))));
        }
    }

    /** Verifies that a last line torn by a crash is ignored without raising a barrier. */
    @Test
    void tornLastLineIsNotDamage() throws IOException {
        try (ReplayWindow w = open()) {
            w.firstSeen("op:c1", in(Duration.ofMinutes(5)));
        }
        Files.write(file(), "S 1795600000000 op:c2 12".getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        try (ReplayWindow w = open()) {
            assertNull(w.barrier());
            assertFalse(w.firstSeen("op:c1", in(Duration.ofMinutes(5))));
            assertTrue(w.firstSeen("op:c3", in(Duration.ofMinutes(5))));
        }
        assertEquals(0, quarantined().size());
    }

    /**
     * Verifies that a damaged record keeps the file aside, keeps the readable keys, and refuses any other key
     * that could have been lost, also after another restart, while later-expiring commands are accepted.
     */
    @Test
    void damageRaisesABarrierInsteadOfAcceptingReplays() throws IOException {
        try (ReplayWindow w = open()) {
            for (int i = 0; i < 5; i++) {
                w.firstSeen("op:c" + i, in(Duration.ofMinutes(5)));
            }
        }
        List<String> lines = Files.readAllLines(file());
        int damagedLine = lines.indexOf(lines.stream().filter(l -> l.contains("op:c2")).findFirst().orElseThrow());
        long offset = 0;
        for (int i = 0; i < damagedLine; i++) {
            offset += lines.get(i).length() + 1;
        }
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.seek(offset + 3);
            f.write('9');
        }
        for (int restart = 0; restart < 2; restart++) {
            try (ReplayWindow w = open()) {
                assertNotNull(w.barrier());
                assertEquals(T0.plus(Duration.ofHours(1)), w.barrier());
                assertFalse(w.firstSeen("op:c0", in(Duration.ofMinutes(5))), "readable key still known");
                assertThrows(ReplayWindowException.class, () -> w.firstSeen("op:c2", in(Duration.ofMinutes(5))),
                        "the damaged key must not be accepted");
                assertThrows(ReplayWindowException.class, () -> w.firstSeen("op:new", in(Duration.ofMinutes(59))));
            }
        }
        assertEquals(1, quarantined().size(), "damaged file kept for inspection");
        clock.advance(Duration.ofMinutes(30));
        try (ReplayWindow w = open()) {
            assertTrue(w.firstSeen("op:new", clock.instant().plus(Duration.ofMinutes(31))),
                    "expires after the barrier, so it cannot be a lost key");
        }
        clock.advance(Duration.ofMinutes(31));
        try (ReplayWindow w = open()) {
            assertNull(w.barrier());
            assertTrue(w.firstSeen("op:c2", clock.instant().plusSeconds(30)));
        }
    }

    /** Verifies that a file that is not a replay window at all raises the barrier too. */
    @Test
    void foreignFileRaisesABarrier() throws IOException {
        Files.writeString(file(), "hello\n");
        try (ReplayWindow w = open()) {
            assertNotNull(w.barrier());
            assertThrows(ReplayWindowException.class, () -> w.firstSeen("op:c", in(Duration.ofMinutes(1))));
        }
    }

    /** Verifies that a window that can neither be read nor replaced refuses to open with a typed error. */
    @Test
    void unreadableWindowRefusesToOpen() throws IOException {
        Files.createDirectories(file().resolve("occupied"));
        ReplayWindowException e = assertThrows(ReplayWindowException.class, this::open);
        assertTrue(e.getMessage().contains("replay window"), e.getMessage());
    }

    /** Verifies that concurrent callers with the same key get exactly one {@code true}. */
    @Test
    void exactlyOneConcurrentCallerWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ReplayWindow w = open()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = Stream.generate(() -> pool.submit(() -> {
                start.await();
                return w.firstSeen("op:same", in(Duration.ofMinutes(1)));
            })).limit(8).toList();
            start.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private List<Path> quarantined() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
        }
    }
}
