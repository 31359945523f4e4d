package org.atiot.sensors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.atiot.hal.HalContext;
import org.atiot.hal.PullResistance;
import org.atiot.sensors.drivers.Ads1115Sensor;
import org.atiot.sensors.drivers.Bh1750Sensor;
import org.atiot.sensors.drivers.Bme280Sensor;
import org.atiot.sensors.drivers.Ds18b20Sensor;
import org.atiot.sensors.drivers.DigitalInputSensor;
import org.atiot.sensors.drivers.Sht31Sensor;
import org.atiot.sensors.drivers.SystemHealthSensor;
import org.atiot.sensors.internal.Params;

/**
 * Builds sensors from their configuration. Every key is validated before any hardware is opened; errors are
 * {@link SpecException}s naming the sensor and the key. The hardware itself is only talked to on the first
 * {@link Sensor#read()}, so a sensor that is absent at start-up does not stop the agent.
 */
public final class SensorFactory {
    public static final Set<String> TYPES = Set.of(Bme280Sensor.TYPE, Sht31Sensor.TYPE, Ds18b20Sensor.TYPE,
            Ads1115Sensor.TYPE, Bh1750Sensor.TYPE, DigitalInputSensor.TYPE, SystemHealthSensor.TYPE);
    public static final int DEFAULT_I2C_BUS = 1;
    public static final int MAX_GPIO = 27;
    private static final Duration MAX_DEBOUNCE = Duration.ofSeconds(10);

    private SensorFactory() {}

    public static Sensor create(SensorSpec spec, HalContext hal) {
        if (spec.id().isBlank() || !spec.id().matches("[A-Za-z0-9_.-]+")) {
            throw new SpecException(spec.label(), "id", "must be non-empty and use only letters, digits, '_', '-', '.'");
        }
        Params p = new Params(spec.label(), spec.params());
        return switch (spec.type()) {
            case Bme280Sensor.TYPE -> bme280(spec, p, hal);
            case Sht31Sensor.TYPE -> sht31(spec, p, hal);
            case Ds18b20Sensor.TYPE -> ds18b20(spec, p, hal);
            case Ads1115Sensor.TYPE -> ads1115(spec, p, hal);
            case Bh1750Sensor.TYPE -> bh1750(spec, p, hal);
            case DigitalInputSensor.TYPE -> digitalInput(spec, p, hal);
            case SystemHealthSensor.TYPE -> systemHealth(spec, p, hal);
            default -> throw new SpecException(spec.label(), "type", "is not supported; use one of "
                    + String.join(", ", new TreeSet<>(TYPES)));
        };
    }

    private static Sensor bme280(SensorSpec spec, Params p, HalContext hal) {
        int bus = bus(p);
        int address = p.oneOf("address", 0x76, List.of(0x76, 0x77), true);
        String mode = p.choice("mode", "forced", Set.of("forced", "normal"));
        int oversampling = p.oneOf("oversampling", 1, List.of(1, 2, 4, 8, 16), false);
        int filter = p.oneOf("filter", 0, List.of(0, 2, 4, 8, 16), false);
        // t_sb codes 0..7 in datasheet order: 0.5, 62.5, 125, 250, 500, 1000, 10, 20 ms.
        List<Integer> standbyMs = List.of(0, 62, 125, 250, 500, 1000, 10, 20);
        int standby = standbyMs.indexOf(p.oneOf("standby_ms", 1000, standbyMs, false));
        int stuckAfter = p.integer("stuck_after", 10, 0, 1000);
        p.rejectUnknown();
        return new Bme280Sensor(spec.id(), hal.i2cDevice(bus, address), hal.clock(),
                mode.equals("normal") ? Bme280Sensor.Mode.NORMAL : Bme280Sensor.Mode.FORCED, oversampling, filter,
                standby, stuckAfter);
    }

    private static Sensor sht31(SensorSpec spec, Params p, HalContext hal) {
        int bus = bus(p);
        int address = p.oneOf("address", 0x44, List.of(0x44, 0x45), true);
        String repeatability = p.choice("repeatability", "high", Set.of("high", "medium", "low"));
        int stuckAfter = p.integer("stuck_after", 20, 0, 1000);
        p.rejectUnknown();
        return new Sht31Sensor(spec.id(), hal.i2cDevice(bus, address), hal.clock(),
                Sht31Sensor.Repeatability.valueOf(repeatability.toUpperCase(java.util.Locale.ROOT)), stuckAfter);
    }

    private static Sensor ds18b20(SensorSpec spec, Params p, HalContext hal) {
        String device = p.string("device", null);
        if (device != null && !device.matches("28-[0-9a-f]{12}")) {
            throw p.error("device", "must be a DS18B20 id such as 28-0316a2796aff (see ls /sys/bus/w1/devices), was \""
                    + device + "\"");
        }
        int stuckAfter = p.integer("stuck_after", 0, 0, 1000);
        p.rejectUnknown();
        return new Ds18b20Sensor(spec.id(), hal.oneWireBus(), device, hal.clock(), stuckAfter);
    }

    private static Sensor ads1115(SensorSpec spec, Params p, HalContext hal) {
        int bus = bus(p);
        int address = p.oneOf("address", 0x48, List.of(0x48, 0x49, 0x4A, 0x4B), true);
        List<String> inputs = p.strings("inputs", List.of("ain0"), Ads1115Sensor.INPUTS.keySet());
        double fullScale = p.number("full_scale_v", 4.096, 0.256, 6.144);
        if (!Ads1115Sensor.FULL_SCALE_V.contains(fullScale)) {
            throw p.error("full_scale_v", "must be one of " + Ads1115Sensor.FULL_SCALE_V + " (was " + fullScale + ")");
        }
        int rate = p.oneOf("data_rate", 128, Ads1115Sensor.DATA_RATES, false);
        int stuckAfter = p.integer("stuck_after", 0, 0, 1000);
        p.rejectUnknown();
        return new Ads1115Sensor(spec.id(), hal.i2cDevice(bus, address), hal.clock(), inputs, fullScale, rate,
                stuckAfter);
    }

    private static Sensor bh1750(SensorSpec spec, Params p, HalContext hal) {
        int bus = bus(p);
        int address = p.oneOf("address", 0x23, List.of(0x23, 0x5C), true);
        String resolution = p.choice("resolution", "high", Set.of("high", "high2", "low"));
        int mtreg = p.integer("mtreg", Bh1750Sensor.DEFAULT_MTREG, 31, 254);
        int stuckAfter = p.integer("stuck_after", 0, 0, 1000);
        p.rejectUnknown();
        return new Bh1750Sensor(spec.id(), hal.i2cDevice(bus, address), hal.clock(),
                Bh1750Sensor.Resolution.valueOf(resolution.toUpperCase(java.util.Locale.ROOT)), mtreg, stuckAfter);
    }

    private static Sensor digitalInput(SensorSpec spec, Params p, HalContext hal) {
        if (!p.has("pin")) {
            throw p.error("pin", "is required (BCM GPIO number, 0.." + MAX_GPIO + ")");
        }
        int pin = p.integer("pin", 0, 0, MAX_GPIO);
        String pull = p.choice("pull", "up", Set.of("up", "down", "off"));
        Duration debounce = p.duration("debounce", DigitalInputSensor.DEFAULT_DEBOUNCE, MAX_DEBOUNCE);
        boolean activeLow = p.bool("active_low", pull.equals("up"));
        p.rejectUnknown();
        PullResistance resistance = PullResistance.valueOf(pull.toUpperCase(java.util.Locale.ROOT));
        return new DigitalInputSensor(spec.id(), hal.gpioInput(pin, resistance), hal.clock(), debounce, activeLow);
    }

    private static Sensor systemHealth(SensorSpec spec, Params p, HalContext hal) {
        Path disk = Path.of(p.string("disk_path", "/"));
        String thermal = p.string("thermal_zone", null);
        String wifi = p.string("wifi_interface", null);
        p.rejectUnknown();
        return new SystemHealthSensor(spec.id(), hal.systemSources(), hal.clock(), disk, thermal, wifi);
    }

    private static int bus(Params p) {
        return p.integer("bus", DEFAULT_I2C_BUS, 0, 31);
    }
}
