package org.atiot.platform.server.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression sent by a client ({@code scan}, {@code monitor}, {@code notify:list}): the protocol lets
 * clients filter with their own patterns, so each match runs on a step budget. A catastrophic pattern such as
 * {@code (a+)+$} then costs a bounded amount of work and matches nothing, instead of holding a server thread.
 */
final class ClientRegex {
    static final int MAX_LENGTH = 1024;
    /** Characters the matcher may read per subject; key names are at most a few hundred characters. */
    static final int MAX_STEPS = 200_000;

    private final Pattern pattern;

    private ClientRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    static ClientRegex compile(String regex) throws ServerError {
        if (regex.length() > MAX_LENGTH) {
            throw ServerError.of("AT0003", "invalid regex: longer than " + MAX_LENGTH + " characters");
        }
        try {
            return new ClientRegex(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw ServerError.of("AT0003", "invalid regex: " + e.getDescription());
        }
    }

    /** True when the pattern occurs in {@code text}; a search that runs out of budget counts as no match. */
    boolean find(String text) {
        try {
            return pattern.matcher(new Budgeted(text)).find();
        } catch (OutOfSteps e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /** The subject, counting every character the matcher reads. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private int steps;

        Budgeted(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++steps > MAX_STEPS) {
                throw OutOfSteps.INSTANCE;
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Thrown through the matcher to stop it; carries no stack trace, it is control flow. */
    private static final class OutOfSteps extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final OutOfSteps INSTANCE = new OutOfSteps();

        private OutOfSteps() {
            super("regex step budget exhausted", null, false, false);
        }
    }
}
