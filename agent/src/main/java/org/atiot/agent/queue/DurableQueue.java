package org.atiot.agent.queue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.atiot.agent.queue.internal.QueueMeta;
import org.atiot.agent.queue.internal.QueueRecovery;
import org.atiot.agent.queue.internal.RecordFormat;
import org.atiot.agent.queue.internal.Segment;
import org.atiot.agent.queue.internal.SegmentFormat;
import org.tinylog.Logger;

/**
 * A crash-safe FIFO of byte entries (the agent's encrypted batches) kept in a directory of segment files.
 *
 * <p><b>Why our own log.</b> Tape's {@code QueueFile} assumes a write is never torn and keeps no checksum per
 * record, so a power cut on an SD card can leave a file it rejects whole; it is also not among our dependencies.
 * H2's MVStore would add about 2 MB to a small jar. This log is a handful of small classes.
 *
 * <p><b>Files.</b> {@code seg-<base>.log} segments ({@link SegmentFormat}) hold records ({@link RecordFormat}),
 * each with a sync magic, its sequence and a CRC32C; {@code queue.meta} ({@link QueueMeta}) holds how far the
 * queue was consumed and the dropped count; {@code queue.lock} keeps a second process out.
 *
 * <p><b>Durability.</b> An append writes the record (data first) and is committed by a later {@code force}:
 * immediately when the fsync interval is zero, otherwise by the first append, acknowledgement or
 * {@link #awaitEntries(Duration)} after the interval has passed (group commit, no thread of its own), or by
 * {@link #flush()}. The consumer sees only committed entries, so a sequence number a receiver has seen is never
 * reused after a power cut. On open, a torn tail is cut off and damaged records are skipped, each reported once
 * in the log with offsets (see {@code QueueRecovery}); the queue never refuses to start over damaged data.
 *
 * <p><b>Consumption</b> is peek then {@link #acknowledge(long)} (at least once): an entry leaves only when
 * acknowledged, and the acknowledgement is durable at the next commit, so a restart re-delivers at most the
 * entries acknowledged since the last one.
 *
 * <p><b>Bound.</b> When the queued entries would exceed {@link QueueOptions#maxBytes()}, the oldest are dropped
 * and counted ({@link QueueStats#dropped()}). Fully consumed segments are deleted. A disk that fills up before
 * the bound is treated the same way: the oldest sealed segments are given up until the write fits.
 *
 * <p><b>Threads.</b> All methods are thread-safe; the intended use is one producer appending while one consumer
 * peeks, acknowledges and waits. Calls are serialised by one lock, held also while forcing to disk. Stop a
 * waiting consumer with {@link #close()} rather than an interrupt: the JDK closes a file channel when its
 * thread is interrupted during I/O, after which the queue must be reopened (no data is lost).
 */
public final class DurableQueue implements Closeable {
    private static final String LOCK_FILE = "queue.lock";

    private final QueueOptions options;
    private final long fsyncIntervalNanos;
    private final int maxPayloadBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Segment> segments;
    private final QueueMeta meta;
    private final FileChannel lockChannel;

    private long nextSequence;
    private long durableSequence;
    private long headSequence;
    private long dropped;
    private long depth;
    private long bytes;
    private long appended;
    private long bytesWritten;
    private long lastCommitNanos;
    private boolean uncommitted;
    private boolean closed;

    private DurableQueue(QueueOptions options, FileChannel lockChannel, QueueMeta meta, QueueRecovery recovered) {
        this.options = options;
        this.fsyncIntervalNanos = options.fsyncInterval().toNanos();
        this.maxPayloadBytes = options.maxPayloadBytes();
        this.lockChannel = lockChannel;
        this.meta = meta;
        this.segments = recovered.segments();
        this.headSequence = meta.headSequence();
        this.dropped = meta.dropped();
        this.nextSequence = recovered.lastSequence() + 1;
        this.durableSequence = recovered.lastSequence();
        for (Segment s : segments) {
            depth += s.queuedCount();
            bytes += s.queuedBytes();
        }
        this.lastCommitNanos = System.nanoTime();
    }

    /**
     * Opens the queue in {@link QueueOptions#directory()}, creating it if needed, and recovers what is on disk.
     *
     * @throws QueueException if the directory is in use by another process or cannot be read or written
     */
    public static DurableQueue open(QueueOptions options) throws IOException {
        Path dir = options.directory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new QueueException("cannot create queue directory " + dir + ": " + e.getMessage()
                    + "; check the [queue] dir setting and its permissions", e);
        }
        FileChannel lockChannel = lockDirectory(dir);
        QueueMeta meta = null;
        QueueRecovery recovered = null;
        try {
            meta = QueueMeta.open(dir);
            recovered = QueueRecovery.recover(dir, meta.headSequence());
            DurableQueue queue = new DurableQueue(options, lockChannel, meta, recovered);
            queue.startUp();
            return queue;
        } catch (IOException | RuntimeException e) {
            if (recovered != null) {
                for (Segment s : recovered.segments()) {
                    s.close();
                }
            }
            if (meta != null) {
                meta.close();
            }
            lockChannel.close();
            if (e instanceof QueueException || e instanceof RuntimeException) {
                throw e;
            }
            throw new QueueException("cannot open queue in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel lockDirectory(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock fileLock;
        try {
            fileLock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            fileLock = null;
        }
        if (fileLock == null) {
            ch.close();
            throw new QueueException("queue directory " + dir + " is in use by another queue (another atiot agent?); "
                    + "stop it or give this one a different [queue] dir");
        }
        return ch;
    }

    /** Makes what recovery found durable and ensures there is an active segment to append to. */
    private void startUp() throws IOException {
        for (Segment s : segments) {
            s.force();
        }
        Segment last = segments.peekLast();
        if (last == null || last.isSealed()) {
            segments.addLast(Segment.create(options.directory(), nextSequence));
            bytesWritten += SegmentFormat.HEADER_BYTES;
        }
        Logger.info("Queue {} opened: {} entries ({} bytes) waiting, next sequence {}, {} dropped so far",
                options.directory(), depth, bytes, nextSequence, dropped);
    }

    /**
     * Appends one entry. It becomes visible to the consumer once committed (see the class comment).
     *
     * @return the entry's sequence number: larger than any before, and stable across restarts
     * @throws IllegalArgumentException if the payload exceeds {@link QueueOptions#maxPayloadBytes()}
     * @throws QueueWriteException if the disk refused the write; the queue is unchanged
     */
    public long append(byte[] payload) throws IOException {
        if (payload.length > maxPayloadBytes) {
            throw new IllegalArgumentException("queue entry of " + payload.length + " bytes exceeds the limit of "
                    + maxPayloadBytes + " bytes for segments of " + options.segmentBytes() + " bytes");
        }
        lock.lock();
        try {
            ensureOpen();
            long sequence = nextSequence;
            ByteBuffer record = RecordFormat.encode(sequence, payload);
            while (true) {
                try {
                    writeRecord(record, sequence, payload.length);
                    break;
                } catch (QueueWriteException e) {
                    // A full disk is the byte bound arriving early: make room the same way, oldest first.
                    if (!dropOldestSegmentForSpace(e)) {
                        throw e;
                    }
                    record.rewind();
                }
            }
            nextSequence++;
            depth++;
            bytes += record.limit();
            appended++;
            bytesWritten += record.limit();
            uncommitted = true;
            dropOldestBeyondBound();
            commitIfDue();
            changed.signalAll();
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    private void writeRecord(ByteBuffer record, long sequence, int payloadLength) throws IOException {
        Segment active = activeSegmentFor(record.limit());
        try {
            active.append(record, sequence, payloadLength);
        } catch (IOException e) {
            throw new QueueWriteException("cannot append to queue segment " + active.path() + ": "
                    + e.getMessage() + "; free space on that file system (queued entries are intact)", e);
        }
    }

    /**
     * Drops the queued entries of the oldest segment and deletes it, so that a write refused for lack of space can
     * be tried again. False when nothing older than the segment being written is left to give up.
     */
    private boolean dropOldestSegmentForSpace(QueueWriteException cause) {
        Segment oldest = segments.peekFirst();
        if (segments.size() < 2 || !oldest.isSealed() || oldest == segments.peekLast()) {
            return false;
        }
        long before = dropped;
        while (oldest.hasQueued()) {
            removeHead(true);
        }
        int segmentsBefore = segments.size();
        reclaimConsumedSegments();
        if (segments.size() == segmentsBefore) {
            return false; // could not delete it: no space was won
        }
        Logger.warn("Disk full under {} ({}): dropped {} oldest queued entries to make room, {} dropped in total",
                options.directory(), cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage(),
                dropped - before, dropped);
        return true;
    }

    private Segment activeSegmentFor(int recordBytes) throws IOException {
        Segment active = segments.peekLast();
        boolean full = active.size() > SegmentFormat.HEADER_BYTES
                && active.size() + recordBytes > options.segmentBytes();
        if (!active.isSealed() && !full) {
            return active;
        }
        try {
            if (uncommitted) {
                active.force();
            }
            Segment next = Segment.create(options.directory(), nextSequence);
            active.seal();
            segments.addLast(next);
            bytesWritten += SegmentFormat.HEADER_BYTES;
            reclaimConsumedSegments();
            return next;
        } catch (IOException e) {
            throw new QueueWriteException("cannot start queue segment " + SegmentFormat.fileName(nextSequence)
                    + " in " + options.directory() + ": " + e.getMessage()
                    + "; free space on that file system (queued entries are intact)", e);
        }
    }

    private void dropOldestBeyondBound() throws IOException {
        long before = dropped;
        while (bytes > options.maxBytes() && depth > 1) {
            removeHead(true);
        }
        if (dropped > before) {
            Logger.warn("Queue full ({} bytes max): dropped {} oldest entries, {} in total",
                    options.maxBytes(), dropped - before, dropped);
            reclaimConsumedSegments();
        }
    }

    /**
     * The oldest committed entry, without removing it; {@code null} if there is none. An entry that no longer
     * passes its checksum (storage damage since open) is dropped, counted and logged, and the next one returned.
     */
    public QueueEntry peek() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            while (hasCommittedEntry()) {
                Segment head = headSegment();
                long sequence = head.headSequence();
                byte[] payload;
                try {
                    payload = head.readHead();
                } catch (IOException e) {
                    throw new QueueException("cannot read queue entry " + sequence + " from " + head.path() + ": "
                            + e.getMessage(), e);
                }
                if (payload != null) {
                    return new QueueEntry(sequence, payload);
                }
                Logger.warn("Queue entry {} at offset {} of {} fails its checksum (storage damage); dropped it",
                        sequence, head.headOffset(), head.path().getFileName());
                removeHead(true);
                reclaimConsumedSegments();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every entry up to and including {@code sequence}. Acknowledging an entry that was already removed
     * (acknowledged or dropped) does nothing.
     *
     * @throws IllegalArgumentException if {@code sequence} was never handed out by {@link #peek()}
     */
    public void acknowledge(long sequence) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (sequence > durableSequence) {
                throw new IllegalArgumentException("cannot acknowledge queue entry " + sequence
                        + ": the newest committed entry is " + durableSequence);
            }
            while (depth > 0 && headSegment().headSequence() <= sequence) {
                removeHead(false);
            }
            if (sequence > headSequence) {
                headSequence = sequence;
                meta.update(headSequence, dropped);
            }
            reclaimConsumedSegments();
            commitIfDue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a committed entry is available, committing pending appends itself when the fsync interval
     * has passed.
     *
     * @return {@code true} if {@link #peek()} will return an entry; {@code false} on timeout or once closed
     */
    public boolean awaitEntries(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed) {
                if (hasCommittedEntry()) {
                    return true;
                }
                long now = System.nanoTime();
                if (uncommitted && now - lastCommitNanos >= fsyncIntervalNanos) {
                    commit();
                    continue;
                }
                long wait = deadline - now;
                if (wait <= 0) {
                    return false;
                }
                if (uncommitted) {
                    wait = Math.min(wait, lastCommitNanos + fsyncIntervalNanos - now);
                }
                changed.awaitNanos(wait);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forces every append and acknowledgement so far to the storage device and makes the entries visible.
     *
     * @return the newest committed sequence ({@link QueueStats#NO_SEQUENCE} if none was ever appended)
     */
    public long flush() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            commit();
            return durableSequence;
        } finally {
            lock.unlock();
        }
    }

    public QueueStats stats() {
        lock.lock();
        try {
            long oldest = depth > 0 ? headSegment().headSequence() : QueueStats.NO_SEQUENCE;
            return new QueueStats(depth, bytes, dropped, appended, bytesWritten, oldest, nextSequence - 1,
                    durableSequence);
        } finally {
            lock.unlock();
        }
    }

    public QueueOptions options() {
        return options;
    }

    /** Commits what is pending, then closes the files. Later calls other than this and stats fail. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            IOException failure = null;
            try {
                commit();
            } catch (IOException e) {
                failure = e;
            }
            for (Segment s : segments) {
                try {
                    s.close();
                } catch (IOException e) {
                    failure = addFailure(failure, e);
                }
            }
            try {
                meta.close();
            } catch (IOException e) {
                failure = addFailure(failure, e);
            }
            try {
                lockChannel.close();
            } catch (IOException e) {
                failure = addFailure(failure, e);
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    private static IOException addFailure(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private boolean hasCommittedEntry() {
        return depth > 0 && headSegment().headSequence() <= durableSequence;
    }

    /** The oldest segment with a queued entry; only valid when {@code depth > 0}. */
    private Segment headSegment() {
        for (Segment s : segments) {
            if (s.hasQueued()) {
                return s;
            }
        }
        throw new IllegalStateException("queue depth " + depth + " but no segment holds an entry");
    }

    private void removeHead(boolean drop) {
        Segment head = headSegment();
        long sequence = head.headSequence();
        bytes -= RecordFormat.recordBytes(head.headPayloadLength());
        depth--;
        head.removeHead();
        if (drop) {
            dropped++;
            headSequence = Math.max(headSequence, sequence);
            meta.update(headSequence, dropped);
        }
    }

    /** Deletes sealed segments at the front that hold nothing queued, reclaiming their space. */
    private void reclaimConsumedSegments() {
        while (segments.size() > 1) {
            Segment oldest = segments.peekFirst();
            if (!oldest.isSealed() || oldest.hasQueued()) {
                return;
            }
            segments.removeFirst();
            try {
                oldest.delete();
            } catch (IOException e) {
                // Harmless for correctness: its entries are consumed and recovery skips them by sequence.
                Logger.warn("Cannot delete consumed queue segment {}: {}", oldest.path(), e.getMessage());
            }
        }
    }

    private void commitIfDue() throws IOException {
        if (fsyncIntervalNanos == 0 || System.nanoTime() - lastCommitNanos >= fsyncIntervalNanos) {
            commit();
        }
    }

    private void commit() throws IOException {
        try {
            if (uncommitted) {
                segments.peekLast().force();
            }
            int metaBytes = meta.write();
            if (metaBytes > 0) {
                bytesWritten += metaBytes;
                meta.force();
            }
        } catch (IOException e) {
            throw new QueueException("cannot force queue data in " + options.directory() + " to disk: "
                    + e.getMessage(), e);
        }
        uncommitted = false;
        durableSequence = nextSequence - 1;
        lastCommitNanos = System.nanoTime();
        changed.signalAll();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("queue " + options.directory() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "DurableQueue{" + options.directory() + '}';
    }
}
