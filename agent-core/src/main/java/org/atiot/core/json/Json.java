package org.atiot.core.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer (RFC 8259).
 *
 * <p>Why our own: the agent exchanges a handful of small documents (notifications, key files, enrollment
 * requests, telemetry batches); a general JSON library would be most of the jar's bytes for that. The model is
 * plain Java: objects become insertion-ordered {@code Map<String, Object>}, arrays {@code List<Object>}, strings
 * {@code String}, numbers {@code Long} when integral and in range, otherwise {@code Double}; booleans
 * {@code Boolean}; JSON null is Java {@code null}.
 *
 * <p>Hostile input is bounded: nesting is limited to {@value #MAX_DEPTH} levels, a number literal to
 * {@value #MAX_NUMBER_LENGTH} characters (converting a huge literal costs quadratic time), numbers outside the
 * {@code double} range and duplicate member names are refused, and every error is a {@link JsonException} carrying
 * the character offset.
 */
public final class Json {
    /** Deeper documents are rejected, so a crafted input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 64;
    /** Longer number literals are rejected; no value the agent exchanges needs more than a few dozen digits. */
    public static final int MAX_NUMBER_LENGTH = 256;
    private static final int MAX_NAME_IN_MESSAGE = 40;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value; trailing non-whitespace is an error. */
    public static Object parse(String text) throws JsonException {
        if (text == null) {
            throw new JsonException("no JSON text", 0);
        }
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw new JsonException("unexpected text after the JSON value", parser.pos);
        }
        return value;
    }

    /** Parses text that must hold a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) throws JsonException {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonException("expected a JSON object", 0);
        }
        return (Map<String, Object>) value;
    }

    /** Writes a value of the plain-Java model as compact JSON. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(64);
        writeValue(out, value);
        return out.toString();
    }

    /** Appends {@code s} as a quoted JSON string. */
    public static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            writeString(out, (String) value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append("null"); // JSON has no NaN/Infinity; null is what readers can accept
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d).append(".0");
            } else {
                out.append(d);
            }
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, String.valueOf(e.getKey()));
                out.append(':');
                writeValue(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Iterable) {
            out.append('[');
            boolean first = true;
            for (Object item : (Iterable<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private Object readValue(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nesting deeper than " + MAX_DEPTH, pos);
        }
        if (pos >= text.length()) {
            throw new JsonException("unexpected end of JSON", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return readObject(depth);
            case '[': return readArray(depth);
            case '"': return readString();
            case 't': expectWord("true"); return Boolean.TRUE;
            case 'f': expectWord("false"); return Boolean.FALSE;
            case 'n': expectWord("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw new JsonException("unexpected character '" + c + "'", pos);
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected a quoted member name", pos);
            }
            int keyStart = pos;
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            // Readers disagree on which of two equal names wins, so a document with both is refused outright.
            if (map.containsKey(key)) {
                throw new JsonException("duplicate member name '" + shorten(key) + "'", keyStart);
            }
            map.put(key, readValue(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw new JsonException("expected ',' or '}' in object", pos - 1);
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw new JsonException("expected ',' or ']' in array", pos - 1);
            }
        }
    }

    private String readString() throws JsonException {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw new JsonException("unterminated string", start);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw new JsonException("control character in string", pos);
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
                pos++;
                sb.append(readEscape());
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    private char readEscape() throws JsonException {
        char e = next();
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw new JsonException("truncated \\u escape", pos);
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos + i), 16);
                    if (digit < 0) {
                        throw new JsonException("bad hex digit in \\u escape", pos + i);
                    }
                    code = code * 16 + digit;
                }
                pos += 4;
                return (char) code;
            default:
                throw new JsonException("bad escape '\\" + e + "'", pos - 1);
        }
    }

    private Number readNumber() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw new JsonException("bad number", start);
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw new JsonException("bad fraction in number", pos);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new JsonException("bad exponent in number", pos);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw new JsonException("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
        }
        String literal = text.substring(start, pos);
        if (integral && literal.length() <= 18) {
            return Long.parseLong(literal);
        }
        if (integral) {
            try {
                return new BigDecimal(literal).longValueExact();
            } catch (ArithmeticException tooBig) {
                // falls through to a double, like every JSON reader that has no big-integer type
            }
        }
        double d = Double.parseDouble(literal);
        if (Double.isInfinite(d)) {
            throw new JsonException("number out of range", start);
        }
        return d;
    }

    private static String shorten(String s) {
        return s.length() <= MAX_NAME_IN_MESSAGE ? s : s.substring(0, MAX_NAME_IN_MESSAGE) + "...";
    }

    private void expectWord(String word) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw new JsonException("expected '" + word + "'", pos);
        }
        pos += word.length();
    }

    private void expect(char c) throws JsonException {
        if (next() != c) {
            throw new JsonException("expected '" + c + "'", pos - 1);
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws JsonException {
        if (pos >= text.length()) {
            throw new JsonException("unexpected end of JSON", pos);
        }
        return text.charAt(pos++);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
