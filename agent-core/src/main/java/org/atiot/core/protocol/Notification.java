package org.atiot.core.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.atiot.core.json.JsonFields;

/**
 * A notification pushed on a monitor connection ({@code notification: {json}}), live or replayed. Parsed leniently:
 * unknown members are ignored, as newer servers add fields.
 */
public final class Notification {
    private final String id;
    private final String from;
    private final String to;
    private final String key;
    private final String value;
    private final String operation;
    private final long epochMillis;
    private final String messageType;
    private final boolean encrypted;
    private final Map<String, String> metadata;

    private Notification(String id, String from, String to, String key, String value, String operation,
                         long epochMillis, String messageType, boolean encrypted, Map<String, String> metadata) {
        this.id = id;
        this.from = from;
        this.to = to;
        this.key = key;
        this.value = value;
        this.operation = operation;
        this.epochMillis = epochMillis;
        this.messageType = messageType;
        this.encrypted = encrypted;
        this.metadata = metadata;
    }

    /** Parses the JSON after {@code notification: }. */
    public static Notification parse(String json) throws AtProtocolException {
        try {
            Map<String, Object> o = Json.parseObject(json);
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, Object> rawMeta = JsonFields.optObject(o, "metadata");
            if (rawMeta != null) {
                for (Map.Entry<String, Object> e : rawMeta.entrySet()) {
                    if (e.getValue() != null && !"null".equals(e.getValue())) {
                        meta.put(e.getKey(), e.getValue().toString());
                    }
                }
            }
            Object epoch = o.get("epochMillis");
            return new Notification(JsonFields.string(o, "id"), JsonFields.optString(o, "from"),
                    JsonFields.optString(o, "to"), JsonFields.string(o, "key"), JsonFields.optString(o, "value"),
                    JsonFields.optString(o, "operation"), epoch instanceof Number ? ((Number) epoch).longValue() : 0L,
                    JsonFields.optString(o, "messageType"), JsonFields.optBoolean(o, "isEncrypted", false),
                    Collections.unmodifiableMap(meta));
        } catch (JsonException e) {
            throw new AtProtocolException("malformed notification: " + e.getMessage() + " in "
                    + AtProtocolException.quote(json));
        }
    }

    public String id() {
        return id;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String key() {
        return key;
    }

    /** The value (usually ciphertext), or {@code null}. */
    public String value() {
        return value;
    }

    public String operation() {
        return operation;
    }

    public long epochMillis() {
        return epochMillis;
    }

    public String messageType() {
        return messageType;
    }

    public boolean isEncrypted() {
        return encrypted;
    }

    /** Non-null metadata members as text ({@code ivNonce}, {@code sharedKeyEnc}, ...). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The server's periodic heartbeat and change signal (id {@code -1}). */
    public boolean isStats() {
        return "-1".equals(id);
    }

    @Override
    public String toString() {
        return "Notification[" + id + " " + from + " -> " + to + " " + key + "]";
    }
}
