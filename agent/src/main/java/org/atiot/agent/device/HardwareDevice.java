package org.atiot.agent.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atiot.agent.config.ActuatorConfig;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.ConfigException;
import org.atiot.agent.config.DriverSettings;
import org.atiot.agent.config.SensorConfig;
import org.atiot.agent.runtime.Device;
import org.atiot.agent.scheduler.SensorReader;
import org.atiot.hal.HalConfig;
import org.atiot.hal.HalContext;
import org.atiot.hal.HalException;
import org.atiot.sensors.SensorFactory;
import org.atiot.sensors.SensorSpec;
import org.atiot.sensors.SpecException;
import org.atiot.sensors.actuators.ActuatorFactory;
import org.atiot.sensors.actuators.ActuatorSpec;

/**
 * Opens the hardware a configuration names: the HAL provider it chose (Pi4J is only loaded when chosen), each
 * sensor driver and each actuator. A bad driver setting is reported at its line in the config file.
 */
public final class HardwareDevice {
    private HardwareDevice() {
    }

    /** The first driver setting, so that a hardware problem is reported near the right table. */
    private static String firstKey(DriverSettings settings) {
        return settings.values().isEmpty() ? "type" : settings.values().keySet().iterator().next();
    }

    public static Device open(AgentConfig config) throws ConfigException {
        return open(config, HalConfig.builder().provider(config.halProvider().configName()).build());
    }

    public static Device open(AgentConfig config, HalConfig hal) throws ConfigException {
        HalContext context = HalContext.open(hal);
        try {
            Map<SensorReader, java.time.Duration> sensors = new LinkedHashMap<>();
            for (SensorConfig s : config.sensors()) {
                try {
                    sensors.put(new SensorAdapter(SensorFactory.create(
                            SensorSpec.of(s.type(), s.id(), s.settings().values()), context)), s.interval());
                } catch (SpecException e) {
                    throw s.settings().error(e.key(), e.reason());
                } catch (HalException e) {
                    throw s.settings().error(firstKey(s.settings()), "sensor '" + s.id() + "': " + e.getMessage());
                }
            }
            List<Device.Actuator> actuators = new ArrayList<>();
            for (ActuatorConfig a : config.actuators()) {
                try {
                    actuators.add(new ActuatorAdapter(ActuatorFactory.create(
                            new ActuatorSpec(a.type(), a.id(), a.settings().values()), context), a.allow()));
                } catch (SpecException e) {
                    throw a.settings().error(e.key(), e.reason());
                } catch (HalException e) {
                    throw a.settings().error(firstKey(a.settings()), "actuator '" + a.id() + "': " + e.getMessage());
                }
            }
            return new Device(sensors, actuators, context);
        } catch (ConfigException | RuntimeException e) {
            context.close();
            throw e;
        }
    }
}
