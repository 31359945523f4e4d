package org.atiot.sensors.drivers;

import java.util.List;
import org.atiot.hal.HalClock;
import org.atiot.hal.OneWireBus;
import org.atiot.sensors.Quantity;
import org.atiot.sensors.internal.GuardedSensor;
import org.atiot.sensors.internal.SensorFault;
import org.atiot.sensors.internal.StuckValueDetector;

/**
 * Maxim DS18B20 on the kernel's 1-Wire bus (w1-gpio overlay, GPIO4 by default). Without a configured device id
 * the sensor uses the only DS18B20 present, looked up again after every fault.
 */
public final class Ds18b20Sensor extends GuardedSensor {
    public static final String TYPE = "ds18b20";

    private final OneWireBus bus;
    private final String configuredId;
    private String deviceId;
    private final StuckValueDetector stuck;

    /** @param deviceId the w1 id such as {@code 28-0316a2796aff}, or {@code null} for the only one present */
    public Ds18b20Sensor(String id, OneWireBus bus, String deviceId, HalClock clock, int stuckAfter) {
        super(id, TYPE, clock);
        this.bus = bus;
        this.configuredId = deviceId;
        this.stuck = new StuckValueDetector(stuckAfter);
    }

    @Override
    protected void initialise() throws SensorFault {
        stuck.reset();
        if (configuredId != null) {
            deviceId = configuredId;
            return;
        }
        List<String> found = bus.deviceIds().stream().filter(d -> d.startsWith("28-")).toList();
        if (found.size() != 1) {
            throw new SensorFault(found.isEmpty() ? "no DS18B20 found on the 1-Wire bus; check wiring and "
                    + "dtoverlay=w1-gpio" : "several DS18B20 found " + found + "; set \"device\" to one of them");
        }
        deviceId = found.get(0);
    }

    @Override
    protected List<Quantity> measure() throws SensorFault {
        double celsius = W1SlaveReading.celsius(bus.readSlave(deviceId));
        stuck.check(Math.round(celsius * 1000));
        return List.of(Quantity.celsius(celsius));
    }
}
