package org.atiot.platform.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server-kept metadata of one stored key (wire reference §4.3): dates derived from ttl/ttb/ttr, a version counter,
 * and the client's encryption attributes. Mutable, guarded by the {@link KeyStore} lock.
 */
final class KeyMeta {
    /** Attributes carried verbatim, in the order the server emits them after the numeric ones. */
    private static final String[] TEXT_ATTRIBUTES = {"dataSignature", "sharedKeyEnc", "pubKeyCS", "encoding",
        "encKeyName", "encAlgo", "ivNonce", "skeEncKeyName", "skeEncAlgo"};

    String createdBy;
    String updatedBy;
    long createdAt;
    long updatedAt;
    Long availableAt;
    Long expiresAt;
    Long refreshAt;
    int version;
    Long ttl;
    Long ttb;
    Long ttr;
    Boolean ccd;
    boolean isBinary;
    boolean isEncrypted;
    final Map<String, String> text = new LinkedHashMap<>();

    static KeyMeta created(String by, long now) {
        KeyMeta m = new KeyMeta();
        m.createdBy = by;
        m.updatedBy = by;
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }

    /** The next version of this metadata after an update by {@code by}: creation facts kept, version + 1. */
    KeyMeta next(String by, long now) {
        KeyMeta m = copy();
        m.updatedBy = by;
        m.updatedAt = now;
        m.version = version + 1;
        return m;
    }

    KeyMeta copy() {
        KeyMeta m = new KeyMeta();
        m.createdBy = createdBy;
        m.updatedBy = updatedBy;
        m.createdAt = createdAt;
        m.updatedAt = updatedAt;
        m.availableAt = availableAt;
        m.expiresAt = expiresAt;
        m.refreshAt = refreshAt;
        m.version = version;
        m.ttl = ttl;
        m.ttb = ttb;
        m.ttr = ttr;
        m.ccd = ccd;
        m.isBinary = isBinary;
        m.isEncrypted = isEncrypted;
        m.text.putAll(text);
        return m;
    }

    /**
     * Applies the attributes of a command. Omitted attributes keep their value except isBinary/isEncrypted, which
     * the real clients always re-send; {@code null} clears an attribute.
     */
    void apply(Map<String, String> given, long now) {
        if (given.containsKey("ttl")) {
            ttl = number(given.get("ttl"));
        }
        if (given.containsKey("ttb")) {
            ttb = number(given.get("ttb"));
        }
        if (given.containsKey("ttr")) {
            ttr = number(given.get("ttr"));
        }
        if (given.containsKey("ccd")) {
            ccd = "null".equals(given.get("ccd")) ? null : Boolean.valueOf(given.get("ccd"));
        }
        isBinary = Boolean.parseBoolean(given.getOrDefault("isBinary", "false"));
        isEncrypted = Boolean.parseBoolean(given.getOrDefault("isEncrypted", "false"));
        for (String name : TEXT_ATTRIBUTES) {
            String v = given.get(name);
            if (v == null) {
                continue;
            }
            if ("null".equals(v)) {
                text.remove(name);
            } else {
                text.put(name, v);
            }
        }
        deriveDates(now);
    }

    private void deriveDates(long now) {
        long ttbMs = ttb == null ? 0 : ttb;
        availableAt = ttbMs > 0 ? now + ttbMs : null;
        expiresAt = ttl != null && ttl > 0 ? now + ttbMs + ttl : null;
        if (ttr == null || ttr == 0) {
            refreshAt = null;
            ccd = null; // ccd means nothing without permission to cache
        } else {
            refreshAt = ttr > 0 ? now + ttr * 1000 : null; // ttr is in seconds in the real server
            if (ccd == null) {
                ccd = false;
            }
        }
    }

    boolean isActive(long now) {
        return (expiresAt == null || now < expiresAt) && (availableAt == null || now >= availableAt);
    }

    boolean isExpired(long now) {
        return expiresAt != null && now >= expiresAt;
    }

    String text(String name) {
        return text.get(name);
    }

    /** The JSON object of {@code llookup:meta}, field order as emitted by the real server, nulls omitted. */
    Map<String, Object> toWireJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("createdBy", createdBy);
        m.put("updatedBy", updatedBy);
        m.put("createdAt", Timestamps.format(createdAt));
        m.put("updatedAt", Timestamps.format(updatedAt));
        putDate(m, "availableAt", availableAt);
        putDate(m, "expiresAt", expiresAt);
        putDate(m, "refreshAt", refreshAt);
        m.put("status", "active");
        m.put("version", (long) version);
        putIfSet(m, "ttl", ttl);
        putIfSet(m, "ttb", ttb);
        putIfSet(m, "ttr", ttr);
        putIfSet(m, "ccd", ccd);
        m.put("isBinary", isBinary);
        m.put("isEncrypted", isEncrypted);
        for (String name : TEXT_ATTRIBUTES) {
            putIfSet(m, name, text.get(name));
        }
        return m;
    }

    /** Journal form: every field, epoch millis for dates. */
    Map<String, Object> toRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cb", createdBy);
        m.put("ub", updatedBy);
        m.put("ca", createdAt);
        m.put("ua", updatedAt);
        putIfSet(m, "aa", availableAt);
        putIfSet(m, "ea", expiresAt);
        putIfSet(m, "ra", refreshAt);
        m.put("v", (long) version);
        putIfSet(m, "ttl", ttl);
        putIfSet(m, "ttb", ttb);
        putIfSet(m, "ttr", ttr);
        putIfSet(m, "ccd", ccd);
        m.put("bin", isBinary);
        m.put("enc", isEncrypted);
        if (!text.isEmpty()) {
            m.put("t", new LinkedHashMap<>(text));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static KeyMeta fromRecord(Map<String, Object> r) {
        KeyMeta m = new KeyMeta();
        m.createdBy = (String) r.get("cb");
        m.updatedBy = (String) r.get("ub");
        m.createdAt = (Long) r.get("ca");
        m.updatedAt = (Long) r.get("ua");
        m.availableAt = (Long) r.get("aa");
        m.expiresAt = (Long) r.get("ea");
        m.refreshAt = (Long) r.get("ra");
        m.version = ((Long) r.get("v")).intValue();
        m.ttl = (Long) r.get("ttl");
        m.ttb = (Long) r.get("ttb");
        m.ttr = (Long) r.get("ttr");
        m.ccd = (Boolean) r.get("ccd");
        m.isBinary = Boolean.TRUE.equals(r.get("bin"));
        m.isEncrypted = Boolean.TRUE.equals(r.get("enc"));
        Object t = r.get("t");
        if (t instanceof Map) {
            ((Map<String, Object>) t).forEach((k, v) -> m.text.put(k, (String) v));
        }
        return m;
    }

    private static Long number(String v) {
        return "null".equals(v) ? null : Long.valueOf(v);
    }

    private static void putDate(Map<String, Object> m, String name, Long millis) {
        if (millis != null) {
            m.put(name, Timestamps.format(millis));
        }
    }

    private static void putIfSet(Map<String, Object> m, String name, Object v) {
        if (v != null) {
            m.put(name, v);
        }
    }
}
