package org.atiot.core;

import java.util.Locale;

/**
 * An atSign such as {@code @pi01}, normalised the way the atServer normalises it: lower case, one leading {@code @},
 * dots removed ({@code @colin.constable} is {@code @colinconstable}). Reserved characters, a second {@code @},
 * whitespace and control characters are rejected, so an {@code AtSign} can be put into any protocol command as is.
 */
public final class AtSign {
    /** The server's own limit for the name part (wire reference §4.2). */
    public static final int MAX_NAME_LENGTH = 55;

    private static final String RESERVED = "!*'`();:&=+$,/?#[]{}@\\\"";

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
        // The server drops dots from atSigns; doing the same keeps our name equal to the one in its prompts.
        name = name.replace(".", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("atSign '" + text + "' has no name after '@'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "atSign '" + text + "' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isSpaceOrControl(c)) {
                throw new IllegalArgumentException("atSign '" + text + "' contains whitespace or a control character");
            }
            if (RESERVED.indexOf(c) >= 0) {
                throw new IllegalArgumentException("atSign '" + text + "' contains the reserved character '" + c + "'");
            }
        }
        return new AtSign("@" + name.toLowerCase(Locale.ROOT));
    }

    private static boolean isSpaceOrControl(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || (c >= '\u2400' && c <= '\u2425'); // Unicode "control pictures" such as U+2424 SYMBOL FOR NEWLINE
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
