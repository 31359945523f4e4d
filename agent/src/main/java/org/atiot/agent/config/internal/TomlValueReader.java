package org.atiot.agent.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.atiot.agent.config.ConfigException;

/** Reads one TOML value (string, number, boolean, array or inline table) at the cursor. */
final class TomlValueReader {
    private static final Pattern DECIMAL_INT = Pattern.compile("[+-]?(0|[1-9](_?[0-9])*)");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(0|[1-9](_?[0-9])*)((\\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?|[eE][+-]?[0-9](_?[0-9])*)");
    private static final Pattern HEX_INT = Pattern.compile("0x[0-9A-Fa-f](_?[0-9A-Fa-f])*");
    private static final Pattern OCT_INT = Pattern.compile("0o[0-7](_?[0-7])*");
    private static final Pattern BIN_INT = Pattern.compile("0b[01](_?[01])*");
    private static final Pattern DATE_LIKE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}.*|[0-9]{2}:[0-9]{2}.*");
    /** Deeper nesting is refused, so a crafted file cannot exhaust the stack. */
    private static final int MAX_DEPTH = 32;

    private final TomlCursor in;
    private final TomlParser keys;

    TomlValueReader(TomlCursor in, TomlParser keys) {
        this.in = in;
        this.keys = keys;
    }

    TomlValue read(int depth) throws ConfigException {
        if (depth > MAX_DEPTH) {
            throw in.error("values nested deeper than " + MAX_DEPTH + " levels");
        }
        int line = in.line();
        char c = in.peek();
        switch (c) {
            case '"':
                return new TomlValue(in.startsWith("\"\"\"") ? multiLineBasic() : basicString(), line, false);
            case '\'':
                return new TomlValue(in.startsWith("'''") ? multiLineLiteral() : literalString(), line, false);
            case '[':
                return new TomlValue(array(depth), line, false);
            case '{':
                return new TomlValue(inlineTable(depth), line, false);
            case TomlCursor.EOF:
                throw in.error("expected a value but the file ended");
            default:
                return new TomlValue(scalar(), line, false);
        }
    }

    String basicString() throws ConfigException {
        in.expect('"', "'\"'");
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = in.peek();
            if (in.atEnd() || c == '\n' || c == '\r') {
                throw in.error("unterminated string; close it with '\"' on the same line");
            }
            in.next();
            if (c == '"') {
                return sb.toString();
            } else if (c == '\\') {
                escape(sb);
            } else {
                checkControl(c);
                sb.append(c);
            }
        }
    }

    String literalString() throws ConfigException {
        in.expect('\'', "'");
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = in.peek();
            if (in.atEnd() || c == '\n' || c == '\r') {
                throw in.error("unterminated string; close it with \"'\" on the same line");
            }
            in.next();
            if (c == '\'') {
                return sb.toString();
            }
            checkControl(c);
            sb.append(c);
        }
    }

    private String multiLineBasic() throws ConfigException {
        in.skip(3);
        in.skipNewline();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (in.atEnd()) {
                throw in.error("unterminated multi-line string; close it with '\"\"\"'");
            }
            if (in.startsWith("\"\"\"")) {
                in.skip(3);
                return sb.toString();
            }
            char c = in.peek();
            if (c == '\\') {
                in.next();
                if (lineEndingBackslash()) {
                    continue;
                }
                escape(sb);
            } else if (in.skipNewline()) {
                sb.append('\n');
            } else {
                in.next();
                checkControl(c);
                sb.append(c);
            }
        }
    }

    /** A backslash at the end of a line trims the newline and the whitespace that follows. */
    private boolean lineEndingBackslash() throws ConfigException {
        int ahead = 0;
        while (in.peek(ahead) == ' ' || in.peek(ahead) == '\t') {
            ahead++;
        }
        if (in.peek(ahead) != '\n' && in.peek(ahead) != '\r') {
            return false;
        }
        in.skipSpaces();
        while (in.skipNewline() || in.peek() == ' ' || in.peek() == '\t') {
            in.skipSpaces();
        }
        return true;
    }

    private String multiLineLiteral() throws ConfigException {
        in.skip(3);
        in.skipNewline();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (in.atEnd()) {
                throw in.error("unterminated multi-line string; close it with \"'''\"");
            }
            if (in.startsWith("'''")) {
                in.skip(3);
                return sb.toString();
            }
            if (in.skipNewline()) {
                sb.append('\n');
            } else {
                char c = in.next();
                checkControl(c);
                sb.append(c);
            }
        }
    }

    private void escape(StringBuilder sb) throws ConfigException {
        char e = in.atEnd() ? TomlCursor.EOF : in.next();
        switch (e) {
            case 'b': sb.append('\b'); break;
            case 't': sb.append('\t'); break;
            case 'n': sb.append('\n'); break;
            case 'f': sb.append('\f'); break;
            case 'r': sb.append('\r'); break;
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case 'u': sb.appendCodePoint(unicode(4)); break;
            case 'U': sb.appendCodePoint(unicode(8)); break;
            default:
                throw in.error("unknown escape '\\" + e + "'; write a backslash as '\\\\' or use a 'literal string'");
        }
    }

    private int unicode(int digits) throws ConfigException {
        int cp = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(in.peek(), 16);
            if (d < 0) {
                throw in.error("a \\u escape needs " + digits + " hex digits");
            }
            in.next();
            cp = cp * 16 + d;
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0) {
            throw in.error("escape U+" + Integer.toHexString(cp).toUpperCase() + " is not a Unicode scalar value");
        }
        return cp;
    }

    private void checkControl(char c) throws ConfigException {
        if (c != '\t' && (c < 0x20 || c == 0x7f)) {
            throw in.error("control character U+" + String.format("%04X", (int) c) + " in a string; escape it");
        }
    }

    private List<TomlValue> array(int depth) throws ConfigException {
        in.expect('[', "'['");
        List<TomlValue> items = new ArrayList<>();
        while (true) {
            in.skipBlank();
            if (in.peek() == ']') {
                in.next();
                return List.copyOf(items);
            }
            items.add(read(depth + 1));
            in.skipBlank();
            if (in.peek() == ',') {
                in.next();
            } else if (in.peek() != ']') {
                throw in.error("expected ',' or ']' in the array"
                        + (in.atEnd() ? " but the file ended" : " but found '" + in.peek() + "'"));
            }
        }
    }

    private TomlTable inlineTable(int depth) throws ConfigException {
        int line = in.line();
        in.expect('{', "'{'");
        TomlTable table = new TomlTable(TomlTable.Kind.EXPLICIT, line);
        in.skipSpaces();
        if (in.peek() == '}') {
            in.next();
            table.kind(TomlTable.Kind.INLINE);
            return table;
        }
        while (true) {
            in.skipSpaces();
            if (in.peek() == '\n' || in.peek() == '\r' || in.peek() == '#') {
                throw in.error("an inline table must stay on one line; use a [table] section for longer ones");
            }
            List<String> key = keys.key();
            in.skipSpaces();
            in.expect('=', "'=' after key '" + String.join(".", key) + "'");
            in.skipSpaces();
            keys.place(table, key, read(depth + 1));
            in.skipSpaces();
            char c = in.atEnd() ? TomlCursor.EOF : in.next();
            if (c == '}') {
                keys.freeze(table);
                return table;
            }
            if (c != ',') {
                throw in.error("expected ',' or '}' in the inline table (an inline table must stay on one line)");
            }
        }
    }

    private Object scalar() throws ConfigException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = in.peek();
            if (Character.isLetterOrDigit(c) || c == '_' || c == '+' || c == '-' || c == '.' || c == ':') {
                sb.append(in.next());
            } else {
                break;
            }
        }
        String token = sb.toString();
        if (token.isEmpty()) {
            throw in.error("expected a value but found '" + in.peek() + "'");
        }
        switch (token) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "inf": case "+inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": case "+nan": case "-nan": return Double.NaN;
            default: return number(token);
        }
    }

    private Object number(String token) throws ConfigException {
        try {
            if (DECIMAL_INT.matcher(token).matches()) {
                return Long.parseLong(token.replace("_", ""));
            }
            if (HEX_INT.matcher(token).matches()) {
                return Long.parseLong(token.substring(2).replace("_", ""), 16);
            }
            if (OCT_INT.matcher(token).matches()) {
                return Long.parseLong(token.substring(2).replace("_", ""), 8);
            }
            if (BIN_INT.matcher(token).matches()) {
                return Long.parseLong(token.substring(2).replace("_", ""), 2);
            }
        } catch (NumberFormatException e) {
            throw in.error("integer " + token + " does not fit in 64 bits");
        }
        if (FLOAT.matcher(token).matches()) {
            return Double.parseDouble(token.replace("_", ""));
        }
        if (DATE_LIKE.matcher(token).matches()) {
            throw in.error("dates and times are not supported here; write \"" + token + "\" as a string");
        }
        if (Character.isLetter(token.charAt(0))) {
            throw in.error("expected a value but found " + token + "; put text in quotes: \"" + token + "\"");
        }
        throw in.error("invalid number " + token);
    }
}
