package org.atiot.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The driver-specific keys of one {@code [[sensor]]} or {@code [[actuator]]} section, passed through unvalidated
 * for the driver to check. Values are plain Java ({@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code List}, {@code Map}); each top-level key remembers its line so the driver can report errors like the
 * rest of the config does, through {@link #error(String, String)}.
 */
public final class DriverSettings {
    private final String file;
    private final Map<String, Object> values;
    private final Map<String, Integer> lines;

    /** @param file the file name for messages; {@code values} and {@code lines} are copied */
    public DriverSettings(String file, Map<String, Object> values, Map<String, Integer> lines) {
        this.file = file;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.lines = Map.copyOf(lines);
    }

    /** No driver keys. */
    public static DriverSettings empty(String file) {
        return new DriverSettings(file, Map.of(), Map.of());
    }

    /** Keys in source order. */
    public Map<String, Object> values() {
        return values;
    }

    /** The value, or {@code null}. */
    public Object get(String key) {
        return values.get(key);
    }

    /** The line of {@code key}, or 0 if it is not present. */
    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /** An error about {@code key} in the config's own format, for the driver to throw. */
    public ConfigException error(String key, String problem) {
        return new ConfigException(file, line(key), key, problem);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
