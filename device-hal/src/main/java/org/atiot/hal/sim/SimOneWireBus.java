package org.atiot.hal.sim;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.atiot.hal.DeviceNotFoundException;
import org.atiot.hal.OneWireBus;

/** The simulated 1-Wire bus. An {@link SimFault#UNPLUGGED} sensor disappears from it, as from sysfs. */
public final class SimOneWireBus implements OneWireBus {
    private final Map<String, SimDs18b20> sensors = new ConcurrentSkipListMap<>();

    void attach(SimDs18b20 sensor) {
        sensors.put(sensor.id(), sensor);
    }

    public SimDs18b20 sensor(String id) {
        SimDs18b20 sensor = sensors.get(id);
        if (sensor == null) {
            throw new IllegalArgumentException("no simulated 1-Wire sensor " + id);
        }
        return sensor;
    }

    @Override
    public List<String> deviceIds() {
        return sensors.values().stream().filter(s -> !s.has(SimFault.UNPLUGGED)).map(SimDs18b20::id)
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String readSlave(String deviceId) {
        SimDs18b20 sensor = sensors.get(deviceId);
        if (sensor == null || sensor.has(SimFault.UNPLUGGED)) {
            throw new DeviceNotFoundException("1-Wire device " + deviceId + " is not present; check the sensor's "
                    + "wiring and the 4.7 kΩ pull-up on the data line");
        }
        return sensor.w1SlaveText();
    }
}
