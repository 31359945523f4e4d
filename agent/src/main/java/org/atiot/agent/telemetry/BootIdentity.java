package org.atiot.agent.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Who this run of the agent is, for ordering readings without trusting the wall clock.
 *
 * <ul>
 *   <li>{@link #bootId()}: a random UUID per process start, so receivers never merge two runs.</li>
 *   <li>{@link #bootNumber()}: a counter persisted in the state directory and incremented on every start, so
 *       receivers can order runs even when the clock was not set (a Pi has no RTC).</li>
 *   <li>{@link #nextSequence()}: a per-boot reading sequence, 1, 2, 3, ...</li>
 *   <li>{@link #monotonicMillis(long)}: monotonic milliseconds since the start, which stay correct while the wall
 *       clock jumps at synchronisation.</li>
 * </ul>
 *
 * <p>The counter is written to a temporary file, forced to disk and renamed over the old one, so a power cut
 * leaves either the old or the new number, never a torn file. Thread-safe.
 */
public final class BootIdentity {
    /** File name of the boot counter inside the state directory. */
    public static final String BOOT_COUNTER_FILE = "boot-number";

    private final UUID bootId;
    private final long bootNumber;
    private final long startNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastSequence = new AtomicLong();

    private BootIdentity(UUID bootId, long bootNumber, LongSupplier nanoTime) {
        this.bootId = bootId;
        this.bootNumber = bootNumber;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** Advances the persisted boot counter in {@code stateDir} (created if missing) and starts a new boot. */
    public static BootIdentity start(Path stateDir) throws BootStateException {
        return start(stateDir, System::nanoTime);
    }

    /** As {@link #start(Path)} with a given monotonic clock (nanoseconds, like {@link System#nanoTime()}). */
    public static BootIdentity start(Path stateDir, LongSupplier nanoTime) throws BootStateException {
        Path counter = stateDir.resolve(BOOT_COUNTER_FILE);
        long next = readCounter(counter) + 1;
        writeCounter(stateDir, counter, next);
        return new BootIdentity(UUID.randomUUID(), next, nanoTime);
    }

    /** A boot that is not persisted, for tools and tests that only need the numbering. */
    public static BootIdentity ephemeral(long bootNumber, LongSupplier nanoTime) {
        if (bootNumber < 1) {
            throw new IllegalArgumentException("boot number must be >= 1, got " + bootNumber);
        }
        return new BootIdentity(UUID.randomUUID(), bootNumber, nanoTime);
    }

    public UUID bootId() {
        return bootId;
    }

    /** 1 for the first start on this device, then one more on every start. */
    public long bootNumber() {
        return bootNumber;
    }

    /** The next reading sequence number of this boot; the first call returns 1. */
    public long nextSequence() {
        return lastSequence.incrementAndGet();
    }

    /** The last sequence number handed out (0 before the first). */
    public long lastSequence() {
        return lastSequence.get();
    }

    /** Monotonic milliseconds from the start of this boot to {@code nanos} (a value of the same clock). */
    public long monotonicMillis(long nanos) {
        return Math.max(0, (nanos - startNanos) / 1_000_000);
    }

    /** Monotonic milliseconds from the start of this boot until now. */
    public long monotonicMillis() {
        return monotonicMillis(nanoTime.getAsLong());
    }

    /** The monotonic clock this boot measures with. */
    public LongSupplier nanoTime() {
        return nanoTime;
    }

    private static long readCounter(Path counter) throws BootStateException {
        String text;
        try {
            // Latin-1 decodes any byte, so garbage is reported as corrupt content rather than as an I/O error.
            text = new String(Files.readAllBytes(counter), StandardCharsets.ISO_8859_1).strip();
        } catch (NoSuchFileException firstStart) {
            return 0;
        } catch (IOException e) {
            throw new BootStateException("cannot read the boot counter " + counter + ": " + e.getMessage()
                    + "; check the state directory's permissions", e);
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            // Refuse rather than restart at 1: receivers order boots by this number.
            throw new BootStateException("the boot counter " + counter + " is corrupt (expected a decimal number, got '"
                    + abbreviate(text) + "'); write the last known boot number into it, or a number larger than any"
                    + " boot the receivers have seen");
        }
    }

    private static void writeCounter(Path stateDir, Path counter, long value) throws BootStateException {
        Path tmp = stateDir.resolve(BOOT_COUNTER_FILE + ".tmp");
        try {
            Files.createDirectories(stateDir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            try {
                Files.move(tmp, counter, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, counter, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(stateDir);
        } catch (IOException e) {
            throw new BootStateException("cannot write the boot counter " + counter + ": " + e.getMessage()
                    + "; check that the state directory exists, is writable and the disk is not full", e);
        }
    }

    /** Makes the rename durable; not every file system allows opening a directory, which is then tolerated. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // The rename itself has happened; only its durability across a power cut is weaker here.
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
