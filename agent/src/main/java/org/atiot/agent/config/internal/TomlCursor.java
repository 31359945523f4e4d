package org.atiot.agent.config.internal;

import org.atiot.agent.config.ConfigException;

/** Position in the TOML text, with line counting and error messages that name file, line and current key. */
final class TomlCursor {
    static final char EOF = '\0';

    private final String text;
    private final String fileName;
    private int pos;
    private int line = 1;
    private String key;

    TomlCursor(String text, String fileName) {
        this.text = text;
        this.fileName = fileName;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return pos < text.length() ? text.charAt(pos) : EOF;
    }

    char peek(int ahead) {
        int p = pos + ahead;
        return p < text.length() ? text.charAt(p) : EOF;
    }

    boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    char next() {
        char c = text.charAt(pos++);
        if (c == '\n') {
            line++;
        }
        return c;
    }

    void skip(int n) {
        for (int i = 0; i < n; i++) {
            next();
        }
    }

    int line() {
        return line;
    }

    /** The key whose value is being read, for messages; {@code null} outside a key/value pair. */
    void key(String currentKey) {
        this.key = currentKey;
    }

    String key() {
        return key;
    }

    String fileName() {
        return fileName;
    }

    void skipSpaces() {
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
    }

    void skipComment() throws ConfigException {
        if (peek() != '#') {
            return;
        }
        while (!atEnd() && peek() != '\n') {
            char c = next();
            if (c != '\t' && c != '\r' && (c < 0x20 || c == 0x7f)) {
                throw error("control character U+" + String.format("%04X", (int) c) + " in a comment");
            }
        }
    }

    /** Consumes a newline ({@code \n} or {@code \r\n}) if one is next. */
    boolean skipNewline() throws ConfigException {
        if (peek() == '\n') {
            next();
            return true;
        }
        if (peek() == '\r') {
            if (peek(1) != '\n') {
                throw error("a carriage return must be followed by a line feed");
            }
            next();
            next();
            return true;
        }
        return false;
    }

    /** Spaces, comments and newlines, as allowed inside arrays. */
    void skipBlank() throws ConfigException {
        while (true) {
            skipSpaces();
            skipComment();
            if (!skipNewline()) {
                return;
            }
        }
    }

    /** After a key/value pair or header only spaces and a comment may follow on the line. */
    void expectEndOfLine(String after) throws ConfigException {
        skipSpaces();
        skipComment();
        if (!atEnd() && !skipNewline()) {
            throw error("unexpected '" + peek() + "' after " + after + "; put each entry on its own line");
        }
    }

    void expect(char c, String what) throws ConfigException {
        if (peek() != c) {
            throw error("expected " + what + (atEnd() ? " but the file ended" : " but found '" + peek() + "'"));
        }
        next();
    }

    ConfigException error(String problem) {
        return new ConfigException(fileName, line, key, problem);
    }
}
