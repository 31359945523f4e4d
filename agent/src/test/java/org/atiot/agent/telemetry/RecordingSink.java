package org.atiot.agent.telemetry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given and can be told to fail chosen batches (counted from 1). */
final class RecordingSink implements BatchSink {
    private final List<OutgoingBatch> batches = new ArrayList<>();
    private final List<Integer> failOn = new ArrayList<>();
    private int calls;

    RecordingSink failOnCall(int call) {
        failOn.add(call);
        return this;
    }

    @Override
    public synchronized void accept(OutgoingBatch batch) throws IOException {
        calls++;
        if (failOn.contains(calls)) {
            throw new IOException("disk full");
        }
        batches.add(batch);
    }

    synchronized List<OutgoingBatch> batches() {
        return new ArrayList<>(batches);
    }

    synchronized List<TelemetryBatch> decoded() throws TelemetryFormatException {
        List<TelemetryBatch> out = new ArrayList<>();
        for (OutgoingBatch b : batches) {
            out.add(TelemetryDecoder.decode(b.json()));
        }
        return out;
    }
}
