package org.atiot.agent.commands.internal;

/** The rule for command and actuator ids: short and free of separators used in keys and logs. */
public final class Ids {
    public static final int MAX_LENGTH = 64;

    private Ids() {
    }

    /** Whether {@code s} is 1..{@value #MAX_LENGTH} characters of {@code [A-Za-z0-9_.-]}. */
    public static boolean isValid(String s) {
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

    /** {@code s} cut to 40 characters with control characters replaced, safe to quote in a message. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 43));
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 40 ? sb.append("...").toString() : sb.toString();
    }
}
