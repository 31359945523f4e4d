package org.atiot.agent.telemetry;

import static org.atiot.agent.telemetry.TelemetryFixtures.temperature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atiot.agent.telemetry.SequenceEvent.Kind;
import org.atiot.core.AtSign;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    private static final AtSign DEVICE = AtSign.of("@pi01");
    private static final UUID RUN_7 = new UUID(7, 7);
    private static final UUID RUN_8 = new UUID(8, 8);

    private final SequenceTracker tracker = new SequenceTracker();

    private static TelemetryBatch batch(UUID run, long bootNo, long prev, long from, long to) {
        List<TelemetryReading> readings = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            readings.add(temperature(seq, 20));
        }
        return new TelemetryBatch(DEVICE, run, bootNo, prev, 0, 0, readings);
    }

    /** Verifies that an unbroken chain reports nothing and passes every reading. */
    @Test
    void inOrderStreamHasNoEvents() {
        assertTrue(tracker.track(batch(RUN_7, 7, 0, 1, 5)).events().isEmpty());
        SequenceReport second = tracker.track(batch(RUN_7, 7, 5, 6, 9));
        assertTrue(second.events().isEmpty());
        assertEquals(4, second.freshReadings().size());
    }

    /** Verifies that watching from the middle of a run is not a gap. */
    @Test
    void joiningMidRunIsNoGap() {
        assertTrue(tracker.track(batch(RUN_7, 7, 40, 41, 45)).events().isEmpty());
    }

    /** Verifies that a missing batch is reported as the gap its successor's prev reveals. */
    @Test
    void missingBatchIsGap() {
        tracker.track(batch(RUN_7, 7, 0, 1, 5));
        SequenceReport report = tracker.track(batch(RUN_7, 7, 9, 10, 12));
        assertEquals(List.of(new SequenceEvent(Kind.GAP, DEVICE, 7, 6, 9, 4)), report.events());
        assertEquals(3, report.freshReadings().size());
    }

    /** Verifies that a batch delivered twice passes no reading the second time. */
    @Test
    void repeatedBatchIsDuplicate() {
        tracker.track(batch(RUN_7, 7, 0, 1, 5));
        SequenceReport again = tracker.track(batch(RUN_7, 7, 0, 1, 5));
        assertTrue(again.freshReadings().isEmpty());
        assertEquals(List.of(new SequenceEvent(Kind.DUPLICATE, DEVICE, 7, 1, 5, 5)), again.events());
    }

    /** Verifies that a batch arriving after its successor fills the gap as late readings. */
    @Test
    void reorderedBatchIsLateNotDuplicate() {
        tracker.track(batch(RUN_7, 7, 0, 1, 5));
        tracker.track(batch(RUN_7, 7, 10, 11, 15));
        SequenceReport late = tracker.track(batch(RUN_7, 7, 5, 6, 10));
        assertEquals(5, late.freshReadings().size());
        assertEquals(List.of(new SequenceEvent(Kind.LATE, DEVICE, 7, 6, 10, 5)), late.events());
    }

    /** Verifies that a restart is reported and sequences restarting at 1 are not duplicates. */
    @Test
    void newBootRestartsSequences() {
        tracker.track(batch(RUN_7, 7, 0, 1, 5));
        SequenceReport report = tracker.track(batch(RUN_8, 8, 0, 1, 3));
        assertEquals(List.of(new SequenceEvent(Kind.NEW_BOOT, DEVICE, 8, 7, 8, 0)), report.events());
        assertEquals(3, report.freshReadings().size());
        // the old run's backlog draining afterwards is still tracked on its own
        assertTrue(tracker.track(batch(RUN_7, 7, 5, 6, 8)).events().isEmpty());
    }

    /** Verifies that the memory per run is bounded and old readings count as duplicates. */
    @Test
    void windowIsBounded() {
        SequenceTracker small = new SequenceTracker(4);
        small.track(batch(RUN_7, 7, 0, 1, 10));
        SequenceReport replay = small.track(batch(RUN_7, 7, 0, 1, 10));
        assertTrue(replay.freshReadings().isEmpty());
        assertEquals(Kind.DUPLICATE, replay.events().get(0).kind());
        assertEquals("@pi01 boot 7: 10 duplicate reading(s) in #1..10 ignored", replay.events().get(0).toString());
    }
}
