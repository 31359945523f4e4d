package org.atiot.cli;

import java.time.Duration;

/** Parses human durations ({@code 250ms}, {@code 10s}, {@code 5m}, {@code 2h}) for command-line options. */
final class Durations {
    private Durations() {
    }

    static Duration parse(String text, String what) throws UsageException {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                default: break;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // fall through to the error below
        }
        throw new UsageException(what + " must be a duration like 500ms, 10s, 5m or 2h, got '" + text + "'");
    }
}
