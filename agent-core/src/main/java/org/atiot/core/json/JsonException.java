package org.atiot.core.json;

/**
 * A document that is not valid JSON, or a member that does not have the expected type. For syntax errors
 * {@link #offset()} is the character offset where reading stopped; for type errors it is {@code -1}.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    /** A syntax error at {@code offset}. */
    public JsonException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** A well-formed document with unexpected content (wrong member type, missing member). */
    public JsonException(String message) {
        super(message);
        this.offset = -1;
    }

    /** Where reading stopped, or {@code -1} when the problem is not tied to a position. */
    public int offset() {
        return offset;
    }
}
