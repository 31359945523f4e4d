package org.atiot.agent.queue.internal;

import java.util.List;

/** What {@link SegmentScanner} found in one file: the indexed segment and any damage, with file offsets. */
public final class ScannedSegment {
    private final Segment segment;
    private final String headerProblem;
    private final List<long[]> damagedRanges;
    private final long tornTailOffset;
    private final long fileSize;

    ScannedSegment(Segment segment, String headerProblem, List<long[]> damagedRanges, long tornTailOffset,
                   long fileSize) {
        this.segment = segment;
        this.headerProblem = headerProblem;
        this.damagedRanges = List.copyOf(damagedRanges);
        this.tornTailOffset = tornTailOffset;
        this.fileSize = fileSize;
    }

    public Segment segment() {
        return segment;
    }

    /** Why the header is invalid, or {@code null}. */
    public String headerProblem() {
        return headerProblem;
    }

    /** {@code [from, to)} byte ranges skipped between valid records. */
    public List<long[]> damagedRanges() {
        return damagedRanges;
    }

    /** Offset where unreadable bytes run to the end of the file, or -1 if the file ends cleanly. */
    public long tornTailOffset() {
        return tornTailOffset;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Nothing unexpected apart from, possibly, a torn tail. */
    public boolean isCleanApartFromTail() {
        return headerProblem == null && damagedRanges.isEmpty();
    }
}
