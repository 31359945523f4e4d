package org.atiot.agent.telemetry;

import java.util.List;

/** What {@link SequenceTracker#track} made of one batch: the readings not seen before and the events. */
public final class SequenceReport {
    private final TelemetryBatch batch;
    private final List<TelemetryReading> fresh;
    private final List<SequenceEvent> events;

    SequenceReport(TelemetryBatch batch, List<TelemetryReading> fresh, List<SequenceEvent> events) {
        this.batch = batch;
        this.fresh = List.copyOf(fresh);
        this.events = List.copyOf(events);
    }

    public TelemetryBatch batch() {
        return batch;
    }

    /** The batch's readings minus duplicates, in batch order. */
    public List<TelemetryReading> freshReadings() {
        return fresh;
    }

    /** Boot changes, gaps, duplicates and late arrivals noticed in this batch, in that order. */
    public List<SequenceEvent> events() {
        return events;
    }
}
