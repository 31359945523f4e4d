package org.atiot.agent.telemetry;

/** The rule for sensor ids and quantity names: short, printable, safe to show in a terminal table. */
final class Names {
    static final int MAX_LENGTH = 64;

    private Names() {
    }

    /** Whether {@code s} is 1..{@value #MAX_LENGTH} characters of {@code [A-Za-z0-9_.-]}. */
    static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String requireValid(String what, String s) {
        if (!isValid(s)) {
            throw new IllegalArgumentException(what + " '" + s + "' must be 1 to " + MAX_LENGTH
                    + " characters of letters, digits, '_', '.' or '-'");
        }
        return s;
    }
}
