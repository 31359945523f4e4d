package org.atiot.agent.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.atiot.core.AtSign;

/**
 * Follows the reading sequences of the devices a receiver watches and reports gaps, duplicates, late arrivals
 * and restarts (by boot number and sequence, never by wall-clock time).
 *
 * <p>Gaps are found through the batches' {@code prev} chain: a batch saying its predecessor ended at sequence
 * 40 when the last one seen ended at 30 means the batch covering 31..40 is missing. Watching from the middle of a
 * run reports no gap for what came before.
 *
 * <p>Memory is bounded: {@value #MAX_RUNS} runs and devices are followed at once (least recently active
 * forgotten first), each remembering its last {@code remembered} sequence numbers. A reading older than what a
 * run still remembers is treated as a duplicate, because it cannot be told apart from one. Thread-safe.
 */
public final class SequenceTracker {
    /** How many recent sequence numbers each run remembers for duplicate detection. */
    public static final int DEFAULT_REMEMBERED = 4096;
    /** Runs (device and boot) followed at once. */
    public static final int MAX_RUNS = 256;

    private final int remembered;
    private final Map<AtSign, Long> latestBoot = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<AtSign, Long> eldest) {
            return size() > MAX_RUNS;
        }
    };
    private final Map<RunKey, Run> runs = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<RunKey, Run> eldest) {
            return size() > MAX_RUNS;
        }
    };

    public SequenceTracker() {
        this(DEFAULT_REMEMBERED);
    }

    public SequenceTracker(int remembered) {
        if (remembered < 1) {
            throw new IllegalArgumentException("remembered must be >= 1, got " + remembered);
        }
        this.remembered = remembered;
    }

    /** Accounts for {@code batch} and returns its fresh readings and what was noticed. */
    public synchronized SequenceReport track(TelemetryBatch batch) {
        List<SequenceEvent> events = new ArrayList<>(2);
        AtSign device = batch.device();
        long boot = batch.bootNumber();
        Long previousBoot = latestBoot.get(device);
        if (previousBoot == null || boot > previousBoot) {
            if (previousBoot != null) {
                events.add(new SequenceEvent(SequenceEvent.Kind.NEW_BOOT, device, boot, previousBoot, boot, 0));
            }
            latestBoot.put(device, boot);
        }
        RunKey key = new RunKey(device, batch.bootId());
        Run run = runs.get(key);
        if (run == null) {
            run = new Run();
            runs.put(key, run);
        } else if (batch.previousSequence() > run.highest) {
            long from = run.highest + 1;
            long to = batch.previousSequence();
            events.add(new SequenceEvent(SequenceEvent.Kind.GAP, device, boot, from, to, to - from + 1));
        }

        List<TelemetryReading> fresh = new ArrayList<>(batch.readings().size());
        Range duplicates = new Range();
        Range late = new Range();
        for (TelemetryReading r : batch.readings()) {
            long seq = r.sequence();
            if (seq <= run.forgottenUpTo || run.seen.contains(seq)) {
                duplicates.add(seq);
                continue;
            }
            if (seq < run.highest) {
                late.add(seq);
            }
            fresh.add(r);
            run.seen.add(seq);
            if (run.seen.size() > remembered) {
                run.forgottenUpTo = run.seen.pollFirst();
            }
        }
        run.highest = Math.max(run.highest, batch.lastSequence());
        if (duplicates.count > 0) {
            events.add(duplicates.event(SequenceEvent.Kind.DUPLICATE, device, boot));
        }
        if (late.count > 0) {
            events.add(late.event(SequenceEvent.Kind.LATE, device, boot));
        }
        return new SequenceReport(batch, fresh, events);
    }

    /** One run's state: the highest sequence seen and a window of the sequences seen. */
    private static final class Run {
        private final TreeSet<Long> seen = new TreeSet<>();
        private long highest;
        private long forgottenUpTo;
    }

    private static final class RunKey {
        private final AtSign device;
        private final UUID bootId;

        RunKey(AtSign device, UUID bootId) {
            this.device = device;
            this.bootId = bootId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RunKey && ((RunKey) o).device.equals(device) && ((RunKey) o).bootId.equals(bootId);
        }

        @Override
        public int hashCode() {
            return device.hashCode() * 31 + bootId.hashCode();
        }
    }

    /** Collects sequences for one summarising event. */
    private static final class Range {
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private long count;

        void add(long seq) {
            min = Math.min(min, seq);
            max = Math.max(max, seq);
            count++;
        }

        SequenceEvent event(SequenceEvent.Kind kind, AtSign device, long boot) {
            return new SequenceEvent(kind, device, boot, min, max, count);
        }
    }
}
