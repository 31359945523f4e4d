package org.atiot.agent.config;

import java.util.Locale;

/** Which hardware access layer the agent uses ({@code [hal] provider}). */
public enum HalProvider {
    /** Simulated chips, for demos and tests; never chosen automatically. */
    SIMULATED,
    /** Linux kernel interfaces (i2c-dev, GPIO character device). */
    LINUX,
    /** Pi4J v2. */
    PI4J;

    /** The name used in the config file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider with this config name, or {@code null}. */
    public static HalProvider fromConfigName(String name) {
        for (HalProvider p : values()) {
            if (p.configName().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
