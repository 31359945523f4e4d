package org.atiot.platform.server.internal;

/** What a verb writes back: a {@code data:} line followed by the prompt, raw bytes without a prompt, or nothing. */
final class Reply {
    private static final Reply NONE = new Reply(null, false);

    final String text;
    final boolean raw;

    private Reply(String text, boolean raw) {
        this.text = text;
        this.raw = raw;
    }

    static Reply data(String value) {
        return new Reply("data:" + value, false);
    }

    /** Text written as is, no prompt after it: the {@code pol} answer {@code @bob@}. */
    static Reply raw(String text) {
        return new Reply(text, true);
    }

    /** {@code monitor} answers nothing. */
    static Reply none() {
        return NONE;
    }

    boolean isNone() {
        return text == null;
    }
}
