package org.atiot.agent.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.atiot.agent.control.internal.ReplayFile;
import org.tinylog.Logger;

/**
 * The persisted set of command keys already processed, each kept until the command expires, so that a replayed
 * command is recognised even after a restart. Pass {@code replayWindow::firstSeen} as the command processor's
 * replay guard. Thread-safe.
 *
 * <p><b>Damage never lets a replay through.</b> If the file cannot be read or a record in it is damaged, the
 * file is kept as {@code <name>.corrupt-<time>}, the readable keys are kept, and a <em>barrier</em> is persisted:
 * any key not in the window whose command expires before {@code now + maxLifetime} might be one of the lost keys,
 * so {@link #firstSeen} refuses it with a {@link ReplayWindowException}. Commands expiring later cannot have been
 * seen before the damage and are accepted normally. (An operator who has checked may delete the file while the
 * agent is stopped, to lift the barrier.) A last line torn by a power cut is not damage: it was never confirmed.
 *
 * <p><b>Bounded.</b> Expired keys are dropped; when {@code maxEntries} unexpired keys are held, new commands are
 * refused rather than forgetting a key early.
 */
public final class ReplayWindow implements Closeable {
    /** Enough for one command every 10 s for a day, at about 100 bytes each in memory and on disk. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** The longest a command may stay valid from now; matches the command format's own limit. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofDays(1);
    /** Keys are {@code sender:commandId}; longer ones are refused. */
    public static final int MAX_KEY_LENGTH = 256;

    private final Path file;
    private final int maxEntries;
    private final long maxLifetimeMillis;
    private final Clock clock;
    private final Map<String, Long> entries;
    private long barrier;
    private FileChannel appender;
    private int recordsInFile;

    private ReplayWindow(Path file, int maxEntries, Duration maxLifetime, Clock clock, Map<String, Long> entries,
                         long barrier) {
        this.file = file;
        this.maxEntries = maxEntries;
        this.maxLifetimeMillis = maxLifetime.toMillis();
        this.clock = clock;
        this.entries = entries;
        this.barrier = barrier;
    }

    /** Opens or creates the window in {@code file} with the defaults. */
    public static ReplayWindow open(Path file) throws IOException {
        return open(file, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_LIFETIME, Clock.systemUTC());
    }

    /**
     * Opens or creates the window. The file is rewritten compactly; damage is handled as the class comment says.
     *
     * @throws ReplayWindowException if the file can neither be read nor set aside, or cannot be rewritten
     */
    public static ReplayWindow open(Path file, int maxEntries, Duration maxLifetime, Clock clock) throws IOException {
        Objects.requireNonNull(file, "file");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        long now = clock.millis();
        Map<String, Long> entries = new HashMap<>();
        long barrier = 0;
        if (Files.exists(file)) {
            ReplayFile.Contents contents;
            String problem;
            try {
                contents = ReplayFile.read(file, now);
                problem = contents.problem;
            } catch (IOException e) {
                contents = new ReplayFile.Contents();
                problem = "cannot read it: " + e.getMessage();
            }
            entries.putAll(contents.entries);
            barrier = contents.barrier;
            if (problem != null) {
                barrier = Math.max(barrier, now + maxLifetime.toMillis());
                Path kept = quarantine(file);
                Logger.error("Replay window {} is damaged ({}); kept it as {}. Commands expiring before {} that are "
                        + "not in the readable part will be refused", file, problem, kept.getFileName(),
                        Instant.ofEpochMilli(barrier));
            } else if (contents.tornTail) {
                Logger.warn("Replay window {}: ignored a last line cut short by an interrupted write", file);
            }
        }
        ReplayWindow window = new ReplayWindow(file, maxEntries, maxLifetime, clock, entries, barrier);
        window.rewrite(now);
        return window;
    }

    private static Path quarantine(Path file) throws ReplayWindowException {
        Path kept = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
        try {
            Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException copyFailure) {
            try {
                Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailure) {
                throw new ReplayWindowException("replay window " + file + " is damaged and cannot be set aside ("
                        + moveFailure.getMessage() + "); commands cannot be checked for replays. Fix the file "
                        + "system or remove the file while the agent is stopped", moveFailure);
            }
        }
        return kept;
    }

    /**
     * Records {@code key} until {@code expiresAt} and returns {@code true} if it was not seen before; the record
     * is on disk before this returns {@code true}. A command that has already expired is not recorded (it will
     * be rejected as expired anyway) and returns {@code true} unless its key is still held.
     *
     * @throws ReplayWindowException if the key cannot be vouched for: inside a damage barrier, expiring further
     *         ahead than the maximum lifetime, the window is full, or the disk refused the write
     * @throws IllegalArgumentException if the key is empty, longer than {@value #MAX_KEY_LENGTH} or has
     *         whitespace or control characters
     */
    public synchronized boolean firstSeen(String key, Instant expiresAt) throws IOException {
        checkKey(key);
        ensureOpen();
        long now = clock.millis();
        long expires = expiresAt.toEpochMilli();
        Long held = entries.get(key);
        if (held != null && held > now) {
            return false;
        }
        if (expires <= now) {
            return true;
        }
        if (expires > now + maxLifetimeMillis) {
            throw new ReplayWindowException("command '" + key + "' expires at " + expiresAt + ", more than "
                    + Duration.ofMillis(maxLifetimeMillis) + " ahead; it cannot be tracked for replays");
        }
        if (expires <= barrier) {
            throw new ReplayWindowException("the replay window was damaged; command '" + key + "' expires before "
                    + Instant.ofEpochMilli(barrier) + " and cannot be checked for a replay, so it is refused");
        }
        if (entries.size() >= maxEntries) {
            evictExpired(now);
            if (entries.size() >= maxEntries) {
                throw new ReplayWindowException("the replay window holds " + entries.size()
                        + " unexpired commands, its limit; refusing more until some expire");
            }
        }
        append(ReplayFile.seenRecord(key, expires));
        entries.put(key, expires);
        recordsInFile++;
        if (recordsInFile > 2 * entries.size() + 64) {
            evictExpired(now);
            rewrite(now);
        }
        return true;
    }

    /** Keys currently held (expired ones may linger until the next compaction). */
    public synchronized int size() {
        return entries.size();
    }

    /** Until when keys not held are refused because of earlier damage; {@code null} if there is no barrier. */
    public synchronized Instant barrier() {
        return barrier > clock.millis() ? Instant.ofEpochMilli(barrier) : null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }

    private void append(String record) throws IOException {
        long sizeBefore = appender.size();
        try {
            ReplayFile.write(appender, record);
            appender.force(false);
        } catch (IOException e) {
            try {
                appender.truncate(sizeBefore);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
            }
            throw new ReplayWindowException("cannot record command in replay window " + file + ": " + e.getMessage()
                    + "; the command is refused (free disk space?)", e);
        }
    }

    private void rewrite(long now) throws IOException {
        evictExpired(now);
        try {
            if (appender != null) {
                appender.close();
                appender = null;
            }
            ReplayFile.rewrite(file, entries, barrier, now);
            appender = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ReplayWindowException("cannot write replay window " + file + ": " + e.getMessage()
                    + "; commands are refused until it can be written", e);
        }
        recordsInFile = entries.size();
    }

    private void evictExpired(long now) {
        for (Iterator<Long> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next() <= now) {
                it.remove();
            }
        }
    }

    private void ensureOpen() throws ReplayWindowException {
        if (appender == null) {
            throw new ReplayWindowException("replay window " + file + " is closed or could not be written");
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH
                || key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("replay key must be 1 to " + MAX_KEY_LENGTH
                    + " characters without whitespace or control characters");
        }
    }
}
