package org.atiot.core.json;

/** A document that is not valid JSON; {@link #offset()} is where reading stopped. */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public JsonException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
