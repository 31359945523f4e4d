package org.atiot.sensors.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.sensors.SpecException;

/**
 * Typed, validated access to a device's configuration keys as a TOML reader delivers them (Long, Double,
 * Boolean, String, List). Every error names the key. Keys the device does not know are rejected by
 * {@link #rejectUnknown()}, so a typo does not silently fall back to a default.
 */
public final class Params {
    /** Keys handled by the agent rather than by drivers; accepted and ignored here. */
    public static final Set<String> AGENT_KEYS = Set.of("interval", "name", "description", "enabled", "publish");

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private final String device;
    private final Map<String, Object> values;
    private final Set<String> used = new HashSet<>();

    public Params(String device, Map<String, Object> values) {
        this.device = device;
        this.values = values;
    }

    public SpecException error(String key, String reason) {
        return new SpecException(device, key, reason);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value = toLong(key, raw);
        if (value < min || value > max) {
            throw error(key, "must be between " + min + " and " + max + " (was " + raw + ")");
        }
        return (int) value;
    }

    /** An integer that must be one of {@code allowed}; shown in hex when {@code hex} (I2C addresses). */
    public int oneOf(String key, int defaultValue, Collection<Integer> allowed, boolean hex) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value = toLong(key, raw);
        if (!allowed.contains((int) value) || value != (int) value) {
            List<String> shown = new ArrayList<>();
            for (int a : new TreeSet<>(allowed)) {
                shown.add(hex ? String.format("0x%02x", a) : Integer.toString(a));
            }
            throw error(key, "must be one of " + String.join(", ", shown) + " (was "
                    + (hex ? String.format("0x%02x", value) : raw) + ")");
        }
        return (int) value;
    }

    public double number(String key, double defaultValue, double min, double max) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof Number number)) {
            throw error(key, "must be a number (was \"" + raw + "\")");
        }
        double value = number.doubleValue();
        if (!(value >= min && value <= max)) {
            throw error(key, "must be between " + min + " and " + max + " (was " + raw + ")");
        }
        return value;
    }

    public String choice(String key, String defaultValue, Set<String> allowed) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (!(raw instanceof String) || !allowed.contains(value)) {
            throw error(key, "must be one of " + String.join(", ", new TreeSet<>(allowed)) + " (was \"" + raw + "\")");
        }
        return value;
    }

    public String string(String key, String defaultValue) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof String text) || text.isBlank()) {
            throw error(key, "must be a non-empty string (was " + raw + ")");
        }
        return text;
    }

    public String requiredString(String key) {
        if (!values.containsKey(key)) {
            used.add(key);
            throw error(key, "is required");
        }
        return string(key, null);
    }

    public boolean bool(String key, boolean defaultValue) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof Boolean value)) {
            throw error(key, "must be true or false (was " + raw + ")");
        }
        return value;
    }

    /** A duration written {@code "250ms"}, {@code "10s"}, {@code "5m"} or {@code "1h"}. */
    public Duration duration(String key, Duration defaultValue, Duration max) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(raw.toString().trim());
        if (!(raw instanceof String) || !m.matches()) {
            throw error(key, "must be a duration such as \"250ms\", \"10s\", \"5m\" or \"1h\" (was " + raw + ")");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        Duration value = Duration.ofNanos(Math.round(millis * 1_000_000));
        if (value.compareTo(max) > 0) {
            throw error(key, "must be at most " + max.toMillis() + " ms (was " + raw + ")");
        }
        return value;
    }

    /** A list of integers, such as {@code channels = [0, 1]}. */
    public List<Integer> integers(String key, List<Integer> defaultValue, int min, int max) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw error(key, "must be a non-empty list such as [0, 1] (was " + raw + ")");
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : list) {
            long value = toLong(key, item);
            if (value < min || value > max || out.contains((int) value)) {
                throw error(key, "entries must be distinct and between " + min + " and " + max + " (was " + raw + ")");
            }
            out.add((int) value);
        }
        return List.copyOf(out);
    }

    /** A list of distinct strings from {@code allowed} (compared in lower case). */
    public List<String> strings(String key, List<String> defaultValue, Set<String> allowed) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw error(key, "must be a non-empty list of strings (was " + raw + ")");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            String value = String.valueOf(item).trim().toLowerCase(Locale.ROOT);
            if (!(item instanceof String) || !allowed.contains(value) || out.contains(value)) {
                throw error(key, "entries must be distinct and one of " + String.join(", ", new TreeSet<>(allowed))
                        + " (was " + raw + ")");
            }
            out.add(value);
        }
        return List.copyOf(out);
    }

    /** Fails on the first key that no accessor asked for. */
    public void rejectUnknown() {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!used.contains(key) && !AGENT_KEYS.contains(key)) {
                List<String> known = new ArrayList<>(new TreeSet<>(used));
                throw error(key, "is not known; valid keys are " + String.join(", ", known));
            }
        }
    }

    private long toLong(String key, Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            try {
                return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw error(key, "must be an integer such as 1 or 0x76 (was \"" + raw + "\")");
            }
        }
        throw error(key, "must be an integer (was " + raw + ")");
    }
}
