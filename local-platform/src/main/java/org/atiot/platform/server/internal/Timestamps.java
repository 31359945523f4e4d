package org.atiot.platform.server.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Dates as the real server prints them (Dart {@code DateTime.toString()} in UTC): {@code 2024-10-24 01:35:02.123Z}. */
final class Timestamps {
    private static final DateTimeFormatter DART_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(long epochMillis) {
        return DART_UTC.format(Instant.ofEpochMilli(epochMillis));
    }
}
