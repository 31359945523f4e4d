package org.atiot.core;

import java.util.Locale;

/**
 * An atSign such as {@code @pi01}, normalised the way the atServer does it: lower case, one leading {@code @}.
 * Reserved characters, whitespace and control characters are rejected.
 */
public final class AtSign {
    private static final String RESERVED = "!*'`();:&=+$,/?#[]{}@\\\"";
    /** The server's own limit for the name part (wire reference §4.2). */
    public static final int MAX_NAME_LENGTH = 55;

    private final String value;

    private AtSign(String value) {
        this.value = value;
    }

    /** Parses {@code @alice} or {@code alice}; throws {@link IllegalArgumentException} naming the problem. */
    public static AtSign of(String text) {
        if (text == null) {
            throw new IllegalArgumentException("atSign is missing");
        }
        String name = text.trim();
        if (name.startsWith("@")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("atSign '" + text + "' has no name after '@'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("atSign '" + text + "' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || RESERVED.indexOf(c) >= 0) {
                throw new IllegalArgumentException("atSign '" + text + "' contains the reserved character '" + c + "'");
            }
        }
        return new AtSign("@" + name.toLowerCase(Locale.ROOT));
    }

    /** With the leading {@code @}: {@code @alice}. */
    @Override
    public String toString() {
        return value;
    }

    /** Without the leading {@code @}: {@code alice} (what the atDirectory is asked for). */
    public String withoutPrefix() {
        return value.substring(1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtSign && ((AtSign) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
