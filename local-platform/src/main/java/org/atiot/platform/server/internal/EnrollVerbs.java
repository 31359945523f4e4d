package org.atiot.platform.server.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/** APKAM device enrollment ({@code enroll:}) and one-time passcodes ({@code otp:}) (wire reference §3.6). */
final class EnrollVerbs {
    private static final Pattern ENROLL = Router.regex("^enroll:(?<operation>request|approve|deny|revoke|list|fetch"
            + "|unrevoke|delete)(:(?<force>force))?(:)?(?<params>\\{.*\\})?$");
    private static final Pattern OTP = Router.regex("^otp:(?<operation>get|put)(:(?<otp>(?<=put:)\\w{6,}))?"
            + "(:(?:ttl:(?<ttl>\\d+)))?$");
    private static final Pattern KEYS_GET = Router.regex("^keys:get:keyName:(?<name>\\S+)$");
    private static final long PENDING_TTL_MILLIS = 48L * 3_600_000L;
    private static final long DEFAULT_OTP_TTL_MILLIS = 300_000L;
    private static final int MAX_REQUESTS_PER_HOUR = 5;
    private static final String OTP_ALPHABET = "ABCDEFGHIJKLMNPQRSTUVWXYZ123456789"; // no 0 or O
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerContext ctx;

    EnrollVerbs(ServerContext ctx) {
        this.ctx = ctx;
    }

    Reply enroll(String command, Session s, InboundConnection connection) throws ServerError, IOException {
        Matcher m = Router.match(ENROLL, command, "enroll:request:{\"appName\":\"atiot\",\"deviceName\":\"pi01\","
                + "\"namespaces\":{\"atiot\":\"rw\"},\"apkamPublicKey\":\"<base64>\"}");
        String op = m.group("operation").toLowerCase(Locale.ROOT);
        Map<String, Object> params = params(m.group("params"), !op.equals("list"));
        if (op.equals("request")) {
            return request(params, s);
        }
        if (!s.isOwner()) {
            throw ServerError.of("AT0401", "Cannot " + op + " enrollment without authentication");
        }
        if (s.enrollmentId != null && !s.namespaces.containsKey("__manage")) {
            throw ServerError.of("AT0009", "Enrollment does not have access to __manage");
        }
        if (op.equals("list")) {
            return list(params, s);
        }
        String id = String.valueOf(params.get("enrollmentId"));
        Enrollment e = Enrollment.find(ctx, id);
        switch (op) {
            case "fetch":
                return Reply.data(Json.write(e.summary()));
            case "approve":
                requireState(e, "pending", "approve");
                storeDeviceKey(e, params, "encryptedDefaultEncryptionPrivateKey", "default_enc_private_key");
                storeDeviceKey(e, params, "encryptedDefaultSelfEncryptionKey", "default_self_enc_key");
                Map<String, Object> pk = new LinkedHashMap<>();
                pk.put("apkamPublicKey", e.record.get("apkamPublicKey"));
                ctx.keys.put("public:" + e.appName() + "." + e.deviceName() + ".pkam.__pkams.__public_keys"
                        + ctx.owner, Json.write(pk), Map.of(), ctx.owner);
                return transition(e, "approved", expiry(e));
            case "deny":
                requireState(e, "pending", "deny");
                return transition(e, "denied", null);
            case "revoke":
                requireState(e, "approved", "revoke");
                if (id.equals(s.enrollmentId) && m.group("force") == null) {
                    throw ServerError.of("AT0031", "Cannot revoke self enrollment : Current client cannot revoke"
                            + " its own enrollment");
                }
                return transition(e, "revoked", null);
            case "unrevoke":
                requireState(e, "revoked", "unrevoke");
                return transition(e, "approved", expiry(e));
            case "delete":
                if (!e.state().equals("denied") && !e.state().equals("revoked")) {
                    throw ServerError.of("AT0011", "Failed to delete enrollment id: " + id + " | Cause: Cannot delete "
                            + e.state() + " enrollments. Only denied and revoked enrollments can be deleted");
                }
                ctx.keys.delete(Enrollment.keyOf(id, ctx.owner));
                return Reply.data(result(id, "deleted"));
            default:
                throw ServerError.invalidCommand();
        }
    }

    @SuppressWarnings("unchecked")
    private Reply request(Map<String, Object> params, Session s) throws ServerError, IOException {
        throttle(s);
        Object namespaces = params.get("namespaces");
        Object apkamKey = params.get("apkamPublicKey");
        if (!(namespaces instanceof Map) || ((Map<?, ?>) namespaces).isEmpty() || !(apkamKey instanceof String)) {
            throw ServerError.of("AT0011", "an enroll request needs namespaces and apkamPublicKey");
        }
        if (!s.isOwner()) {
            consumeOtp(params.get("otp"));
            if (params.get("encryptedAPKAMSymmetricKey") == null) {
                throw ServerError.of("AT0011", "encryptedAPKAMSymmetricKey is required");
            }
        }
        String app = String.valueOf(params.get("appName"));
        String device = String.valueOf(params.get("deviceName"));
        for (String key : ctx.keys.scan(k -> k.contains(".new.enrollments.__manage@"))) {
            Enrollment other = Enrollment.find(ctx, key.substring(0, key.indexOf('.')));
            if (other.appName().equals(app) && other.deviceName().equals(device)
                    && (other.state().equals("pending") || other.state().equals("approved"))) {
                throw ServerError.of("AT0011", "Another enrollment with id " + other.id + " exists with the app name: "
                        + app + " and device name: " + device + " in " + other.state() + " state");
            }
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sessionId", s.sessionId);
        record.put("appName", app);
        record.put("deviceName", device);
        Map<String, Object> ns = new LinkedHashMap<>((Map<String, Object>) namespaces);
        record.put("namespaces", ns);
        record.put("apkamPublicKey", apkamKey);
        record.put("requestType", "newEnrollment");
        record.put("encryptedAPKAMSymmetricKey", params.get("encryptedAPKAMSymmetricKey"));
        record.put("apkamKeysExpiryInMillis", params.getOrDefault("apkamKeysExpiryInMillis", 0L));
        Enrollment e = new Enrollment(id, record);
        if (s.viaCram && s.enrollmentId == null) {
            ns.put("__manage", "rw");
            ns.put("*", "rw");
            e.setState("approved");
            save(e, null);
            ctx.keys.put(AuthVerbs.PKAM_KEY, (String) apkamKey, Map.of(), ctx.owner);
            s.enrollmentId = id;
            s.namespaces = e.namespaces();
            return Reply.data(result(id, "approved"));
        }
        e.setState("pending");
        save(e, PENDING_TTL_MILLIS);
        announce(e);
        return Reply.data(result(id, "pending"));
    }

    private Reply list(Map<String, Object> params, Session s) {
        Object filter = params.get("enrollmentStatusFilter");
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : ctx.keys.scan(k -> k.contains(".new.enrollments.__manage@"))) {
            String id = key.substring(0, key.indexOf('.'));
            try {
                Enrollment e = Enrollment.find(ctx, id);
                if (filter instanceof List && !((List<?>) filter).contains(e.state())) {
                    continue;
                }
                out.put(key, e.summary());
            } catch (ServerError gone) {
                // expired between scan and read
            }
        }
        return Reply.data(Json.write(out));
    }

    Reply otp(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(OTP, command, "otp:get");
        if (!s.isOwner()) {
            throw ServerError.authRequired();
        }
        long ttl = m.group("ttl") == null ? DEFAULT_OTP_TTL_MILLIS : Long.parseLong(m.group("ttl"));
        if (m.group("operation").equalsIgnoreCase("put")) {
            if (s.enrollmentId != null && !s.namespaces.containsKey("__manage")) {
                throw ServerError.of("AT0009", "Enrollment does not have access to __manage");
            }
            Map<String, String> attrs = m.group("ttl") == null ? Map.of() : Map.of("ttl", Long.toString(ttl));
            ctx.keys.put("private:spp.__otp" + ctx.owner, m.group("otp"), attrs, ctx.owner);
            return Reply.data("ok");
        }
        StringBuilder otp = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            otp.append(OTP_ALPHABET.charAt(RANDOM.nextInt(OTP_ALPHABET.length())));
        }
        ctx.keys.put("private:" + otp.toString().toLowerCase(Locale.ROOT) + ".__otp" + ctx.owner, "true",
                Map.of("ttl", Long.toString(ttl)), ctx.owner);
        return Reply.data(otp.toString());
    }

    private void consumeOtp(Object given) throws ServerError, IOException {
        if (given instanceof String) {
            String otp = ((String) given).toLowerCase(Locale.ROOT);
            StoredKey once = ctx.keys.get("private:" + otp + ".__otp" + ctx.owner);
            if (otp.matches("\\w{6,}") && once != null && once.isActive(ctx.now())) {
                ctx.keys.delete(once.key);
                return;
            }
            StoredKey spp = ctx.keys.get("private:spp.__otp" + ctx.owner);
            if (spp != null && spp.isActive(ctx.now()) && spp.value.equalsIgnoreCase(otp)) {
                return;
            }
        }
        throw ServerError.of("AT0011", "invalid otp. Cannot process enroll request");
    }

    private Reply transition(Enrollment e, String state, Long ttlMillis) throws IOException {
        e.setState(state);
        save(e, ttlMillis);
        Map<String, Object> m = new LinkedHashMap<>(); // decisions answer status first, unlike requests
        m.put("status", state);
        m.put("enrollmentId", e.id);
        return Reply.data(Json.write(m));
    }

    private void save(Enrollment e, Long ttlMillis) throws IOException {
        Map<String, String> attrs = ttlMillis == null ? Map.of("ttl", "0") : Map.of("ttl", Long.toString(ttlMillis));
        ctx.keys.put(Enrollment.keyOf(e.id, ctx.owner), e.toJson(), attrs, ctx.owner);
    }

    /** Tells the owner's {@code monitor:selfNotifications} connections that a request waits for a decision. */
    private void announce(Enrollment e) throws IOException {
        NotificationRecord n = new NotificationRecord();
        n.id = UUID.randomUUID().toString();
        n.from = ctx.owner;
        n.to = ctx.owner;
        n.key = e.id + ".new.enrollments.__manage";
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("encryptedAPKAMSymmetricKey", e.record.get("encryptedAPKAMSymmetricKey"));
        v.put("appName", e.appName());
        v.put("deviceName", e.deviceName());
        v.put("namespace", e.record.get("namespaces"));
        n.value = Json.write(v);
        n.type = NotificationRecord.SELF;
        n.status = "delivered";
        n.epochMillis = ctx.now();
        n.expiresAtMillis = n.epochMillis + 86_400_000L;
        ctx.notifications.storeReceived(n);
    }

    private static Long expiry(Enrollment e) {
        Object ms = e.record.get("apkamKeysExpiryInMillis");
        return ms instanceof Long && (Long) ms > 0 ? (Long) ms : null;
    }

    /** The atSign's keys for the device, encrypted by the approver with the device's symmetric key. */
    private void storeDeviceKey(Enrollment e, Map<String, Object> params, String param, String name)
            throws IOException {
        Object value = params.get(param);
        if (value instanceof String) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", value);
            ctx.keys.put(e.id + "." + name + ".__manage" + ctx.owner, Json.write(v), Map.of(), ctx.owner);
        }
    }

    /** {@code keys:get:keyName:<name>}: an enrolled device reads the keys stored for its own enrollment. */
    Reply keys(String command, Session s) throws ServerError {
        Matcher m = Router.match(KEYS_GET, command, "keys:get:keyName:<enrollmentId>.default_enc_private_key.__manage"
                + ctx.owner);
        if (s.enrollmentId == null) {
            throw ServerError.of("AT0011", "keys: needs an APKAM-authenticated connection");
        }
        String name = m.group("name").toLowerCase(Locale.ROOT);
        if (!name.startsWith(s.enrollmentId.toLowerCase(Locale.ROOT) + ".")) {
            throw ServerError.of("AT0009", "an enrollment may only read its own keys");
        }
        StoredKey k = ctx.keys.get(name);
        if (k == null || k.value == null) {
            throw ServerError.keyNotFound(name);
        }
        return Reply.data(k.value);
    }

    private static void requireState(Enrollment e, String needed, String op) throws ServerError {
        if (!e.state().equals(needed)) {
            throw ServerError.of("AT0011", "Failed to " + op + " enrollment id: " + e.id + ". Enrollment is "
                    + e.state() + ", needs to be " + needed);
        }
    }

    private static void throttle(Session s) throws ServerError {
        long now = System.currentTimeMillis();
        if (now - s.enrollWindowStart > 3_600_000L) {
            s.enrollWindowStart = now;
            s.enrollRequests = 0;
        }
        if (++s.enrollRequests > MAX_REQUESTS_PER_HOUR) {
            throw ServerError.of("AT0011", "Enrollment requests have exceeded the limit within the specified time"
                    + " frame");
        }
    }

    private static Map<String, Object> params(String json, boolean required) throws ServerError {
        if (json == null) {
            if (required) {
                throw ServerError.invalidSyntax("enroll:<operation>:{\"enrollmentId\":\"<id>\"}");
            }
            return Map.of();
        }
        try {
            return Json.parseObject(json);
        } catch (JsonException e) {
            throw ServerError.invalidSyntax("enroll:<operation>:{<valid JSON>} (" + e.getMessage() + ")");
        }
    }

    private static String result(String id, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enrollmentId", id);
        m.put("status", status);
        return Json.write(m);
    }
}
