package org.atiot.platform.server.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/** update, update:meta, llookup, lookup, plookup, delete and scan (wire reference §5). */
final class KeyVerbs {
    private static final String SCOPE = "(:((?<publicScope>public)|(@(?<forAtSign>[^:@\\s]+))))?";
    private static final Pattern UPDATE = Router.regex("^update" + MetaFragment.REGEX + SCOPE
            + ":(?<atKey>(([^:@\\s]+)|(privatekey:at_pkam_publickey)))(@(?<atSign>[^:@\\s]+))? (?<value>.+)$");
    private static final Pattern UPDATE_META = Router.regex("^update:meta" + SCOPE
            + ":(?<atKey>[^:@]((?!:{2})[^:@])+)@(?<atSign>[^:@\\s]+)" + MetaFragment.REGEX + "$");
    private static final Pattern LLOOKUP = Router.regex("^llookup(:(?<operation>meta|all))?(?<cached>:cached)?"
            + SCOPE + ":(?<atKey>[^:]((?!:{2})[^@])+)@(?<atSign>[^:@\\s]+)$");
    private static final Pattern LOOKUP = Router.regex("^lookup:(bypassCache:(?<bypassCache>true|false):)?"
            + "((?<operation>meta|all):)?(?<atKey>(?:[^:]).+)@(?<atSign>[^:@\\s]+)$");
    private static final Pattern PLOOKUP = Router.regex("^plookup:(bypassCache:(?<bypassCache>true|false):)?"
            + "((?<operation>meta|all):)?(?<atKey>[^@\\s]+)@(?<atSign>[^:@\\s]+)$");
    private static final Pattern DELETE = Router.regex("^delete(:priority:(?<priority>low|medium|high))?"
            + "(?<cached>:cached)?" + SCOPE + ":(?<atKey>(([^:@\\s]+)|(privatekey:at_secret)))"
            + "(@(?<atSign>[^:@\\s]+))?$");
    private static final Pattern SCAN = Router.regex("^scan$|^scan(:showhidden:(?<showhidden>true|false))?"
            + "(:(?<forAtSign>@[^:@\\s]+))?(:page:(?<page>\\d+))?( (?<regex>\\S+))?$");
    private static final long PUBLIC_CACHE_TTL_MILLIS = 86_400_000L;

    private final ServerContext ctx;

    KeyVerbs(ServerContext ctx) {
        this.ctx = ctx;
    }

    Reply update(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(UPDATE, command, "update:@alice:location@bob San Francisco");
        Map<String, String> attributes = MetaFragment.read(m);
        String atKey = m.group("atKey");
        checkOwnAtSign(m.group("atSign"));
        if (atKey.equalsIgnoreCase(AuthVerbs.PKAM_KEY)) {
            requireFullAccess(s);
            return Reply.data(Long.toString(ctx.keys.put(AuthVerbs.PKAM_KEY, m.group("value"), attributes, ctx.owner)));
        }
        KeyNames.checkEntity(atKey);
        String key = scoped(m, atKey) + ctx.owner;
        KeyNames.checkLength(key);
        checkAccess(s, key, true);
        long id = ctx.keys.put(key, m.group("value"), attributes, ctx.owner);
        String recipient = recipient(m);
        if (recipient != null) {
            NotifyVerbs.autoNotify(ctx, recipient, key.toLowerCase(Locale.ROOT), m.group("value"), attributes, "update");
        }
        return Reply.data(Long.toString(id));
    }

    Reply updateMeta(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(UPDATE_META, command, "update:meta:@bob:phone@alice:ttr:-1");
        Map<String, String> attributes = MetaFragment.read(m);
        checkOwnAtSign(m.group("atSign"));
        String key = scoped(m, m.group("atKey")) + ctx.owner;
        KeyNames.checkLength(key);
        checkAccess(s, key, true);
        long id = ctx.keys.putMeta(key, attributes, ctx.owner);
        String recipient = recipient(m);
        if (recipient != null) {
            NotifyVerbs.autoNotify(ctx, recipient, key.toLowerCase(Locale.ROOT), null, attributes, "update");
        }
        return Reply.data(Long.toString(id));
    }

    Reply llookup(String command, Session s) throws ServerError {
        Matcher m = Router.match(LLOOKUP, command, "llookup:@bob:phone@alice");
        String key = (m.group("cached") != null ? "cached:" : "") + scoped(m, m.group("atKey")) + "@"
                + m.group("atSign");
        key = key.toLowerCase(Locale.ROOT);
        checkAccess(s, key, false);
        StoredKey k = ctx.keys.get(key);
        if (k == null) {
            throw ServerError.keyNotFound(key);
        }
        return serve(m.group("operation"), key, k);
    }

    Reply lookup(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(LOOKUP, command, "lookup:phone@alice");
        String atKey = m.group("atKey").toLowerCase(Locale.ROOT);
        String atSign = "@" + m.group("atSign").toLowerCase(Locale.ROOT);
        String op = m.group("operation");
        if (s.auth == Session.Auth.POL) {
            return serveLocal(op, s.polAtSign + ":" + atKey + atSign);
        }
        if (!s.isOwner()) {
            return serveLocal(op, "public:" + atKey + atSign);
        }
        if (atSign.equals(ctx.owner)) {
            String selfShared = ctx.owner + ":" + atKey + atSign;
            checkAccess(s, selfShared, false);
            return ctx.keys.get(selfShared) != null || ctx.keys.get("public:" + atKey + atSign) == null
                    ? serveLocal(op, selfShared) : serveLocal(op, "public:" + atKey + atSign);
        }
        checkAccess(s, atKey + atSign, false);
        String cachedKey = "cached:" + ctx.owner + ":" + atKey + atSign;
        Reply fromCache = fromCache(m, op, cachedKey);
        if (fromCache != null) {
            return fromCache;
        }
        Map<String, Object> all;
        try (RemoteConnection c = ctx.remote.authenticated(atSign)) {
            all = parseAll(c.request("lookup:all:" + atKey + atSign), atSign);
        }
        Map<String, String> attrs = attributesOf(all.get("metaData"));
        String ttr = attrs.get("ttr");
        if (ttr != null && !"0".equals(ttr)) {
            ctx.keys.put(cachedKey, (String) all.get("data"), attrs, atSign);
        }
        return serveRemote(op, ctx.owner + ":" + atKey + atSign, all);
    }

    Reply plookup(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(PLOOKUP, command, "plookup:phone@alice");
        String atKey = m.group("atKey").toLowerCase(Locale.ROOT);
        String atSign = "@" + m.group("atSign").toLowerCase(Locale.ROOT);
        String op = m.group("operation");
        String publicKey = "public:" + atKey + atSign;
        if (atSign.equals(ctx.owner)) {
            return serveLocal(op, publicKey);
        }
        String cachedKey = "cached:" + publicKey;
        Reply fromCache = fromCache(m, op, cachedKey);
        if (fromCache != null) {
            return fromCache;
        }
        Map<String, Object> all;
        try (RemoteConnection c = ctx.remote.anonymous(atSign)) {
            all = parseAll(c.request("lookup:all:" + atKey + atSign), atSign);
        } catch (ServerError e) {
            throw "AT0015".equals(e.code()) ? ServerError.keyNotFound(publicKey) : e;
        }
        Map<String, String> attrs = attributesOf(all.get("metaData"));
        if (atKey.equals("publickey")) {
            attrs.put("ttr", "-1");
        } else if (attrs.get("ttr") == null || "0".equals(attrs.get("ttr"))) {
            attrs.put("ttl", Long.toString(PUBLIC_CACHE_TTL_MILLIS));
        }
        if (all.get("data") instanceof String) {
            ctx.keys.put(cachedKey, (String) all.get("data"), attrs, atSign);
        }
        return serveRemote(op, publicKey, all);
    }

    Reply delete(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(DELETE, command, "delete:@bob:phone@alice");
        String atKey = m.group("atKey");
        checkOwnAtSign(m.group("atSign"));
        if (atKey.equalsIgnoreCase(AuthVerbs.CRAM_KEY)) {
            requireFullAccess(s);
            ctx.keys.put(AuthVerbs.CRAM_KEY + "_deleted", "true", Map.of(), ctx.owner);
            return Reply.data(Long.toString(ctx.keys.delete(AuthVerbs.CRAM_KEY)));
        }
        String key = ((m.group("cached") != null ? "cached:" : "") + scoped(m, atKey) + ctx.owner)
                .toLowerCase(Locale.ROOT);
        if (KeyNames.isProtected(key, ctx.owner)) {
            throw ServerError.of("AT0009", "Cannot delete protected key: '" + key + "'");
        }
        checkAccess(s, key, true);
        long id = ctx.keys.delete(key);
        String recipient = recipient(m);
        if (recipient != null) {
            NotifyVerbs.autoNotify(ctx, recipient, key, null, Map.of(), "delete");
        }
        return Reply.data(Long.toString(id));
    }

    Reply scan(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(SCAN, command, "scan .*\\.wavi");
        String regex = m.group("regex");
        ClientRegex filter = regex == null ? null : ClientRegex.compile(regex);
        if (m.group("forAtSign") != null) {
            if (!s.isOwner()) {
                throw ServerError.authRequired();
            }
            try (RemoteConnection c = ctx.remote.authenticated(m.group("forAtSign").toLowerCase(Locale.ROOT))) {
                return Reply.data(c.request(regex == null ? "scan" : "scan " + regex));
            }
        }
        boolean showHidden = "true".equalsIgnoreCase(m.group("showhidden"));
        Predicate<String> matches = k -> filter == null || filter.find(k);
        List<String> out = new ArrayList<>();
        if (s.isOwner()) {
            for (String k : ctx.keys.scan(matches)) {
                if (visibleToOwner(k, showHidden) && (s.enrollmentId == null || apkamMayList(s, k))) {
                    out.add(k);
                }
            }
        } else {
            String prefix = s.auth == Session.Auth.POL ? s.polAtSign + ":" : "public:";
            for (String k : ctx.keys.scan(matches)) {
                if (k.startsWith(prefix) && !k.startsWith("public:_")) {
                    out.add(k.substring(prefix.length()));
                }
            }
        }
        return Reply.data(Json.write(out));
    }

    private static boolean visibleToOwner(String k, boolean showHidden) {
        if (k.startsWith("private:") || k.startsWith("privatekey:")) {
            return false;
        }
        if (k.startsWith("public:_")) {
            return showHidden && k.startsWith("public:__");
        }
        return showHidden || !KeyNames.isHidden(k);
    }

    private static boolean apkamMayList(Session s, String k) {
        String ns = KeyNames.namespaceOf(k);
        return !"__manage".equals(ns) && (k.startsWith("public:") || s.mayAccess(ns, false));
    }

    /** The cached copy when the command allows the cache and the copy may still be served, else null. */
    private Reply fromCache(Matcher m, String op, String cachedKey) {
        if ("true".equalsIgnoreCase(m.group("bypassCache"))) {
            return null;
        }
        StoredKey cached = ctx.keys.get(cachedKey);
        return isFresh(cached) ? serve(op, cachedKey, cached) : null;
    }

    private boolean isFresh(StoredKey cached) {
        if (cached == null || !cached.isActive(ctx.now())) {
            return false;
        }
        Long ttr = cached.meta.ttr;
        Long refreshAt = cached.meta.refreshAt;
        return ttr != null && (ttr == -1 || refreshAt == null || ctx.now() <= refreshAt);
    }

    private Reply serveLocal(String op, String key) throws ServerError {
        StoredKey k = ctx.keys.get(key);
        if (k == null) {
            throw ServerError.keyNotFound(key);
        }
        String v = k.value;
        if (v != null && v.startsWith("atsign://") && op == null) {
            return Reply.data(resolveReference(v, key.startsWith("public:") ? "public:" : key.substring(0,
                    key.indexOf(':') + 1), 1));
        }
        return serve(op, key, k);
    }

    /** {@code atsign://<key>} values point at another key of this atSign; followed up to three levels. */
    private String resolveReference(String value, String prefix, int depth) {
        if (depth > 3 || !value.startsWith("atsign://")) {
            return depth > 3 ? "null" : value;
        }
        String ref = value.substring("atsign://".length());
        StoredKey target = ctx.keys.get(prefix + (ref.contains("@") ? ref : ref + ctx.owner));
        if (target == null || !target.isActive(ctx.now()) || target.value == null) {
            return "null";
        }
        return resolveReference(target.value, prefix, depth + 1);
    }

    private Reply serve(String op, String key, StoredKey k) {
        if (!k.isActive(ctx.now())) {
            return Reply.data("null");
        }
        if (op == null) {
            return Reply.data(String.valueOf(k.value));
        }
        if (op.equalsIgnoreCase("meta")) {
            return Reply.data(Json.write(k.meta.toWireJson()));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("key", key);
        all.put("data", k.value);
        all.put("metaData", k.meta.toWireJson());
        return Reply.data(Json.write(all));
    }

    private static Reply serveRemote(String op, String presentedKey, Map<String, Object> all) {
        if (op == null) {
            return Reply.data(String.valueOf(all.get("data")));
        }
        if (op.equalsIgnoreCase("meta")) {
            return Reply.data(Json.write(all.get("metaData")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", presentedKey);
        out.put("data", all.get("data"));
        out.put("metaData", all.get("metaData"));
        return Reply.data(Json.write(out));
    }

    private static Map<String, Object> parseAll(String json, String from) throws ServerError {
        if ("null".equals(json)) {
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("data", null);
            return empty;
        }
        try {
            return Json.parseObject(json);
        } catch (JsonException e) {
            throw ServerError.of("AT0011", "malformed lookup answer from " + from);
        }
    }

    /** The wire metadata of a remote answer as the attributes a cached copy keeps. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> attributesOf(Object metaData) {
        Map<String, String> attrs = new LinkedHashMap<>();
        if (!(metaData instanceof Map)) {
            return attrs;
        }
        Map<String, Object> meta = (Map<String, Object>) metaData;
        for (String name : MetaFragment.ATTRIBUTES) {
            Object v = meta.get(name);
            if (v != null) {
                attrs.put(name, String.valueOf(v));
            }
        }
        return attrs;
    }

    private void checkOwnAtSign(String atSign) throws ServerError {
        if (atSign != null && !("@" + atSign).equalsIgnoreCase(ctx.owner)) {
            throw ServerError.invalidKey("atSign @" + atSign + " is not this server's " + ctx.owner);
        }
    }

    private static String scoped(Matcher m, String atKey) {
        if (m.group("publicScope") != null) {
            return "public:" + atKey;
        }
        if (m.group("forAtSign") != null) {
            return "@" + m.group("forAtSign") + ":" + atKey;
        }
        return atKey;
    }

    private String recipient(Matcher m) {
        String forAtSign = m.group("forAtSign");
        if (forAtSign == null) {
            return null;
        }
        String r = "@" + forAtSign.toLowerCase(Locale.ROOT);
        return r.equals(ctx.owner) ? null : r;
    }

    private static void checkAccess(Session s, String key, boolean write) throws ServerError {
        if (KeyNames.isReserved(key)) {
            return;
        }
        if (!s.mayAccess(KeyNames.namespaceOf(key), write)) {
            throw ServerError.of("AT0009", "Enrollment does not have " + (write ? "write" : "read")
                    + " access to namespace " + KeyNames.namespaceOf(key));
        }
    }

    private static void requireFullAccess(Session s) throws ServerError {
        if (s.enrollmentId != null && !s.mayAccess(null, true)) {
            throw ServerError.of("AT0009", "Enrollment does not have access to server-internal keys");
        }
    }
}
