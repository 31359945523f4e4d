package org.atiot.agent.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A TOML table: keys in source order, each with its value and line. */
public final class TomlTable {
    /** How the table came to exist; TOML forbids redefining tables in some of these ways. */
    enum Kind {
        /** Created as the parent of a header, e.g. {@code a} for {@code [a.b]}; may still get its own header. */
        IMPLICIT,
        /** Defined by its own {@code [header]} (or the root table). */
        EXPLICIT,
        /** Created by a dotted key such as {@code a.b = 1}. */
        DOTTED,
        /** An inline table {@code { ... }}: closed once written. */
        INLINE
    }

    private final Map<String, TomlValue> entries = new LinkedHashMap<>();
    private final int line;
    private Kind kind;

    TomlTable(Kind kind, int line) {
        this.kind = kind;
        this.line = line;
    }

    Kind kind() {
        return kind;
    }

    void kind(Kind newKind) {
        this.kind = newKind;
    }

    void put(String key, TomlValue value) {
        entries.put(key, value);
    }

    /** The line of the header or key that created the table. */
    public int line() {
        return line;
    }

    /** The value, or {@code null}. */
    public TomlValue get(String key) {
        return entries.get(key);
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** Keys in source order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public Map<String, TomlValue> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** As nested plain Java maps and lists (see {@link TomlValue#toPlain()}). */
    public Map<String, Object> toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, TomlValue> e : entries.entrySet()) {
            out.put(e.getKey(), e.getValue().toPlain());
        }
        return Collections.unmodifiableMap(out);
    }
}
