package org.atiot.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.atiot.agent.config.internal.TomlParser;
import org.atiot.agent.config.internal.TomlTable;
import org.junit.jupiter.api.Test;

class TomlParserTest {
    private static Map<String, Object> parse(String text) throws ConfigException {
        return TomlParser.parse(text, "t.toml").toPlain();
    }

    private static ConfigException error(String text) {
        return assertThrows(ConfigException.class, () -> TomlParser.parse(text, "t.toml"));
    }

    /** Verifies comments, blank lines and CRLF line ends are accepted. */
    @Test
    void commentsAndLineEnds() throws ConfigException {
        assertEquals(Map.of("a", 1L, "b", "x # not a comment"),
                parse("# head\r\n\r\na = 1 # tail\r\n  b = \"x # not a comment\"\n# end"));
    }

    /** Verifies basic strings with every escape, literal strings and quoted keys. */
    @Test
    void strings() throws ConfigException {
        Map<String, Object> m = parse("s = \"tab\\t nl\\n q\\\" bs\\\\ \\u00e9 \\U0001F600 \\b\\f\\r\"\n"
                + "l = 'C:\\path\\no escapes'\n\"quoted key\" = 1\n'lit.key' = 2\n");
        assertEquals("tab\t nl\n q\" bs\\ \u00e9 \uD83D\uDE00 \b\f\r", m.get("s"));
        assertEquals("C:\\path\\no escapes", m.get("l"));
        assertEquals(1L, m.get("quoted key"));
        assertEquals(2L, m.get("lit.key"));
    }

    /** Verifies multi-line strings: first newline trimmed, line-ending backslash, raw literal. */
    @Test
    void multiLineStrings() throws ConfigException {
        Map<String, Object> m = parse("a = \"\"\"\nline1\nline2 \\\n    joined\"\"\"\nb = '''\nraw \\n\n'''\n");
        assertEquals("line1\nline2 joined", m.get("a"));
        assertEquals("raw \\n\n", m.get("b"));
    }

    /** Verifies integers in every base with underscores, floats, infinities and booleans. */
    @Test
    void numbersAndBooleans() throws ConfigException {
        Map<String, Object> m = parse("a = 1_000\nb = -17\nc = 0x76\nd = 0o17\ne = 0b1010\nf = 3.5\ng = -1e3\n"
                + "h = 6.02E+2_3\ni = inf\nj = true\nk = false\nl = +0\n");
        assertEquals(1000L, m.get("a"));
        assertEquals(-17L, m.get("b"));
        assertEquals(0x76L, m.get("c"));
        assertEquals(15L, m.get("d"));
        assertEquals(10L, m.get("e"));
        assertEquals(3.5, m.get("f"));
        assertEquals(-1000.0, m.get("g"));
        assertEquals(6.02e23, m.get("h"));
        assertEquals(Double.POSITIVE_INFINITY, m.get("i"));
        assertEquals(true, m.get("j"));
        assertEquals(false, m.get("k"));
        assertEquals(0L, m.get("l"));
    }

    /** Verifies arrays (nested, multi-line, trailing comma, comments inside) and inline tables. */
    @Test
    void arraysAndInlineTables() throws ConfigException {
        Map<String, Object> m = parse("a = [1, [2, 3], \"x\"]\nb = [\n  1, # one\n  2,\n]\n"
                + "c = { x = 1, y.z = \"w\" }\nd = []\ne = {}\n");
        assertEquals(List.of(1L, List.of(2L, 3L), "x"), m.get("a"));
        assertEquals(List.of(1L, 2L), m.get("b"));
        assertEquals(Map.of("x", 1L, "y", Map.of("z", "w")), m.get("c"));
        assertEquals(List.of(), m.get("d"));
        assertEquals(Map.of(), m.get("e"));
    }

    /** Verifies tables, sub-tables, dotted keys and arrays of tables. */
    @Test
    void tablesAndArraysOfTables() throws ConfigException {
        Map<String, Object> m = parse("top = 1\n[a.b]\nc = 2\n[a]\nd.e = 3\n[[s]]\nid = 'x'\n[[s]]\nid = 'y'\n"
                + "[s.opts]\nk = 1\n");
        assertEquals(1L, m.get("top"));
        assertEquals(Map.of("b", Map.of("c", 2L), "d", Map.of("e", 3L)), m.get("a"));
        assertEquals(List.of(Map.of("id", "x"), Map.of("id", "y", "opts", Map.of("k", 1L))), m.get("s"));
    }

    /** Verifies that every value remembers its line. */
    @Test
    void valuesRememberTheirLine() throws ConfigException {
        TomlTable t = TomlParser.parse("\n\na = 1\n[t]\nb = [\n1]\n", "t.toml");
        assertEquals(3, t.get("a").line());
        assertEquals(4, t.get("t").line());
        assertEquals(5, t.get("t").table().get("b").line());
    }

    /** Verifies the messages of syntax errors: file, line, key and what to do. */
    @Test
    void syntaxErrorsNameFileLineAndKey() {
        assertEquals("t.toml:2: key 'name': unterminated string; close it with '\"' on the same line",
                error("a = 1\nname = \"abc\n").getMessage());
        assertEquals("t.toml:1: key 'x': expected a value but found ten; put text in quotes: \"ten\"",
                error("x = ten").getMessage());
        assertEquals("t.toml:3: key 'a': defined twice (first on line 1)",
                error("a = 1\nb = 2\na = 3\n").getMessage());
        assertEquals("t.toml:1: key 'a': expected '=' after the key but found '1'", error("a 1").getMessage());
        ConfigException e = error("[t]\nx=1\n[t]\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("table [t] is already defined on line 1"), e.getMessage());
        assertTrue(error("a = 1 b = 2").getMessage().contains("put each entry on its own line"));
        assertTrue(error("d = 2024-01-01").getMessage().contains("dates and times are not supported"));
        assertTrue(error("a = \"\\q\"").getMessage().contains("unknown escape '\\q'"));
        assertTrue(error("a = 99999999999999999999").getMessage().contains("does not fit in 64 bits"));
        assertTrue(error("a = 1__0").getMessage().contains("invalid number 1__0"));
        assertTrue(error("a = 012").getMessage().contains("invalid number 012"));
        assertTrue(error("a = [1, 2").getMessage().contains("expected ',' or ']'"));
        assertTrue(error("a = { x = 1,\n y = 2 }").getMessage().contains("inline table"));
        assertTrue(error("a = {x = 1}\n[a]\n").getMessage().contains("already defined"));
        assertTrue(error("a = {x = 1}\n[a.b]\n").getMessage().contains("inline table"));
        assertTrue(error("a = 1\n[[a]]\n").getMessage().contains("conflicts with 'a'"));
        assertTrue(error("[a\n").getMessage().contains("']'"));
        assertTrue(error("a = \"x\u0001\"").getMessage().contains("control character U+0001"));
        assertTrue(error("a = \"\\uD800\"").getMessage().contains("not a Unicode scalar value"));
        assertTrue(error("a.b = 1\na.b.c = 2").getMessage().contains("cannot extend 'b'"));
        assertTrue(error("a = 1\ra").getMessage().contains("carriage return"));
    }

    /** Verifies that hostile nesting is refused instead of overflowing the stack. */
    @Test
    void deepNestingIsRefused() {
        String deep = "a = " + "[".repeat(10_000) + "]".repeat(10_000);
        assertTrue(error(deep).getMessage().contains("nested deeper than"));
    }
}
