package org.atiot.agent.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One parsed TOML value and the line it started on. Strings are {@code String}, integers {@code Long},
 * floats {@code Double}, booleans {@code Boolean}, arrays {@code List<TomlValue>}, tables {@link TomlTable}.
 */
public final class TomlValue {
    private final Object value;
    private final int line;
    private final boolean tableArray;

    TomlValue(Object value, int line, boolean tableArray) {
        this.value = value;
        this.line = line;
        this.tableArray = tableArray;
    }

    public Object value() {
        return value;
    }

    public int line() {
        return line;
    }

    /** An array built by {@code [[name]]} headers (only those may be extended by more headers). */
    public boolean isTableArray() {
        return tableArray;
    }

    public boolean isTable() {
        return value instanceof TomlTable;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    public TomlTable table() {
        return (TomlTable) value;
    }

    @SuppressWarnings("unchecked")
    public List<TomlValue> array() {
        return (List<TomlValue>) value;
    }

    /** The TOML type name, for messages. */
    public String typeName() {
        if (value instanceof String) {
            return "a string";
        } else if (value instanceof Long) {
            return "an integer";
        } else if (value instanceof Double) {
            return "a float";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (isArray()) {
            return tableArray ? "an array of tables" : "an array";
        }
        return "a table";
    }

    /** The value as plain Java: {@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double}, {@code Boolean}. */
    public Object toPlain() {
        if (isTable()) {
            return table().toPlain();
        }
        if (isArray()) {
            List<Object> out = new ArrayList<>(array().size());
            for (TomlValue v : array()) {
                out.add(v.toPlain());
            }
            return List.copyOf(out);
        }
        return value;
    }

    /** The value quoted as in the source, for messages. */
    public String quoted() {
        return value instanceof String ? '"' + (String) value + '"' : String.valueOf(toPlain());
    }

    @Override
    public String toString() {
        return quoted() + " (line " + line + ")";
    }
}
