package org.atiot.agent.config.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.atiot.agent.config.ConfigException;

/**
 * Typed, strict reads from one TOML table. It remembers which keys were read, so that {@link #rejectUnknown()}
 * can refuse the rest with a "did you mean" hint.
 */
final class TableReader {
    private final TomlTable table;
    private final String file;
    private final String section;
    private final Set<String> known = new LinkedHashSet<>();

    /** @param section how the table is named in messages, e.g. {@code [device]} */
    TableReader(TomlTable table, String file, String section) {
        this.table = table;
        this.file = file;
        this.section = section;
    }

    int line(String key) {
        TomlValue v = table.get(key);
        return v != null ? v.line() : table.line();
    }

    boolean has(String key) {
        known.add(key);
        return table.contains(key);
    }

    ConfigException error(String key, String problem) {
        return new ConfigException(file, line(key), key, problem);
    }

    ConfigException missing(String key, String example) {
        return new ConfigException(file, table.line(), key, "missing in " + section + "; add for example "
                + key + " = " + example);
    }

    private TomlValue value(String key, Class<?> type, String expected) throws ConfigException {
        known.add(key);
        TomlValue v = table.get(key);
        if (v != null && !type.isInstance(v.value())) {
            throw error(key, "expected " + expected + ", got " + v.typeName() + " " + v.quoted());
        }
        return v;
    }

    String string(String key, String example) throws ConfigException {
        TomlValue v = value(key, String.class, "a string");
        if (v == null) {
            throw missing(key, example);
        }
        return (String) v.value();
    }

    /** The string, or {@code null} if absent. */
    String optionalString(String key) throws ConfigException {
        TomlValue v = value(key, String.class, "a string");
        return v == null ? null : (String) v.value();
    }

    long integer(String key, long fallback) throws ConfigException {
        TomlValue v = value(key, Long.class, "an integer");
        return v == null ? fallback : (Long) v.value();
    }

    Duration duration(String key, Duration fallback) throws ConfigException {
        known.add(key);
        TomlValue v = table.get(key);
        if (v == null) {
            return fallback;
        }
        Duration d = v.value() instanceof String ? Units.parseDuration((String) v.value()) : null;
        if (d == null) {
            throw error(key, "expected a duration like \"10s\", got " + v.quoted()
                    + " (units: ms, s, m, h, d)");
        }
        return d;
    }

    long size(String key, long fallback) throws ConfigException {
        known.add(key);
        TomlValue v = table.get(key);
        if (v == null) {
            return fallback;
        }
        Long bytes = v.value() instanceof String ? Units.parseSize((String) v.value()) : null;
        if (bytes == null) {
            throw error(key, "expected a size like \"16MB\", got " + v.quoted() + " (units: B, KB, MB, GB)");
        }
        return bytes;
    }

    Path path(String key, Path baseDir) throws ConfigException {
        String s = optionalString(key);
        if (s == null) {
            return null;
        }
        if (s.isBlank()) {
            throw error(key, "expected a file path, got an empty string");
        }
        try {
            return baseDir.resolve(s).normalize();
        } catch (InvalidPathException e) {
            throw error(key, "\"" + s + "\" is not a valid path: " + e.getReason());
        }
    }

    /** A list of strings, or {@code null} if absent. */
    List<String> stringList(String key) throws ConfigException {
        TomlValue v = value(key, List.class, "an array of strings like [\"a\", \"b\"]");
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (TomlValue item : v.array()) {
            if (!(item.value() instanceof String)) {
                throw error(key, "expected an array of strings, but it holds " + item.typeName() + " " + item.quoted());
            }
            out.add((String) item.value());
        }
        return out;
    }

    /** The value under {@code key} as parsed, marked read; {@code null} if absent. */
    TomlValue raw(String key) {
        known.add(key);
        return table.get(key);
    }

    /** The table under {@code key}, or {@code null}. */
    TomlTable table(String key) throws ConfigException {
        known.add(key);
        TomlValue v = table.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTable()) {
            throw error(key, "expected a table [" + key + "], got " + v.typeName());
        }
        return v.table();
    }

    /** The tables of {@code [[key]]}, empty if absent. */
    List<TomlTable> tableArray(String key) throws ConfigException {
        known.add(key);
        TomlValue v = table.get(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray() || v.array().stream().anyMatch(item -> !item.isTable())) {
            throw error(key, "expected [[" + key + "]] sections (an array of tables), got " + v.typeName()
                    + "; write each entry under its own [[" + key + "]] header");
        }
        List<TomlTable> out = new ArrayList<>();
        for (TomlValue item : v.array()) {
            out.add(item.table());
        }
        return out;
    }

    /** Keys of the table that were not read. */
    List<String> unread() {
        List<String> out = new ArrayList<>();
        for (String k : table.keys()) {
            if (!known.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    void rejectUnknown() throws ConfigException {
        for (String key : unread()) {
            String hint = Suggestions.closest(key, known);
            throw error(key, "unknown key in " + section
                    + (hint != null ? "; did you mean '" + hint + "'?" : "; known keys: " + String.join(", ", known)));
        }
    }
}
