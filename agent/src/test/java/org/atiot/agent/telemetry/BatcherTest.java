package org.atiot.agent.telemetry;

import static org.atiot.agent.telemetry.TelemetryFixtures.door;
import static org.atiot.agent.telemetry.TelemetryFixtures.temperature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.atiot.core.AtSign;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private static final AtSign DEVICE = AtSign.of("@pi01");
    private static final AtSign OPERATOR = AtSign.of("@operator");
    private static final AtSign DASHBOARD = AtSign.of("@dashboard");
    private static final Clock WALL = Clock.fixed(Instant.ofEpochMilli(1_732_500_100_000L), ZoneOffset.UTC);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final BootIdentity boot = BootIdentity.ephemeral(7, nanos::get);
    private final RecordingSink sink = new RecordingSink();

    private Batcher batcher(BatchPolicy policy, Subscription... subscriptions) {
        return Batcher.builder(DEVICE, boot, sink).policy(policy).subscriptions(List.of(subscriptions)).clock(WALL)
                .build();
    }

    /** Verifies that a batch is finished as soon as it holds max_readings readings. */
    @Test
    void flushesAtMaxReadings() throws Exception {
        Batcher batcher = batcher(BatchPolicy.builder().maxReadings(3).build(), Subscription.allSensors(OPERATOR));

        batcher.add(temperature(1, 20.0));
        batcher.add(door(2));
        assertTrue(sink.batches().isEmpty());
        batcher.add(temperature(3, 20.5));

        List<TelemetryBatch> batches = sink.decoded();
        assertEquals(1, batches.size());
        TelemetryBatch b = batches.get(0);
        assertEquals(List.of(temperature(1, 20.0), door(2), temperature(3, 20.5)), b.readings());
        assertEquals(DEVICE, b.device());
        assertEquals(boot.bootId(), b.bootId());
        assertEquals(7, b.bootNumber());
        assertEquals(0, b.previousSequence());
        assertEquals(WALL.millis(), b.sentAtEpochMillis());
        OutgoingBatch out = sink.batches().get(0);
        assertEquals(OPERATOR, out.recipient());
        assertEquals(1, out.firstSequence());
        assertEquals(3, out.lastSequence());
        assertEquals(3, out.readingCount());
        assertFalse(out.toString().contains("greenhouse"), "toString must not show the plaintext");
        assertEquals(0, batcher.pendingReadings());
        assertEquals(1, batcher.batchesDelivered());
        assertEquals(3, batcher.readingsDelivered());
    }

    /** Verifies that a batch is finished once its oldest reading reaches max_age, and not before. */
    @Test
    void flushesAtMaxAge() throws Exception {
        Batcher batcher = batcher(BatchPolicy.builder().maxAge(Duration.ofSeconds(2)).build(),
                Subscription.allSensors(OPERATOR));
        batcher.add(temperature(1, 20.0));
        nanos.addAndGet(1_500_000_000L);
        batcher.add(temperature(2, 20.1));
        batcher.flushDue();
        assertTrue(sink.batches().isEmpty());

        nanos.addAndGet(500_000_000L);
        batcher.flushDue();

        List<TelemetryBatch> batches = sink.decoded();
        assertEquals(1, batches.size());
        assertEquals(2, batches.get(0).readings().size());
        assertEquals(2000, batches.get(0).sentMonotonicMillis());
        batcher.flushDue();
        assertEquals(1, sink.batches().size(), "an empty batch is never sent");
    }

    /** Verifies that max_age 0 sends at once on an idle link and gathers readings while a batch is unacknowledged. */
    @Test
    void zeroMaxAgeSendsWhenTheLinkIsFree() throws Exception {
        AtomicLong unsent = new AtomicLong();
        Batcher batcher = Batcher.builder(DEVICE, boot, sink).policy(BatchPolicy.builder().maxAge(Duration.ZERO)
                .build()).subscriptions(List.of(Subscription.allSensors(OPERATOR))).unsent(unsent::get).build();
        batcher.add(temperature(1, 20.0));
        assertEquals(1, sink.batches().size(), "an idle link: sent as it is added, no tick needed");
        unsent.set(1); // that batch is in flight
        batcher.add(temperature(2, 20.1));
        batcher.add(temperature(3, 20.2));
        batcher.flushDue();
        assertEquals(1, sink.batches().size(), "readings gather while the link is busy");
        unsent.set(0);
        batcher.flushDue(); // the next tick after the acknowledgement
        List<TelemetryBatch> batches = sink.decoded();
        assertEquals(2, batches.size());
        assertEquals(2, batches.get(1).readings().size());
        assertThrows(IllegalArgumentException.class, () -> BatchPolicy.builder().maxAge(Duration.ofSeconds(-1)));
    }

    /** Verifies per-recipient subscriptions and the prev chain each recipient sees. */
    @Test
    void eachRecipientGetsItsSensorsWithItsOwnChain() throws Exception {
        Batcher batcher = batcher(BatchPolicy.builder().maxReadings(2).build(), Subscription.allSensors(OPERATOR),
                Subscription.sensors(DASHBOARD, Set.of("door")));
        for (long seq = 1; seq <= 8; seq++) {
            batcher.add(seq % 4 == 0 ? door(seq) : temperature(seq, 20));
        }
        batcher.flushAll();

        List<TelemetryBatch> toOperator = new ArrayList<>();
        List<TelemetryBatch> toDashboard = new ArrayList<>();
        for (OutgoingBatch out : sink.batches()) {
            TelemetryBatch b = TelemetryDecoder.decode(out.json());
            (out.recipient().equals(OPERATOR) ? toOperator : toDashboard).add(b);
        }
        assertEquals(4, toOperator.size());
        assertEquals(List.of(0L, 2L, 4L, 6L), prevs(toOperator));
        assertEquals(1, toDashboard.size());
        assertEquals(List.of(door(4), door(8)), toDashboard.get(0).readings());
        assertEquals(0, toDashboard.get(0).previousSequence());
    }

    /** Verifies that no batch exceeds max_bytes and that splitting by size loses and reorders nothing. */
    @Test
    void neverExceedsMaxBytes() throws Exception {
        int maxBytes = BatchPolicy.MIN_MAX_BYTES;
        Batcher batcher = batcher(BatchPolicy.builder().maxBytes(maxBytes).maxReadings(10_000).build(),
                Subscription.allSensors(OPERATOR));
        List<TelemetryReading> sent = new ArrayList<>();
        for (long seq = 1; seq <= 300; seq++) {
            TelemetryReading r = temperature(seq, seq * 0.123456789);
            sent.add(r);
            batcher.add(r);
        }
        batcher.flushAll();

        List<TelemetryReading> received = new ArrayList<>();
        long previousLast = 0;
        assertTrue(sink.batches().size() > 5, "expected a split into several batches");
        for (OutgoingBatch out : sink.batches()) {
            assertTrue(out.json().getBytes(StandardCharsets.UTF_8).length <= maxBytes, out.toString());
            TelemetryBatch b = TelemetryDecoder.decode(out.json());
            assertEquals(previousLast, b.previousSequence());
            previousLast = b.lastSequence();
            received.addAll(b.readings());
        }
        assertEquals(sent, received);
    }

    /** Verifies the size bound also for the longest device name, in multi-byte characters. */
    @Test
    void sizeBoundHoldsForLongMultiByteDevice() throws Exception {
        AtSign longDevice = AtSign.of("@" + "\u00e9".repeat(AtSign.MAX_NAME_LENGTH));
        int maxBytes = BatchPolicy.MIN_MAX_BYTES;
        Batcher batcher = Batcher.builder(longDevice, boot, sink)
                .policy(BatchPolicy.builder().maxBytes(maxBytes).maxReadings(10_000).build())
                .subscriptions(List.of(Subscription.allSensors(OPERATOR))).clock(WALL).build();
        for (long seq = 1; seq <= 100; seq++) {
            batcher.add(temperature(seq, seq));
        }
        batcher.flushAll();
        for (OutgoingBatch out : sink.batches()) {
            assertTrue(out.json().getBytes(StandardCharsets.UTF_8).length <= maxBytes, out.toString());
            assertEquals(longDevice, TelemetryDecoder.decode(out.json()).device());
        }
    }

    /** Verifies that a reading too large for any batch still arrives, as a fault. */
    @Test
    void oversizedReadingBecomesFault() throws Exception {
        Batcher batcher = batcher(BatchPolicy.builder().maxBytes(BatchPolicy.MIN_MAX_BYTES).build(),
                Subscription.allSensors(OPERATOR));
        List<Measurement> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(Measurement.of("channel_" + i + "_voltage_v", i, "V"));
        }
        batcher.add(TelemetryReading.ok("adc", 1, 0, 0, many));
        batcher.flushAll();

        TelemetryReading r = sink.decoded().get(0).readings().get(0);
        assertFalse(r.isOk());
        assertTrue(r.faultReason().contains("too large"), r.faultReason());
    }

    /** Verifies that a failing sink loses only that batch, which the receiver then sees as a gap. */
    @Test
    void sinkFailureIsCountedAndVisibleAsGap() throws Exception {
        sink.failOnCall(2);
        Batcher batcher = batcher(BatchPolicy.builder().maxReadings(2).build(), Subscription.allSensors(OPERATOR));
        for (long seq = 1; seq <= 6; seq++) {
            batcher.add(temperature(seq, 20));
        }

        assertEquals(1, batcher.batchesLost());
        assertEquals(2, batcher.batchesDelivered());
        SequenceTracker tracker = new SequenceTracker();
        List<SequenceEvent> events = new ArrayList<>();
        for (TelemetryBatch b : sink.decoded()) {
            events.addAll(tracker.track(b).events());
        }
        assertEquals(List.of(new SequenceEvent(SequenceEvent.Kind.GAP, DEVICE, 7, 3, 4, 2)), events);
    }

    /** Verifies that with no recipients nothing is batched or sent. */
    @Test
    void noRecipientsSendsNothing() {
        Batcher batcher = batcher(BatchPolicy.defaults());
        batcher.add(temperature(1, 20));
        batcher.flushAll();
        assertTrue(sink.batches().isEmpty());
        assertEquals(0, batcher.pendingReadings());
    }

    /** Verifies that a recipient listed twice is refused. */
    @Test
    void duplicateRecipientRefused() {
        assertThrows(IllegalArgumentException.class, () -> batcher(BatchPolicy.defaults(),
                Subscription.allSensors(OPERATOR), Subscription.sensors(OPERATOR, Set.of("door"))));
    }

    /** Verifies that concurrent producers lose and duplicate nothing and every batch stays decodable. */
    @Test
    void concurrentAddsAreSafe() throws Exception {
        Batcher batcher = batcher(BatchPolicy.builder().maxReadings(7).build(), Subscription.allSensors(OPERATOR),
                Subscription.sensors(DASHBOARD, Set.of("door")));
        int threads = 4;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    long seq = boot.nextSequence();
                    batcher.add(id == 0 ? door(seq) : temperature(seq, i));
                    if (i % 50 == 0) {
                        batcher.flushAll();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        batcher.flushAll();

        Set<Long> operatorSeqs = new HashSet<>();
        int dashboardReadings = 0;
        for (OutgoingBatch out : sink.batches()) {
            for (TelemetryReading r : TelemetryDecoder.decode(out.json()).readings()) {
                if (out.recipient().equals(OPERATOR)) {
                    assertTrue(operatorSeqs.add(r.sequence()), "duplicate " + r.sequence());
                } else {
                    dashboardReadings++;
                }
            }
        }
        assertEquals(threads * perThread, operatorSeqs.size());
        assertEquals(perThread, dashboardReadings);
    }

    private static List<Long> prevs(List<TelemetryBatch> batches) {
        List<Long> out = new ArrayList<>();
        for (TelemetryBatch b : batches) {
            out.add(b.previousSequence());
        }
        return out;
    }
}
