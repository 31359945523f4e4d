package org.atiot.platform.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/** An APKAM enrollment record as stored under {@code <id>.new.enrollments.__manage@<atSign>} (wire reference §3.6). */
final class Enrollment {
    final String id;
    final Map<String, Object> record;

    Enrollment(String id, Map<String, Object> record) {
        this.id = id;
        this.record = record;
    }

    static String keyOf(String id, String owner) {
        return (id + ".new.enrollments.__manage" + owner).toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, Object> parse(String json) {
        try {
            return Json.parseObject(json);
        } catch (JsonException e) {
            return new LinkedHashMap<>();
        }
    }

    /** The enrollment, or the colon-form AT0028 the real server answers for unknown or expired ids. */
    static Enrollment find(ServerContext ctx, String id) throws ServerError {
        StoredKey k = id.length() > 128 ? null : ctx.keys.get(keyOf(id, ctx.owner));
        if (k == null || k.value == null || !k.isActive(ctx.now())) {
            throw ServerError.colon("AT0028", "enrollment_id: " + id + " is expired or invalid");
        }
        return new Enrollment(id, parse(k.value));
    }

    /** An approved enrollment, or the colon-form error for its state. */
    static Enrollment require(ServerContext ctx, String id) throws ServerError {
        Enrollment e = find(ctx, id);
        switch (e.state()) {
            case "approved":
                return e;
            case "denied":
                throw ServerError.colon("AT0025", "enrollment_id: " + id + " is denied");
            case "pending":
                throw ServerError.colon("AT0026", "enrollment_id: " + id + " is pending");
            case "revoked":
                throw ServerError.colon("AT0027", "enrollment_id: " + id + " is revoked");
            default:
                throw ServerError.colon("AT0028", "enrollment_id: " + id + " is expired or invalid");
        }
    }

    @SuppressWarnings("unchecked")
    String state() {
        Object approval = record.get("approval");
        return approval instanceof Map ? String.valueOf(((Map<String, Object>) approval).get("state")) : "invalid";
    }

    void setState(String state) {
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("state", state);
        record.put("approval", approval);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> namespaces() {
        Map<String, String> out = new LinkedHashMap<>();
        Object ns = record.get("namespaces");
        if (ns instanceof Map) {
            ((Map<String, Object>) ns).forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT),
                    String.valueOf(v)));
        }
        return out;
    }

    RsaPublicKey apkamPublicKey() throws ServerError {
        try {
            return RsaPublicKey.fromBase64(String.valueOf(record.get("apkamPublicKey")));
        } catch (KeyFormatException e) {
            throw ServerError.of("AT0011", "enrollment " + id + " has an unusable apkamPublicKey");
        }
    }

    String appName() {
        return String.valueOf(record.get("appName"));
    }

    String deviceName() {
        return String.valueOf(record.get("deviceName"));
    }

    /** The summary {@code enroll:list}/{@code fetch} show: note the singular {@code namespace}. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appName", record.get("appName"));
        m.put("deviceName", record.get("deviceName"));
        m.put("namespace", record.get("namespaces"));
        m.put("encryptedAPKAMSymmetricKey", record.get("encryptedAPKAMSymmetricKey"));
        m.put("status", state());
        return m;
    }

    String toJson() {
        return Json.write(record);
    }
}
