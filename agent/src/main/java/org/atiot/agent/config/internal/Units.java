package org.atiot.agent.config.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the unit-carrying values of the config: durations ({@code "500ms"}, {@code "10s"}) and sizes ({@code "16MB"}). */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,9})\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");

    private Units() {
    }

    /** {@code "500ms"}, {@code "10s"}, {@code "5m"}, {@code "1h"}, {@code "7d"}; {@code null} if not one. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms": return Duration.ofMillis(n);
            case "s": return Duration.ofSeconds(n);
            case "m": return Duration.ofMinutes(n);
            case "h": return Duration.ofHours(n);
            default: return Duration.ofDays(n);
        }
    }

    /**
     * Bytes in {@code "512B"}, {@code "64KB"}, {@code "16MB"}, {@code "1GB"} (binary multiples: 1KB = 1024 B,
     * as in tinylog; {@code KiB}/{@code MiB}/{@code GiB} are accepted too); {@code null} if not one.
     */
    public static Long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches() || m.group(2) == null) {
            // A bare number is refused: "16" could mean bytes or megabytes.
            return null;
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "B": return n;
            case "KB": case "KIB": return n * 1024;
            case "MB": case "MIB": return n * 1024 * 1024;
            default: return n * 1024 * 1024 * 1024;
        }
    }

    /** The shortest exact form, as the config would write it: {@code 1500ms}, {@code 10s}, {@code 5m}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        } else if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        } else if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    public static String formatSize(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "GB";
        } else if (bytes > 0 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "MB";
        } else if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "KB";
        }
        return bytes + "B";
    }
}
