package org.atiot.agent.telemetry.internal;

import java.util.List;
import java.util.UUID;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.json.Json;

/**
 * Writes the telemetry batch document (schema in {@link org.atiot.agent.telemetry.TelemetryBatch}).
 *
 * <p>A reading is encoded once into a fragment when it is batched, and fragments are joined at flush time, so a
 * reading sent to several recipients is not encoded several times and the batch size is known before flushing.
 */
public final class BatchFormat {
    public static final int VERSION = 1;

    public static final String V = "v";
    public static final String DEVICE = "device";
    public static final String BOOT = "boot";
    public static final String BOOT_NUMBER = "bootNo";
    public static final String PREVIOUS = "prev";
    public static final String FIRST = "first";
    public static final String LAST = "last";
    public static final String SENT_AT = "sentAt";
    public static final String SENT_MONO = "sentMono";
    public static final String READINGS = "readings";

    public static final String SEQ = "seq";
    public static final String SENSOR = "sensor";
    public static final String TIME = "t";
    public static final String MONO = "mono";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String VALUES = "values";
    public static final String STATUS_OK = "ok";
    public static final String STATUS_FAULT = "fault";

    public static final String NAME = "name";
    public static final String VALUE = "value";
    public static final String UNIT = "unit";

    private BatchFormat() {
    }

    /** One reading as a JSON object. */
    public static String readingFragment(TelemetryReading r) {
        StringBuilder out = new StringBuilder(96 + 48 * r.measurements().size());
        out.append("{\"").append(SEQ).append("\":").append(r.sequence());
        out.append(",\"").append(SENSOR).append("\":");
        Json.writeString(out, r.sensorId());
        out.append(",\"").append(TIME).append("\":").append(r.takenAtEpochMillis());
        out.append(",\"").append(MONO).append("\":").append(r.monotonicMillis());
        out.append(",\"").append(STATUS).append("\":\"").append(r.isOk() ? STATUS_OK : STATUS_FAULT).append('"');
        if (!r.isOk()) {
            out.append(",\"").append(REASON).append("\":");
            Json.writeString(out, r.faultReason());
        }
        out.append(",\"").append(VALUES).append("\":[");
        List<Measurement> values = r.measurements();
        for (int i = 0; i < values.size(); i++) {
            Measurement m = values.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"").append(NAME).append("\":");
            Json.writeString(out, m.name());
            out.append(",\"").append(VALUE).append("\":");
            appendNumber(out, m.value());
            out.append(",\"").append(UNIT).append("\":");
            Json.writeString(out, m.unit());
            out.append('}');
        }
        return out.append("]}").toString();
    }

    /** The whole document around already encoded reading fragments. */
    public static String document(String device, UUID bootId, long bootNumber, long previous, long first, long last,
                                  long sentAtEpochMillis, long sentMonotonicMillis, List<String> fragments,
                                  int fragmentBytes) {
        StringBuilder out = new StringBuilder(256 + fragmentBytes + fragments.size());
        out.append("{\"").append(V).append("\":").append(VERSION);
        out.append(",\"").append(DEVICE).append("\":");
        Json.writeString(out, device);
        out.append(",\"").append(BOOT).append("\":\"").append(bootId).append('"');
        out.append(",\"").append(BOOT_NUMBER).append("\":").append(bootNumber);
        out.append(",\"").append(PREVIOUS).append("\":").append(previous);
        out.append(",\"").append(FIRST).append("\":").append(first);
        out.append(",\"").append(LAST).append("\":").append(last);
        out.append(",\"").append(SENT_AT).append("\":").append(sentAtEpochMillis);
        out.append(",\"").append(SENT_MONO).append("\":").append(sentMonotonicMillis);
        out.append(",\"").append(READINGS).append("\":[");
        for (int i = 0; i < fragments.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(fragments.get(i));
        }
        return out.append("]}").toString();
    }

    /** JSON has no NaN or infinity; they travel as {@code null} and decode back to NaN. */
    private static void appendNumber(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null");
        } else {
            out.append(d);
        }
    }

    /**
     * An upper bound, in UTF-8 bytes, of the document around the readings for {@code device}: the envelope
     * written with the longest possible numbers.
     */
    public static int envelopeBytes(String device) {
        long widest = Long.MIN_VALUE;
        return utf8Length(document(device, new UUID(widest, widest), widest, widest, widest, widest, widest, widest,
                List.of(), 0));
    }

    /** The UTF-8 length of {@code s} without encoding it. */
    public static int utf8Length(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
