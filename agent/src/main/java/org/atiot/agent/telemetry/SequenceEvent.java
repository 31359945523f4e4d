package org.atiot.agent.telemetry;

import java.util.Objects;
import org.atiot.core.AtSign;

/** Something a receiver should know about the order of a device's readings; see {@link SequenceTracker}. */
public final class SequenceEvent {
    /** What happened. */
    public enum Kind {
        /** The device started a new run (boot number rose); sequences restart at 1. */
        NEW_BOOT,
        /** Readings {@code from..to} of the run (at most; a subscription may skip sensors) never arrived. */
        GAP,
        /** {@code count} readings in {@code from..to} had been seen before and were left out. */
        DUPLICATE,
        /** {@code count} readings in {@code from..to} arrived after later ones (e.g. filling an earlier gap). */
        LATE
    }

    private final Kind kind;
    private final AtSign device;
    private final long bootNumber;
    private final long from;
    private final long to;
    private final long count;

    SequenceEvent(Kind kind, AtSign device, long bootNumber, long from, long to, long count) {
        this.kind = kind;
        this.device = device;
        this.bootNumber = bootNumber;
        this.from = from;
        this.to = to;
        this.count = count;
    }

    public Kind kind() {
        return kind;
    }

    public AtSign device() {
        return device;
    }

    public long bootNumber() {
        return bootNumber;
    }

    /** First sequence concerned (for {@link Kind#NEW_BOOT}: the previous boot number). */
    public long from() {
        return from;
    }

    /** Last sequence concerned (for {@link Kind#NEW_BOOT}: the new boot number). */
    public long to() {
        return to;
    }

    /** Readings concerned (for a gap: the width of the sequence range). */
    public long count() {
        return count;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SequenceEvent)) {
            return false;
        }
        SequenceEvent e = (SequenceEvent) o;
        return kind == e.kind && device.equals(e.device) && bootNumber == e.bootNumber && from == e.from
                && to == e.to && count == e.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, device, bootNumber, from, to);
    }

    /** A one-line description for an operator. */
    @Override
    public String toString() {
        switch (kind) {
            case NEW_BOOT:
                return device + " restarted: boot " + from + " -> " + to;
            case GAP:
                return device + " boot " + bootNumber + ": gap, readings #" + from + ".." + to + " missing";
            case DUPLICATE:
                return device + " boot " + bootNumber + ": " + count + " duplicate reading(s) in #" + from + ".." + to
                        + " ignored";
            default:
                return device + " boot " + bootNumber + ": " + count + " reading(s) in #" + from + ".." + to
                        + " arrived late";
        }
    }
}
