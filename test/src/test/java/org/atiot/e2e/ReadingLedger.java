package org.atiot.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;

/** What an operator received, by boot and sequence: the evidence fault tests judge loss and order by. */
final class ReadingLedger implements OperatorListener {
    private final TreeMap<Long, TreeSet<Long>> byBoot = new TreeMap<>();
    private final List<TelemetryReading> all = new ArrayList<>();
    private final Set<String> batches = new HashSet<>();

    @Override
    public synchronized void onTelemetry(AtSign device, SequenceReport report) {
        batches.add(report.batch().bootNumber() + "/" + report.batch().firstSequence());
        for (TelemetryReading r : report.freshReadings()) {
            byBoot.computeIfAbsent(report.batch().bootNumber(), b -> new TreeSet<>()).add(r.sequence());
            all.add(r);
        }
        notifyAll();
    }

    /** Distinct batches (notifications) received, duplicates from replay counted once. */
    synchronized int batchCount() {
        return batches.size();
    }

    synchronized long lastBoot() {
        return byBoot.isEmpty() ? 0 : byBoot.lastKey();
    }

    synchronized Map<Long, TreeSet<Long>> byBoot() {
        TreeMap<Long, TreeSet<Long>> copy = new TreeMap<>();
        byBoot.forEach((boot, seqs) -> copy.put(boot, new TreeSet<>(seqs)));
        return copy;
    }

    /** The highest sequence received in the latest boot, 0 before any. */
    synchronized long lastSequence() {
        return byBoot.isEmpty() ? 0 : byBoot.lastEntry().getValue().last();
    }

    synchronized long count(Predicate<TelemetryReading> which) {
        return all.stream().filter(which).count();
    }

    synchronized List<TelemetryReading> readings() {
        return List.copyOf(all);
    }

    /** Waits until {@code done} holds (checked on each arrival and every 200 ms); false on timeout. */
    synchronized boolean await(Predicate<ReadingLedger> done, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!done.test(this)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 200));
        }
        return true;
    }

    /** Sequences missing inside each boot, counting from {@code firstExpected}: every boot starts there. */
    synchronized List<String> holes(long firstExpected) {
        List<String> holes = new ArrayList<>();
        for (Map.Entry<Long, TreeSet<Long>> boot : byBoot.entrySet()) {
            long expected = firstExpected;
            for (long s : boot.getValue()) {
                if (s != expected) {
                    holes.add("boot " + boot.getKey() + " lacks " + expected + ".." + (s - 1));
                }
                expected = s + 1;
            }
        }
        return holes;
    }
}
