package org.atiot.platform.server.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.core.json.Json;

/** notify and its sub-verbs, and monitor (wire reference §6). */
final class NotifyVerbs {
    private static final Pattern NOTIFY = Router.regex("^notify(:id:(?<id>[\\w\\-]+))?(:(?<operation>update|delete))?"
            + "(:messageType:(?<messageType>key|text))?(:priority:(?<priority>low|medium|high))?"
            + "(:strategy:(?<strategy>all|latest))?(:latestN:(?<latestN>\\d+))?(:notifier:(?<notifier>[^\\s:]+))?"
            + "(:ttln:(?<ttln>\\d+))?" + MetaFragment.REGEX
            + ":((?<publicScope>public)|(@(?<forAtSign>[^:@\\s]+))):(?<atKey>[^:@]((?!:{2})[^@])+)"
            + "(@(?<atSign>[^:@\\s]+))?(:(?<value>.+))?$");
    private static final Pattern STATUS = Router.regex("^notify:status:(?<id>\\S+)$");
    private static final Pattern FETCH = Router.regex("^notify:fetch:(?<id>\\S+)$");
    private static final Pattern REMOVE = Router.regex("^notify:remove:(?<id>[\\w\\-]+)$");
    private static final Pattern LIST = Router.regex("^notify:list(:(?<fromDate>\\d{4}-[01]?\\d?-[0123]?\\d?))?"
            + "(:(?<toDate>\\d{4}-[01]?\\d?-[0123]?\\d?))?(:(?<regex>[^:]+))?");
    private static final Pattern MONITOR = Router.regex("^monitor(:(?<strict>strict))?"
            + "(:(?<selfNotifications>selfNotifications))?(:(?<multiplexed>multiplexed))?(:(?<epochMillis>\\d+))?"
            + "( (?<regex>.+))?$");
    private static final int MAX_ID_LENGTH = 248;

    private final ServerContext ctx;

    NotifyVerbs(ServerContext ctx) {
        this.ctx = ctx;
    }

    Reply notify(String command, Session s) throws ServerError, IOException {
        if (s.auth == Session.Auth.NONE) {
            throw ServerError.of("AT0401", "Notify command cannot be executed without authentication");
        }
        Matcher m = Router.match(NOTIFY, command, "notify:update:@bob:phone@alice:<value>");
        if ("latest".equalsIgnoreCase(m.group("strategy")) && m.group("notifier") == null) {
            throw ServerError.invalidSyntax("For Strategy latest, notifier cannot be null");
        }
        if (m.group("publicScope") != null) {
            throw ServerError.invalidSyntax("notify:update:@bob:public:phone@alice (public notifications need a"
                    + " recipient)");
        }
        NotificationRecord n = new NotificationRecord();
        n.id = m.group("id") != null ? m.group("id") : UUID.randomUUID().toString();
        if (n.id.length() > MAX_ID_LENGTH) {
            throw ServerError.invalidSyntax("notify:id:<at most 248 characters>:…");
        }
        n.operation = lower(m.group("operation"), "update");
        n.messageType = lower(m.group("messageType"), "key");
        n.priority = lower(m.group("priority"), "low");
        n.strategy = lower(m.group("strategy"), "all");
        n.notifier = m.group("notifier") != null ? m.group("notifier") : "SYSTEM";
        n.to = "@" + m.group("forAtSign").toLowerCase(Locale.ROOT);
        n.value = m.group("value");
        n.attributes.putAll(MetaFragment.read(m));
        n.epochMillis = ctx.now();
        long ttln = m.group("ttln") == null || "0".equals(m.group("ttln"))
                ? ctx.config.notificationTtl().toMillis() : Long.parseLong(m.group("ttln"));
        n.expiresAtMillis = n.epochMillis + ttln;
        String atKey = m.group("atKey");
        String atSign = m.group("atSign") == null ? null : "@" + m.group("atSign").toLowerCase(Locale.ROOT);
        boolean text = "text".equals(n.messageType);
        n.key = n.to + ":" + (text ? atKey : atKey.toLowerCase(Locale.ROOT)) + (atSign != null ? atSign
                : text ? "" : (s.auth == Session.Auth.POL ? s.polAtSign : ctx.owner));
        n.isEncrypted = encryptedByDefault(n, m.group("isEncrypted"));
        if (s.auth == Session.Auth.POL) {
            return received(n, s.polAtSign);
        }
        if (atSign != null && !atSign.equals(ctx.owner)) {
            throw ServerError.of("AT0009", "Invalid Atsign : " + atSign + " : notifications may only be sent as "
                    + ctx.owner);
        }
        if (!s.mayAccess(KeyNames.namespaceOf(n.key), true) && !KeyNames.isReserved(n.key)) {
            throw ServerError.of("AT0009", "Enrollment does not have write access to namespace "
                    + KeyNames.namespaceOf(n.key));
        }
        n.from = ctx.owner;
        if (n.to.equals(ctx.owner)) {
            n.type = NotificationRecord.RECEIVED;
            n.status = "delivered";
            ctx.notifications.storeReceived(n);
        } else {
            n.type = NotificationRecord.SENT;
            n.status = "queued";
            ctx.notifications.storeSent(n);
        }
        return Reply.data(n.id);
    }

    /** A notification forwarded by another atSign's server (wire reference §6.9). */
    private Reply received(NotificationRecord n, String from) throws IOException, ServerError {
        n.from = from;
        n.type = NotificationRecord.RECEIVED;
        n.status = "delivered";
        if ("text".equals(n.messageType)) {
            n.attributes.keySet().retainAll(List.of("isEncrypted"));
        }
        ctx.notifications.storeReceived(n);
        String cachedKey = "cached:" + n.key;
        if ("delete".equals(n.operation)) {
            StoredKey cached = ctx.keys.get(cachedKey);
            if (cached != null && Boolean.TRUE.equals(cached.meta.ccd)) {
                ctx.keys.delete(cachedKey);
            }
        } else if (n.attribute("ttr") != null && !"0".equals(n.attribute("ttr")) && "key".equals(n.messageType)) {
            KeyNames.checkLength(cachedKey);
            if (n.value != null) {
                ctx.keys.put(cachedKey, n.value, cacheAttributes(n), from);
            } else if (ctx.keys.get(cachedKey) != null) {
                ctx.keys.putMeta(cachedKey, cacheAttributes(n), from);
            }
        }
        return Reply.data("success");
    }

    private static Map<String, String> cacheAttributes(NotificationRecord n) {
        Map<String, String> a = new java.util.LinkedHashMap<>(n.attributes);
        a.put("isEncrypted", Boolean.toString(n.isEncrypted));
        if ("0".equals(a.get("ttl"))) {
            a.remove("ttl");
        }
        if ("0".equals(a.get("ttb"))) {
            a.remove("ttb");
        }
        return a;
    }

    Reply status(String command) throws ServerError {
        Matcher m = Router.match(STATUS, command, "notify:status:<notificationId>");
        return Reply.data(ctx.notifications.status(m.group("id")));
    }

    Reply fetch(String command, Session s) throws ServerError {
        Matcher m = Router.match(FETCH, command, "notify:fetch:<notificationId>");
        NotificationRecord n = ctx.notifications.get(m.group("id"));
        if (n == null || n.isExpired(ctx.now())) {
            Map<String, Object> gone = new java.util.LinkedHashMap<>();
            gone.put("id", m.group("id"));
            gone.put("notificationStatus", "NotificationStatus.expired");
            return Reply.data(Json.write(gone));
        }
        return Reply.data(Json.write(n.fetchJson()));
    }

    Reply remove(String command, Session s) throws ServerError, IOException {
        Matcher m = Router.match(REMOVE, command, "notify:remove:<notificationId>");
        ctx.notifications.remove(m.group("id"));
        return Reply.data("success");
    }

    Reply list(String command, Session s) throws ServerError {
        Matcher m = LIST.matcher(command);
        if (!m.lookingAt()) {
            throw ServerError.invalidSyntax("notify:list:<regex>");
        }
        if (s.auth == Session.Auth.NONE) {
            throw ServerError.authRequired();
        }
        long from = day(m.group("fromDate"), 0);
        long to = m.group("toDate") == null ? Long.MAX_VALUE : day(m.group("toDate"), 86_400_000L);
        ClientRegex filter = m.group("regex") == null ? null : ClientRegex.compile(m.group("regex"));
        List<Object> out = new ArrayList<>();
        if (s.auth == Session.Auth.POL) {
            for (NotificationRecord n : ctx.notifications.all()) {
                if (NotificationRecord.SENT.equals(n.type) && n.to.equals(s.polAtSign) && !n.isExpired(ctx.now())) {
                    out.add(n.replayJson());
                }
            }
        } else {
            for (NotificationRecord n : ctx.notifications.received(-1, n -> n.epochMillis >= from
                    && n.epochMillis < to && s.mayAccess(KeyNames.namespaceOf(n.key), false)
                    && (filter == null || filter.find(n.key)
                    || filter.find(n.from.substring(1))))) {
                out.add(n.replayJson());
            }
        }
        return Reply.data(out.isEmpty() ? "null" : Json.write(out));
    }

    Reply monitor(String command, Session s, InboundConnection connection) throws ServerError {
        Matcher m = Router.match(MONITOR, command, "monitor:<lastNotificationEpochMillis> <regex>");
        ClientRegex regex = ClientRegex.compile(m.group("regex") == null ? ".*" : m.group("regex"));
        Long since = m.group("epochMillis") == null ? null : Long.valueOf(m.group("epochMillis"));
        ctx.notifications.addMonitor(new Monitor(connection, s, regex, m.group("selfNotifications") != null), since);
        return Reply.none();
    }

    /**
     * What the server sends by itself when the owner changes a key shared with another atSign: the value and
     * metadata go to the recipient, which caches them when ttr allows (wire reference §5.1).
     */
    static void autoNotify(ServerContext ctx, String recipient, String key, String value, Map<String, String> attrs,
                           String operation) throws IOException {
        NotificationRecord n = new NotificationRecord();
        n.id = UUID.randomUUID().toString();
        n.from = ctx.owner;
        n.to = recipient;
        n.key = key;
        n.value = value;
        n.operation = operation;
        n.notifier = "system";
        n.type = NotificationRecord.SENT;
        n.status = "queued";
        n.attributes.putAll(attrs);
        n.isEncrypted = Boolean.parseBoolean(attrs.getOrDefault("isEncrypted", "false"));
        n.epochMillis = ctx.now();
        n.expiresAtMillis = n.epochMillis + ctx.config.notificationTtl().toMillis();
        ctx.notifications.storeSent(n);
    }

    /** Legacy default: key notifications are encrypted unless public or said otherwise; text ones are not. */
    private static boolean encryptedByDefault(NotificationRecord n, String given) {
        if (given != null) {
            return Boolean.parseBoolean(given);
        }
        if ("text".equals(n.messageType)) {
            return false;
        }
        return !n.key.substring(n.key.indexOf(':') + 1).startsWith("public:");
    }

    private static String lower(String v, String dflt) {
        return v == null ? dflt : v.toLowerCase(Locale.ROOT);
    }

    private static long day(String date, long offset) throws ServerError {
        if (date == null) {
            return 0;
        }
        try {
            String[] p = date.split("-");
            return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]))
                    .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + offset;
        } catch (RuntimeException e) {
            throw ServerError.of("AT0022", "invalid date " + date);
        }
    }
}
