package org.atiot.agent.device;

import java.util.ArrayList;
import java.util.List;
import org.atiot.agent.scheduler.Sample;
import org.atiot.agent.scheduler.SensorReader;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.Reading;
import org.atiot.sensors.Sensor;

/** A driver as the scheduler reads it: a driver's reading becomes a sample with measurements in SI names. */
final class SensorAdapter implements SensorReader {
    private final Sensor sensor;

    SensorAdapter(Sensor sensor) {
        this.sensor = sensor;
    }

    @Override
    public String id() {
        return sensor.id();
    }

    @Override
    public Sample read() {
        Reading r = sensor.read();
        long at = r.takenAt().toEpochMilli();
        if (!r.isOk()) {
            return Sample.fault(at, r.status().reason(), List.of());
        }
        List<Measurement> values = new ArrayList<>(r.quantities().size());
        for (Quantity q : r.quantities()) {
            values.add(Measurement.of(q.name(), q.value(), q.unit()));
        }
        return Sample.ok(at, values);
    }
}
