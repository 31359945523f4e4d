package org.atiot.agent.telemetry;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.atiot.agent.telemetry.internal.BatchFormat;
import org.atiot.core.AtSign;
import org.tinylog.Logger;

/**
 * Collects readings into one batch per recipient and hands finished batches to a {@link BatchSink}.
 *
 * <p>A recipient's batch is finished when it holds {@link BatchPolicy#maxReadings()} readings, when the next
 * reading would push it over {@link BatchPolicy#maxBytes()}, or, on {@link #flushDue()}, when its oldest reading
 * is {@link BatchPolicy#maxAge()} old. The batcher owns no thread: the scheduler calls {@link #flushDue()} on its
 * periodic tick, and the agent calls {@link #flushAll()} before it stops.
 *
 * <p>Thread-safe. Each reading is encoded once however many recipients receive it. Add readings in sequence order
 * (the scheduler's single thread does); batches of one recipient reach the sink in order.
 */
public final class Batcher {
    private final BootIdentity boot;
    private final String device;
    private final BatchPolicy policy;
    private final BatchSink sink;
    private final Clock clock;
    private final LongSupplier unsent;
    /** Bytes of a batch document besides its reading fragments, at most. */
    private final int envelopeBytes;
    private final List<RecipientBuffer> buffers;
    private final AtomicLong batchesDelivered = new AtomicLong();
    private final AtomicLong batchesLost = new AtomicLong();
    private final AtomicLong readingsDelivered = new AtomicLong();

    private Batcher(Builder b) {
        this.boot = b.boot;
        this.device = b.device.toString();
        this.policy = b.policy;
        this.sink = b.sink;
        this.clock = b.clock;
        this.unsent = b.unsent;
        this.envelopeBytes = BatchFormat.envelopeBytes(device);
        List<RecipientBuffer> list = new ArrayList<>(b.subscriptions.size());
        for (Subscription s : b.subscriptions) {
            list.add(new RecipientBuffer(s));
        }
        this.buffers = List.copyOf(list);
    }

    /** A batcher for readings of {@code device}'s current {@code boot}. */
    public static Builder builder(AtSign device, BootIdentity boot, BatchSink sink) {
        return new Builder(device, boot, sink);
    }

    /**
     * Adds a reading to the batch of every recipient subscribed to its sensor, flushing full batches (and, with a
     * maximum age of zero, any batch if nothing is unacknowledged).
     */
    public void add(TelemetryReading reading) {
        TelemetryReading toSend = reading;
        String fragment = null;
        int fragmentBytes = 0;
        long now = boot.nanoTime().getAsLong();
        for (RecipientBuffer buffer : buffers) {
            if (!buffer.subscription.includes(reading.sensorId())) {
                continue;
            }
            if (fragment == null) {
                fragment = BatchFormat.readingFragment(toSend);
                fragmentBytes = BatchFormat.utf8Length(fragment);
                if (envelopeBytes + fragmentBytes > policy.maxBytes()) {
                    toSend = oversized(reading, fragmentBytes);
                    fragment = BatchFormat.readingFragment(toSend);
                    fragmentBytes = BatchFormat.utf8Length(fragment);
                }
            }
            buffer.add(toSend.sequence(), fragment, fragmentBytes, now);
        }
        if (policy.maxAge().isZero()) {
            flushDue(); // send-when-free: an idle link takes the reading now, not at the next tick
        }
    }

    /**
     * Finishes every batch whose oldest reading has reached the maximum age. With a maximum age of zero a batch is
     * finished whenever nothing sent earlier is still unacknowledged: readings go out at once on an idle link and
     * gather into larger batches while a notification is in flight, so a slow link keeps its throughput.
     */
    public void flushDue() {
        long now = boot.nanoTime().getAsLong();
        long maxAgeNanos = policy.maxAge().toNanos();
        if (maxAgeNanos == 0 && unsent.getAsLong() > 0) {
            return;
        }
        for (RecipientBuffer buffer : buffers) {
            buffer.flushIfOlder(now, maxAgeNanos);
        }
    }

    /** Finishes every pending batch now, e.g. before the agent stops. */
    public void flushAll() {
        for (RecipientBuffer buffer : buffers) {
            buffer.flushIfOlder(Long.MAX_VALUE, Long.MIN_VALUE);
        }
    }

    /** Readings waiting in unfinished batches, summed over recipients. */
    public int pendingReadings() {
        int n = 0;
        for (RecipientBuffer buffer : buffers) {
            n += buffer.pending();
        }
        return n;
    }

    /** Batches the sink accepted. */
    public long batchesDelivered() {
        return batchesDelivered.get();
    }

    /** Readings in batches the sink accepted, counted once per recipient. */
    public long readingsDelivered() {
        return readingsDelivered.get();
    }

    /** Batches the sink failed to keep; receivers see each as a gap. */
    public long batchesLost() {
        return batchesLost.get();
    }

    public BatchPolicy policy() {
        return policy;
    }

    /** A reading too large for any batch travels as a fault, so the receiver still learns of it. */
    private TelemetryReading oversized(TelemetryReading r, int bytes) {
        Logger.warn("Reading #{} of sensor '{}' is {} bytes, more than a batch may hold ({} bytes); sent as a fault",
                r.sequence(), r.sensorId(), bytes, policy.maxBytes());
        return TelemetryReading.fault(r.sensorId(), r.sequence(), r.takenAtEpochMillis(), r.monotonicMillis(),
                "reading too large for a batch (" + bytes + " bytes)", List.of());
    }

    private void deliver(OutgoingBatch batch) {
        try {
            sink.accept(batch);
            batchesDelivered.incrementAndGet();
            readingsDelivered.addAndGet(batch.readingCount());
        } catch (IOException | RuntimeException e) {
            // Losing one batch must not stop the pipeline; the next batch's "prev" lets the receiver see the gap.
            batchesLost.incrementAndGet();
            Logger.warn("Telemetry {} was lost: {} ({})", batch, e.getMessage(), e.getClass().getSimpleName());
        }
    }

    /** One recipient's unfinished batch; its monitor serialises adds and flushes for that recipient. */
    private final class RecipientBuffer {
        private final Subscription subscription;
        private final List<String> fragments = new ArrayList<>();
        private int bytes;
        private long first;
        private long last;
        private long oldestNanos;
        private long previousLast;

        RecipientBuffer(Subscription subscription) {
            this.subscription = subscription;
        }

        synchronized void add(long sequence, String fragment, int fragmentBytes, long now) {
            // One comma between fragments; the envelope bound covers the rest.
            if (!fragments.isEmpty()
                    && envelopeBytes + bytes + fragments.size() + fragmentBytes > policy.maxBytes()) {
                flush();
            }
            if (fragments.isEmpty()) {
                oldestNanos = now;
                first = sequence;
            }
            first = Math.min(first, sequence);
            last = Math.max(last, sequence);
            fragments.add(fragment);
            bytes += fragmentBytes;
            if (fragments.size() >= policy.maxReadings()) {
                flush();
            }
        }

        synchronized void flushIfOlder(long now, long maxAgeNanos) {
            if (!fragments.isEmpty() && now - oldestNanos >= maxAgeNanos) {
                flush();
            }
        }

        synchronized int pending() {
            return fragments.size();
        }

        private void flush() {
            long nowNanos = boot.nanoTime().getAsLong();
            String json = BatchFormat.document(device, boot.bootId(), boot.bootNumber(), previousLast, first, last,
                    clock.millis(), boot.monotonicMillis(nowNanos), fragments, bytes);
            OutgoingBatch batch = new OutgoingBatch(subscription.recipient(), json, boot.bootNumber(), first, last,
                    fragments.size());
            previousLast = last;
            fragments.clear();
            bytes = 0;
            last = 0;
            deliver(batch);
        }
    }

    /** Builds a {@link Batcher}. */
    public static final class Builder {
        private final AtSign device;
        private final BootIdentity boot;
        private final BatchSink sink;
        private BatchPolicy policy = BatchPolicy.defaults();
        private List<Subscription> subscriptions = List.of();
        private Clock clock = Clock.systemUTC();
        private LongSupplier unsent = () -> 0;

        private Builder(AtSign device, BootIdentity boot, BatchSink sink) {
            this.device = Objects.requireNonNull(device, "device");
            this.boot = Objects.requireNonNull(boot, "boot");
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        public Builder policy(BatchPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The recipients; none means readings are dropped here and nothing is sent. Recipients must be distinct. */
        public Builder subscriptions(List<Subscription> subscriptions) {
            List<AtSign> seen = new ArrayList<>();
            for (Subscription s : subscriptions) {
                if (seen.contains(s.recipient())) {
                    throw new IllegalArgumentException("recipient " + s.recipient() + " is listed twice");
                }
                seen.add(s.recipient());
            }
            this.subscriptions = List.copyOf(subscriptions);
            return this;
        }

        /** The wall clock stamped on batches ({@code sentAt}); batch age uses the boot's monotonic clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Entries handed to the sink and not yet acknowledged (the queue depth); used when max age is zero. */
        public Builder unsent(LongSupplier unsent) {
            this.unsent = Objects.requireNonNull(unsent, "unsent");
            return this;
        }

        public Batcher build() {
            return new Batcher(this);
        }
    }
}
