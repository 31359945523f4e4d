package org.atiot.agent.telemetry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.atiot.agent.telemetry.internal.BatchFormat;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/**
 * Parses and validates a telemetry batch document (schema in {@link TelemetryBatch}) on the receiving side.
 *
 * <p>The document comes from the network, so every rule is checked and every violation is a
 * {@link TelemetryFormatException} naming the member; nothing else escapes. Unknown members are ignored, so a
 * newer agent may add members without a new version. Stateless and thread-safe.
 */
public final class TelemetryDecoder {
    /** Longer documents are refused before parsing: no valid batch exceeds the largest batch size limit. */
    public static final int MAX_DOCUMENT_CHARS = BatchPolicy.MAX_MAX_BYTES;
    /** A batch cannot hold more readings than the largest max-readings setting. */
    public static final int MAX_READINGS = 10_000;
    /** More values per reading than any sensor produces. */
    public static final int MAX_VALUES_PER_READING = 64;

    private TelemetryDecoder() {
    }

    /** Decodes {@code json} into a batch, or throws naming what is wrong. */
    public static TelemetryBatch decode(String json) throws TelemetryFormatException {
        if (json == null || json.isEmpty()) {
            throw new TelemetryFormatException("telemetry document is empty");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new TelemetryFormatException("telemetry document is " + json.length() + " characters, more than the "
                    + MAX_DOCUMENT_CHARS + " a batch may have");
        }
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(json);
        } catch (JsonException e) {
            throw new TelemetryFormatException("telemetry document is not valid JSON: " + e.getMessage());
        }
        Object version = doc.get(BatchFormat.V);
        if (!(version instanceof Long)) {
            throw new TelemetryFormatException("not a telemetry batch: member 'v' (schema version) is missing");
        }
        if ((Long) version != BatchFormat.VERSION) {
            throw new TelemetryFormatException("telemetry schema version " + version + " is not supported (this atiot"
                    + " reads version " + BatchFormat.VERSION + "); upgrade atiot on the receiving side");
        }
        AtSign device = atSign(doc, BatchFormat.DEVICE);
        UUID bootId = uuid(doc, BatchFormat.BOOT);
        long bootNumber = longAtLeast(doc, BatchFormat.BOOT_NUMBER, 1, "");
        long previous = longAtLeast(doc, BatchFormat.PREVIOUS, 0, "");
        long first = longAtLeast(doc, BatchFormat.FIRST, 1, "");
        long last = longAtLeast(doc, BatchFormat.LAST, 1, "");
        long sentAt = longAtLeast(doc, BatchFormat.SENT_AT, Long.MIN_VALUE, "");
        long sentMono = longAtLeast(doc, BatchFormat.SENT_MONO, 0, "");
        List<TelemetryReading> readings = readings(doc);

        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        Set<Long> seen = new HashSet<>();
        for (TelemetryReading r : readings) {
            if (!seen.add(r.sequence())) {
                throw new TelemetryFormatException("reading sequence " + r.sequence() + " appears twice in the batch");
            }
            min = Math.min(min, r.sequence());
            max = Math.max(max, r.sequence());
        }
        if (min != first || max != last) {
            throw new TelemetryFormatException("members 'first'/'last' (" + first + ".." + last
                    + ") do not match the readings' sequences (" + min + ".." + max + ")");
        }
        return new TelemetryBatch(device, bootId, bootNumber, previous, sentAt, sentMono, readings);
    }

    private static List<TelemetryReading> readings(Map<String, Object> doc) throws TelemetryFormatException {
        Object value = doc.get(BatchFormat.READINGS);
        if (!(value instanceof List)) {
            throw new TelemetryFormatException("member 'readings' must be an array");
        }
        List<?> list = (List<?>) value;
        if (list.isEmpty() || list.size() > MAX_READINGS) {
            throw new TelemetryFormatException("member 'readings' must hold 1.." + MAX_READINGS + " readings, has "
                    + list.size());
        }
        List<TelemetryReading> readings = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            readings.add(reading(list.get(i), "readings[" + i + "]."));
        }
        return readings;
    }

    private static TelemetryReading reading(Object item, String path) throws TelemetryFormatException {
        Map<String, Object> r = object(item, path);
        long seq = longAtLeast(r, BatchFormat.SEQ, 1, path);
        String sensor = name(r, BatchFormat.SENSOR, path);
        long time = longAtLeast(r, BatchFormat.TIME, Long.MIN_VALUE, path);
        long mono = longAtLeast(r, BatchFormat.MONO, 0, path);
        Object status = r.get(BatchFormat.STATUS);
        List<Measurement> values = values(r, path);
        if (BatchFormat.STATUS_OK.equals(status)) {
            return TelemetryReading.ok(sensor, seq, time, mono, values);
        }
        if (BatchFormat.STATUS_FAULT.equals(status)) {
            Object reason = r.get(BatchFormat.REASON);
            if (!(reason instanceof String)) {
                throw new TelemetryFormatException("member '" + path + BatchFormat.REASON
                        + "' must be a string in a fault reading");
            }
            return TelemetryReading.fault(sensor, seq, time, mono, (String) reason, values);
        }
        throw new TelemetryFormatException("member '" + path + BatchFormat.STATUS + "' must be \"ok\" or \"fault\"");
    }

    private static List<Measurement> values(Map<String, Object> r, String path) throws TelemetryFormatException {
        Object value = r.get(BatchFormat.VALUES);
        if (!(value instanceof List)) {
            throw new TelemetryFormatException("member '" + path + BatchFormat.VALUES + "' must be an array");
        }
        List<?> list = (List<?>) value;
        if (list.size() > MAX_VALUES_PER_READING) {
            throw new TelemetryFormatException("member '" + path + BatchFormat.VALUES + "' has " + list.size()
                    + " values, more than " + MAX_VALUES_PER_READING);
        }
        List<Measurement> values = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + BatchFormat.VALUES + "[" + i + "].";
            Map<String, Object> m = object(list.get(i), itemPath);
            String name = name(m, BatchFormat.NAME, itemPath);
            Object number = m.get(BatchFormat.VALUE);
            double d;
            if (number == null) {
                d = Double.NaN;
            } else if (number instanceof Number) {
                d = ((Number) number).doubleValue();
            } else {
                throw new TelemetryFormatException("member '" + itemPath + BatchFormat.VALUE
                        + "' must be a number or null");
            }
            Object unit = m.get(BatchFormat.UNIT);
            if (!(unit instanceof String) || ((String) unit).length() > Names.MAX_LENGTH) {
                throw new TelemetryFormatException("member '" + itemPath + BatchFormat.UNIT
                        + "' must be a string of at most " + Names.MAX_LENGTH + " characters");
            }
            values.add(Measurement.of(name, d, (String) unit));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object item, String path) throws TelemetryFormatException {
        if (!(item instanceof Map)) {
            throw new TelemetryFormatException("'" + path.substring(0, path.length() - 1) + "' must be an object");
        }
        return (Map<String, Object>) item;
    }

    private static String name(Map<String, Object> o, String member, String path) throws TelemetryFormatException {
        Object v = o.get(member);
        if (!(v instanceof String) || !Names.isValid((String) v)) {
            throw new TelemetryFormatException("member '" + path + member + "' must be 1 to " + Names.MAX_LENGTH
                    + " characters of letters, digits, '_', '.' or '-'");
        }
        return (String) v;
    }

    private static long longAtLeast(Map<String, Object> o, String member, long min, String path)
            throws TelemetryFormatException {
        Object v = o.get(member);
        if (!(v instanceof Long) || (Long) v < min) {
            throw new TelemetryFormatException("member '" + path + member + "' must be an integer"
                    + (min == Long.MIN_VALUE ? "" : " >= " + min));
        }
        return (Long) v;
    }

    private static AtSign atSign(Map<String, Object> o, String member) throws TelemetryFormatException {
        Object v = o.get(member);
        if (!(v instanceof String)) {
            throw new TelemetryFormatException("member '" + member + "' must be an atSign string");
        }
        try {
            return AtSign.of((String) v);
        } catch (IllegalArgumentException e) {
            throw new TelemetryFormatException("member '" + member + "': " + e.getMessage());
        }
    }

    private static UUID uuid(Map<String, Object> o, String member) throws TelemetryFormatException {
        Object v = o.get(member);
        if (v instanceof String && ((String) v).length() == 36) {
            try {
                return UUID.fromString((String) v);
            } catch (IllegalArgumentException e) {
                // fall through to the error below
            }
        }
        throw new TelemetryFormatException("member '" + member + "' must be a UUID like"
                + " \"3f0c2a4e-9b1d-4c6e-8f00-1a2b3c4d5e6f\"");
    }
}
