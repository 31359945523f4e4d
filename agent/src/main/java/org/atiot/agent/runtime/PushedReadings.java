package org.atiot.agent.runtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.atiot.agent.scheduler.Sample;
import org.atiot.agent.telemetry.BootIdentity;
import org.atiot.agent.telemetry.TelemetryReading;
import org.tinylog.Logger;

/**
 * The hand-over from pushed sources to the sensor thread: a bounded queue that sources offer to without ever
 * waiting, drained on the sensor thread's tick so the batcher keeps its single writer and readings get their
 * sequence numbers in the order they enter the batch. When full (the sensor thread is wedged), new readings are
 * counted and dropped rather than growing the heap.
 */
final class PushedReadings implements ReadingSource.Sink {
    static final int CAPACITY = 4096;

    private final ArrayBlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    @Override
    public void accept(String sensorId, Sample sample) {
        if (!queue.offer(new Object[] {sensorId, sample})) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8, ...: visible without flooding the log
                Logger.warn("pushed readings are not being taken up; {} dropped so far", n);
            }
        }
    }

    /** Numbers and passes on everything queued; runs on the sensor thread. */
    void drainTo(BootIdentity boot, Consumer<TelemetryReading> sink) {
        Object[] item;
        while ((item = queue.poll()) != null) {
            String id = (String) item[0];
            Sample s = (Sample) item[1];
            long seq = boot.nextSequence();
            long mono = boot.monotonicMillis();
            sink.accept(s.isOk() ? TelemetryReading.ok(id, seq, s.takenAtEpochMillis(), mono, s.measurements())
                    : TelemetryReading.fault(id, seq, s.takenAtEpochMillis(), mono, s.faultReason(), s.measurements()));
        }
    }

    long dropped() {
        return dropped.get();
    }
}
