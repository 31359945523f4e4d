package org.atiot.agent.config.internal;

import java.util.ArrayList;
import java.util.List;
import org.atiot.agent.config.ConfigException;

/**
 * A strict parser for the subset of TOML 1.0 that agent configurations use: comments, {@code [tables]},
 * {@code [[arrays.of.tables]]}, bare, quoted and dotted keys, basic and literal strings (also multi-line),
 * integers (decimal, {@code 0x}, {@code 0o}, {@code 0b}, underscores), floats, booleans, arrays and inline
 * tables. Dates and times are refused with a hint to quote them. Every value keeps its line.
 *
 * <p>Why our own: the subset fits in a few small classes, while a TOML library would be the largest
 * dependency of the agent jar, for a file read once at start and on SIGHUP.
 */
public final class TomlParser {
    private final TomlCursor in;
    private final TomlValueReader values;
    private final TomlTable root = new TomlTable(TomlTable.Kind.EXPLICIT, 1);

    private TomlParser(String text, String fileName) {
        this.in = new TomlCursor(text, fileName);
        this.values = new TomlValueReader(in, this);
    }

    /**
     * @param fileName the name shown in error messages, e.g. {@code agent.toml}
     * @throws ConfigException naming file, line and key for any syntax error or redefinition
     */
    public static TomlTable parse(String text, String fileName) throws ConfigException {
        TomlParser parser = new TomlParser(text.startsWith("\uFEFF") ? text.substring(1) : text, fileName);
        parser.document();
        return parser.root;
    }

    private void document() throws ConfigException {
        TomlTable current = root;
        while (true) {
            in.skipBlank();
            if (in.atEnd()) {
                return;
            }
            in.key(null);
            if (in.peek() == '[') {
                current = header();
            } else {
                keyValue(current);
            }
        }
    }

    private TomlTable header() throws ConfigException {
        int line = in.line();
        in.next();
        boolean arrayOfTables = in.peek() == '[';
        if (arrayOfTables) {
            in.next();
        }
        in.skipSpaces();
        List<String> path = key();
        String name = String.join(".", path);
        in.skipSpaces();
        in.expect(']', "']' to close [" + name + "]");
        if (arrayOfTables) {
            in.expect(']', "']]' to close [[" + name + "]]");
        }
        in.expectEndOfLine("[" + name + "]");
        TomlTable parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = descendForHeader(parent, path.get(i), line, name);
        }
        String last = path.get(path.size() - 1);
        TomlValue existing = parent.get(last);
        if (arrayOfTables) {
            return appendTableArrayElement(parent, last, existing, line, name);
        }
        if (existing == null) {
            TomlTable table = new TomlTable(TomlTable.Kind.EXPLICIT, line);
            parent.put(last, new TomlValue(table, line, false));
            return table;
        }
        if (existing.isTable() && existing.table().kind() == TomlTable.Kind.IMPLICIT) {
            existing.table().kind(TomlTable.Kind.EXPLICIT);
            return existing.table();
        }
        throw new ConfigException(in.fileName(), line, null, "table [" + name + "] is already defined on line "
                + existing.line() + "; merge the two sections");
    }

    private TomlTable appendTableArrayElement(TomlTable parent, String last, TomlValue existing, int line,
                                              String name) throws ConfigException {
        TomlTable table = new TomlTable(TomlTable.Kind.EXPLICIT, line);
        if (existing == null) {
            List<TomlValue> items = new ArrayList<>();
            items.add(new TomlValue(table, line, false));
            parent.put(last, new TomlValue(items, line, true));
            return table;
        }
        if (!existing.isTableArray()) {
            throw new ConfigException(in.fileName(), line, null, "[[" + name + "]] conflicts with '" + last
                    + "' defined on line " + existing.line() + " as " + existing.typeName());
        }
        existing.array().add(new TomlValue(table, line, false));
        return table;
    }

    private TomlTable descendForHeader(TomlTable parent, String part, int line, String name)
            throws ConfigException {
        TomlValue v = parent.get(part);
        if (v == null) {
            TomlTable t = new TomlTable(TomlTable.Kind.IMPLICIT, line);
            parent.put(part, new TomlValue(t, line, false));
            return t;
        }
        if (v.isTableArray()) {
            List<TomlValue> items = v.array();
            return items.get(items.size() - 1).table();
        }
        if (v.isTable() && v.table().kind() != TomlTable.Kind.INLINE) {
            return v.table();
        }
        throw new ConfigException(in.fileName(), line, null, "[" + name + "] cannot extend '" + part
                + "', defined on line " + v.line() + " as " + (v.isTable() ? "an inline table" : v.typeName()));
    }

    private void keyValue(TomlTable current) throws ConfigException {
        List<String> key = key();
        in.key(key.get(key.size() - 1));
        in.skipSpaces();
        in.expect('=', "'=' after the key");
        in.skipSpaces();
        TomlValue value = values.read(0);
        place(current, key, value);
        in.expectEndOfLine("the value");
        in.key(null);
    }

    /** Reads a bare, quoted or dotted key. */
    List<String> key() throws ConfigException {
        List<String> parts = new ArrayList<>();
        while (true) {
            in.skipSpaces();
            char c = in.peek();
            if (c == '"') {
                parts.add(values.basicString());
            } else if (c == '\'') {
                parts.add(values.literalString());
            } else {
                StringBuilder sb = new StringBuilder();
                while (isBareKeyChar(in.peek())) {
                    sb.append(in.next());
                }
                if (sb.length() == 0) {
                    throw in.error(in.atEnd() ? "expected a key but the file ended"
                            : "expected a key but found '" + in.peek() + "'");
                }
                parts.add(sb.toString());
            }
            in.skipSpaces();
            if (in.peek() != '.') {
                return parts;
            }
            in.next();
        }
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** Puts {@code value} under a possibly dotted key, creating the intermediate tables. */
    void place(TomlTable table, List<String> key, TomlValue value) throws ConfigException {
        TomlTable target = table;
        for (int i = 0; i < key.size() - 1; i++) {
            String part = key.get(i);
            TomlValue v = target.get(part);
            if (v == null) {
                TomlTable t = new TomlTable(TomlTable.Kind.DOTTED, value.line());
                target.put(part, new TomlValue(t, value.line(), false));
                target = t;
            } else if (v.isTable() && v.table().kind() == TomlTable.Kind.DOTTED) {
                target = v.table();
            } else {
                throw in.error("dotted key '" + String.join(".", key) + "' cannot extend '" + part
                        + "', already defined on line " + v.line());
            }
        }
        String last = key.get(key.size() - 1);
        TomlValue existing = target.get(last);
        if (existing != null) {
            throw new ConfigException(in.fileName(), value.line(), last, "defined twice (first on line "
                    + existing.line() + ")");
        }
        target.put(last, value);
    }

    /** Closes an inline table and the tables its dotted keys created. */
    void freeze(TomlTable table) {
        table.kind(TomlTable.Kind.INLINE);
        for (TomlValue v : table.entries().values()) {
            if (v.isTable() && v.table().kind() == TomlTable.Kind.DOTTED) {
                freeze(v.table());
            }
        }
    }
}
