package org.atiot.agent.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.atiot.agent.telemetry.Measurement;

/**
 * A sensor at the hardware edge whose behaviour a test scripts: by default an ok temperature; it can be told to
 * throw, to report a fault, or to hold the thread for a while (a slow bus).
 */
final class ScriptedSensor implements SensorReader {
    interface Behaviour {
        Sample read(long atNanos) throws Exception;
    }

    private final String id;
    private final LongSupplier nanoTime;
    private final List<Long> readTimes = new ArrayList<>();
    private Behaviour behaviour;

    ScriptedSensor(String id, LongSupplier nanoTime) {
        this.id = id;
        this.nanoTime = nanoTime;
        this.behaviour = at -> Sample.ok(1_732_500_000_000L + at / 1_000_000,
                List.of(Measurement.of("temperature_c", 21.5, "°C")));
    }

    ScriptedSensor behave(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Sample read() throws Exception {
        long at = nanoTime.getAsLong();
        readTimes.add(at);
        return behaviour.read(at);
    }

    List<Long> readTimes() {
        return readTimes;
    }
}
