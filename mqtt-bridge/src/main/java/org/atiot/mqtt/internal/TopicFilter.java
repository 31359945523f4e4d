package org.atiot.mqtt.internal;

/** MQTT topic filter matching: {@code +} matches one level, a trailing {@code #} the rest (and the parent). */
public final class TopicFilter {
    private TopicFilter() {
    }

    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        // Topics starting with '$' (broker internals) never match a filter starting with a wildcard.
        if (!topic.isEmpty() && topic.charAt(0) == '$' && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
