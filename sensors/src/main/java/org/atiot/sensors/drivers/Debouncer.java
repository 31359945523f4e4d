package org.atiot.sensors.drivers;

/**
 * Accepts a level only after it has been stable for the debounce time. Works from edge timestamps alone, so it
 * needs no timer thread: each raw edge settles the level that preceded it, and {@link #settle} settles the
 * current one. Thread-safe (edges arrive on a provider thread).
 */
final class Debouncer {
    private final long debounceNanos;
    private boolean rawLevel;
    private long rawSince;
    private boolean stableLevel;
    private long edges;
    private long risingEdges;

    Debouncer(boolean initialLevel, long nowNanos, long debounceNanos) {
        this.debounceNanos = debounceNanos;
        this.rawLevel = initialLevel;
        this.stableLevel = initialLevel;
        this.rawSince = nowNanos;
    }

    synchronized void onRawEdge(boolean level, long atNanos) {
        settle(atNanos);
        if (level != rawLevel) {
            rawLevel = level;
            rawSince = atNanos;
        }
    }

    /** Commits the raw level if it has held for the debounce time by {@code nowNanos}. */
    synchronized void settle(long nowNanos) {
        if (rawLevel != stableLevel && nowNanos - rawSince >= debounceNanos) {
            stableLevel = rawLevel;
            edges++;
            if (stableLevel) {
                risingEdges++;
            }
        }
    }

    synchronized boolean stableLevel() {
        return stableLevel;
    }

    synchronized long edges() {
        return edges;
    }

    synchronized long risingEdges() {
        return risingEdges;
    }
}
