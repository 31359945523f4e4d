package org.atiot.hal.internal;

import java.lang.reflect.InvocationTargetException;
import org.atiot.hal.HalConfig;
import org.atiot.hal.HalException;
import org.atiot.hal.HalProvider;
import org.atiot.hal.UnsupportedHardwareException;

/**
 * Instantiates a provider by its short name. Providers are loaded by class name so that Pi4J (and its native
 * libraries) is touched only when {@code pi4j} is configured.
 */
public final class ProviderLoader {
    private ProviderLoader() {}

    public static HalProvider load(HalConfig config) {
        String className = switch (config.provider()) {
            case HalConfig.PROVIDER_SIMULATED -> "org.atiot.hal.sim.SimulatedHalProvider";
            case HalConfig.PROVIDER_LINUX -> "org.atiot.hal.linux.LinuxHalProvider";
            case HalConfig.PROVIDER_PI4J -> "org.atiot.hal.pi4j.Pi4jHalProvider";
            default -> throw new UnsupportedHardwareException("unknown HAL provider " + config.provider());
        };
        try {
            Class<? extends HalProvider> type = Class.forName(className).asSubclass(HalProvider.class);
            return type.getConstructor(HalConfig.class).newInstance(config);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new UnsupportedHardwareException("HAL provider \"" + config.provider()
                    + "\" is not on the class path; install the full agent distribution", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HalException halException) {
                throw halException;
            }
            throw new UnsupportedHardwareException("HAL provider \"" + config.provider() + "\" failed to start: "
                    + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedHardwareException("HAL provider \"" + config.provider() + "\" cannot be created", e);
        }
    }
}
