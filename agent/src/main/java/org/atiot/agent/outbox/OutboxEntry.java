package org.atiot.agent.outbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/**
 * One queued notification: already encrypted, with the id it keeps across every retry so that receivers can drop
 * duplicates. Stored in the durable queue as a small JSON document.
 */
public final class OutboxEntry {
    private static final int VERSION = 1;

    private final String id;
    private final AtSign recipient;
    private final String keyName;
    private final String ivNonce;
    private final String ciphertext;
    private final long createdAtMillis;

    public OutboxEntry(String id, AtSign recipient, String keyName, String ivNonce, String ciphertext,
                       long createdAtMillis) {
        this.id = id;
        this.recipient = recipient;
        this.keyName = keyName;
        this.ivNonce = ivNonce;
        this.ciphertext = ciphertext;
        this.createdAtMillis = createdAtMillis;
    }

    public String id() {
        return id;
    }

    public AtSign recipient() {
        return recipient;
    }

    /** The key the notification names, e.g. {@code telemetry.atiot}. */
    public String keyName() {
        return keyName;
    }

    public String ivNonce() {
        return ivNonce;
    }

    public String ciphertext() {
        return ciphertext;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public byte[] encode() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", (long) VERSION);
        m.put("id", id);
        m.put("to", recipient.toString());
        m.put("key", keyName);
        m.put("iv", ivNonce);
        m.put("ct", ciphertext);
        m.put("at", createdAtMillis);
        return Json.write(m).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a queued entry; a damaged one is reported, never guessed at. */
    public static OutboxEntry decode(byte[] payload) throws OutboxFormatException {
        try {
            Map<String, Object> m = Json.parseObject(new String(payload, StandardCharsets.UTF_8));
            if (!Long.valueOf(VERSION).equals(m.get("v"))) {
                throw new OutboxFormatException("queued entry has unknown version " + m.get("v"));
            }
            return new OutboxEntry(text(m, "id"), AtSign.of(text(m, "to")), text(m, "key"), text(m, "iv"),
                    text(m, "ct"), m.get("at") instanceof Long ? (Long) m.get("at") : 0L);
        } catch (JsonException | IllegalArgumentException e) {
            throw new OutboxFormatException("queued entry is not readable: " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> m, String name) throws OutboxFormatException {
        Object v = m.get(name);
        if (!(v instanceof String) || ((String) v).isEmpty()) {
            throw new OutboxFormatException("queued entry lacks '" + name + "'");
        }
        return (String) v;
    }
}
