package org.atiot.agent.queue.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tinylog.Logger;

/**
 * Reopens the segment files of a queue directory after a restart or crash, oldest first.
 *
 * <p>What it does with damage, each reported in one log line with file offsets:
 * <ul>
 *   <li>a torn tail of the newest segment (an interrupted append) is cut off, and appends continue there;</li>
 *   <li>damaged bytes between valid records are skipped and the segment is sealed (appends go to a new one);</li>
 *   <li>a damaged segment with nothing left to deliver is renamed {@code *.corrupt-<time>}, never silently deleted;</li>
 *   <li>a segment whose records were all consumed is deleted.</li>
 * </ul>
 */
public final class QueueRecovery {
    private final long headSequence;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private long lastSequence;
    /** Records must have larger sequences than this to be valid: the previous segment's last one. */
    private long scanFloor;
    private long damagedBytes;

    private QueueRecovery(long headSequence) {
        this.headSequence = headSequence;
        this.lastSequence = headSequence;
    }

    /**
     * @param headSequence entries up to this one were consumed (from {@link QueueMeta})
     * @return the recovered segments, oldest first; the last one is unsealed only if appends may continue in it
     */
    public static QueueRecovery recover(Path directory, long headSequence) throws IOException {
        QueueRecovery recovery = new QueueRecovery(headSequence);
        List<Path> files = segmentFiles(directory);
        try {
            for (int i = 0; i < files.size(); i++) {
                recovery.recoverOne(files.get(i), i == files.size() - 1);
            }
        } catch (IOException | RuntimeException e) {
            for (Segment s : recovery.segments) {
                try {
                    s.close();
                } catch (IOException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw e;
        }
        return recovery;
    }

    /** Oldest first. */
    public ArrayDeque<Segment> segments() {
        return segments;
    }

    /** The largest sequence ever used, as far as the disk tells: the next append gets a larger one. */
    public long lastSequence() {
        return lastSequence;
    }

    private static List<Path> segmentFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory, "seg-*.log")) {
            for (Path p : dir) {
                if (SegmentFormat.baseSequenceOf(p) >= 0) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparingLong(SegmentFormat::baseSequenceOf));
        return files;
    }

    private void recoverOne(Path file, boolean newest) throws IOException {
        long base = SegmentFormat.baseSequenceOf(file);
        lastSequence = Math.max(lastSequence, base - 1);
        // Consumed records are valid records, not damage: they are dropped below by sequence, silently.
        scanFloor = Math.max(scanFloor, base - 1);
        long fileSize = Files.size(file);
        if (fileSize <= SegmentFormat.HEADER_BYTES && newest) {
            // Created by an append that never completed; holds no record.
            Files.delete(file);
            Logger.info("Removed queue segment {} left empty by an interrupted append", file.getFileName());
            return;
        }
        ScannedSegment scanned = SegmentScanner.scan(file, base, scanFloor);
        Segment segment = scanned.segment();
        boolean cutTail = newest && scanned.isCleanApartFromTail() && scanned.tornTailOffset() >= 0;
        reportDamage(scanned, cutTail);
        if (!segment.hasQueued() && !scanned.isCleanApartFromTail()) {
            segment.close();
            quarantine(file);
            return;
        }
        lastSequence = Math.max(lastSequence, segment.lastSequence());
        scanFloor = Math.max(scanFloor, segment.lastSequence());
        while (segment.hasQueued() && segment.headSequence() <= headSequence) {
            segment.removeHead();
        }
        if (cutTail) {
            segment.truncateFile();
        }
        if (!newest || !scanned.isCleanApartFromTail()) {
            segment.seal();
        }
        if (segment.isSealed() && !segment.hasQueued()) {
            segment.delete();
            return;
        }
        segments.addLast(segment);
    }

    /** Bytes skipped as damaged in the middle of segments (torn tails not counted). */
    public long damagedBytes() {
        return damagedBytes;
    }

    private void reportDamage(ScannedSegment scanned, boolean cutTail) {
        String name = scanned.segment().toString();
        for (long[] range : scanned.damagedRanges()) {
            damagedBytes += range[1] - range[0];
        }
        if (scanned.headerProblem() != null) {
            Logger.warn("Queue segment {} has a damaged header ({}); reading its records anyway", name,
                    scanned.headerProblem());
        }
        for (long[] range : scanned.damagedRanges()) {
            Logger.warn("Queue segment {}: skipped {} damaged bytes at offsets {}..{}; the records after them are kept",
                    name, range[1] - range[0], range[0], range[1]);
        }
        long tail = scanned.tornTailOffset();
        if (tail >= 0 && cutTail) {
            Logger.warn("Queue segment {}: dropped a torn tail of {} bytes at offsets {}..{} (an interrupted write)",
                    name, scanned.fileSize() - tail, tail, scanned.fileSize());
        } else if (tail >= 0) {
            Logger.warn("Queue segment {}: {} unreadable bytes at offsets {}..{} left in place; the segment is sealed",
                    name, scanned.fileSize() - tail, tail, scanned.fileSize());
        }
    }

    private void quarantine(Path file) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        Logger.warn("Queue segment {} holds no readable record; kept it as {} for inspection",
                file.getFileName(), target.getFileName());
    }
}
