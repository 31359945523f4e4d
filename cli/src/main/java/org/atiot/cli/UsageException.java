package org.atiot.cli;

/** Arguments that do not fit a verb; the message says what is wrong, the verb's usage follows it. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
