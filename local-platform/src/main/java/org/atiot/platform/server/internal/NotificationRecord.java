package org.atiot.platform.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** One stored notification, sent or received, with the JSON forms the real server emits (wire reference §6). */
final class NotificationRecord {
    static final String SENT = "sent";
    static final String RECEIVED = "received";
    static final String SELF = "self";

    String id;
    String from;
    String to;
    String key;
    String value;
    String operation = "update";
    String messageType = "key";
    String type;
    String status;
    long epochMillis;
    long expiresAtMillis;
    int retryCount;
    String notifier = "SYSTEM";
    String priority = "low";
    String strategy = "all";
    boolean isEncrypted;
    /** Metadata attributes as they travel on the wire (ttl, ttr, ccd, ivNonce, sharedKeyEnc, …). */
    final Map<String, String> attributes = new LinkedHashMap<>();

    boolean isExpired(long now) {
        return now >= expiresAtMillis;
    }

    String attribute(String name) {
        return attributes.get(name);
    }

    /** The live {@code notification:} JSON sent to monitors. */
    String liveJson() {
        Map<String, Object> m = head();
        Map<String, Object> meta = encryptionMetadata();
        meta.put("sharedKeyEnc", attribute("sharedKeyEnc"));
        m.put("metadata", meta);
        return org.atiot.core.json.Json.write(m);
    }

    /** The replay form (monitor with epochMillis, notify:list): dates as strings, no sharedKeyEnc. */
    Map<String, Object> replayJson() {
        Map<String, Object> m = head();
        Map<String, Object> meta = encryptionMetadata();
        meta.put("availableAt", "null");
        meta.put("expiresAt", Timestamps.format(expiresAtMillis));
        m.put("metadata", meta);
        return m;
    }

    /** {@code notify:fetch}: every value a string, in the real server's field order. */
    Map<String, Object> fetchJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("fromAtSign", from);
        m.put("notificationDateTime", Timestamps.format(epochMillis));
        m.put("toAtSign", to);
        m.put("notification", key);
        m.put("type", "NotificationType." + type);
        m.put("opType", "OperationType." + operation);
        m.put("messageType", "MessageType." + messageType);
        m.put("priority", "NotificationPriority." + priority);
        m.put("notificationStatus", "NotificationStatus." + status);
        m.put("retryCount", Integer.toString(retryCount));
        m.put("strategy", strategy);
        m.put("depth", "1");
        m.put("notifier", notifier);
        m.put("expiresAt", Timestamps.format(expiresAtMillis));
        m.put("atValue", String.valueOf(value));
        m.put("atMetadata", attributes.isEmpty() ? "null" : attributes.toString());
        m.put("ttl", attributes.getOrDefault("ttl", "null"));
        return m;
    }

    /** The metadata fields both JSON forms start with, in the real server's order. */
    private Map<String, Object> encryptionMetadata() {
        Map<String, Object> meta = new LinkedHashMap<>();
        for (String name : new String[] {"encKeyName", "encAlgo", "ivNonce", "skeEncKeyName", "skeEncAlgo"}) {
            meta.put(name, attribute(name));
        }
        return meta;
    }

    private Map<String, Object> head() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("from", from);
        m.put("to", to);
        m.put("key", key);
        m.put("value", value);
        m.put("operation", operation);
        m.put("epochMillis", epochMillis);
        m.put("messageType", "MessageType." + messageType);
        m.put("isEncrypted", isEncrypted);
        return m;
    }

    Map<String, Object> toRecord() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("from", from);
        r.put("to", to);
        r.put("key", key);
        r.put("value", value);
        r.put("op", operation);
        r.put("mt", messageType);
        r.put("type", type);
        r.put("status", status);
        r.put("at", epochMillis);
        r.put("exp", expiresAtMillis);
        r.put("retries", (long) retryCount);
        r.put("notifier", notifier);
        r.put("priority", priority);
        r.put("strategy", strategy);
        r.put("enc", isEncrypted);
        r.put("attrs", new LinkedHashMap<>(attributes));
        return r;
    }

    @SuppressWarnings("unchecked")
    static NotificationRecord fromRecord(Map<String, Object> r) {
        NotificationRecord n = new NotificationRecord();
        n.id = (String) r.get("id");
        n.from = (String) r.get("from");
        n.to = (String) r.get("to");
        n.key = (String) r.get("key");
        n.value = (String) r.get("value");
        n.operation = (String) r.get("op");
        n.messageType = (String) r.get("mt");
        n.type = (String) r.get("type");
        n.status = (String) r.get("status");
        n.epochMillis = (Long) r.get("at");
        n.expiresAtMillis = (Long) r.get("exp");
        n.retryCount = ((Long) r.get("retries")).intValue();
        n.notifier = (String) r.get("notifier");
        n.priority = (String) r.get("priority");
        n.strategy = (String) r.get("strategy");
        n.isEncrypted = Boolean.TRUE.equals(r.get("enc"));
        ((Map<String, Object>) r.get("attrs")).forEach((k, v) -> n.attributes.put(k, (String) v));
        return n;
    }
}
