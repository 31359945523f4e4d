package org.atiot.platform.server.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the verb handler by prefix in the real server's order (wire reference §2.3) after normalising the verb,
 * and checks authentication where the verb needs it.
 */
final class Router {
    private final AuthVerbs auth;
    private final KeyVerbs keys;
    private final NotifyVerbs notify;
    private final InfoVerbs info;
    private final EnrollVerbs enroll;
    private final ServerContext ctx;

    Router(ServerContext ctx) {
        this.ctx = ctx;
        this.auth = new AuthVerbs(ctx);
        this.keys = new KeyVerbs(ctx);
        this.notify = new NotifyVerbs(ctx);
        this.info = new InfoVerbs(ctx);
        this.enroll = new EnrollVerbs(ctx);
    }

    Reply route(String raw, Session s, InboundConnection connection) throws ServerError, IOException {
        String c = normalise(raw);
        if (s.enrollmentId != null) {
            try {
                Enrollment.require(ctx, s.enrollmentId);
            } catch (ServerError revokedOrExpired) {
                connection.close(); // the real server hangs up without a reply
                return Reply.none();
            }
        }
        if (c.startsWith("from:")) {
            return auth.from(c, s);
        }
        if (c.startsWith("cram:")) {
            return auth.cram(c, s);
        }
        if (c.startsWith("pkam:")) {
            return auth.pkam(c, s);
        }
        if (c.startsWith("update:meta:")) {
            return keys.updateMeta(c, owner(s));
        }
        if (c.startsWith("update:")) {
            return keys.update(c, owner(s));
        }
        if (c.startsWith("llookup:")) {
            return keys.llookup(c, owner(s));
        }
        if (c.startsWith("plookup:")) {
            return keys.plookup(c, owner(s));
        }
        if (c.startsWith("lookup:")) {
            return keys.lookup(c, s);
        }
        if (c.startsWith("scan")) {
            return keys.scan(c, s);
        }
        if (c.startsWith("pol")) {
            return auth.pol(c, s);
        }
        if (c.startsWith("delete:")) {
            return keys.delete(c, owner(s));
        }
        if (c.startsWith("stats")) {
            return info.stats(c, owner(s));
        }
        if (c.startsWith("monitor")) {
            return notify.monitor(c, owner(s), connection);
        }
        if (c.startsWith("notify:list")) {
            return notify.list(c, s);
        }
        if (c.startsWith("notify:status")) {
            return notify.status(c);
        }
        if (c.startsWith("notify:fetch")) {
            return notify.fetch(c, owner(s));
        }
        if (c.startsWith("notify:remove:")) {
            return notify.remove(c, owner(s));
        }
        if (c.startsWith("notify:all")) {
            throw ServerError.invalidCommand(); // deprecated multi-recipient form: not offered
        }
        if (c.startsWith("notify:")) {
            return notify.notify(c, s);
        }
        if (c.equals("info") || c.equals("info:brief")) {
            return info.info(c, s);
        }
        if (c.startsWith("noop:")) {
            return info.noop(c);
        }
        if (c.startsWith("enroll:")) {
            return enroll.enroll(c, s, connection);
        }
        if (c.startsWith("otp:")) {
            return enroll.otp(c, s);
        }
        if (c.startsWith("keys:")) {
            return enroll.keys(c, s);
        }
        throw ServerError.invalidCommand();
    }

    private static Session owner(Session s) throws ServerError {
        if (!s.isOwner()) {
            throw ServerError.authRequired();
        }
        return s;
    }

    /** Verb lower-cased without spaces; a command without {@code :} is lower-cased whole (as the real server). */
    static String normalise(String command) {
        int colon = command.indexOf(':');
        if (colon < 0) {
            return command.toLowerCase(Locale.ROOT);
        }
        return command.substring(0, colon).toLowerCase(Locale.ROOT).replace(" ", "") + command.substring(colon);
    }

    static String verbOf(String command) {
        int colon = command.indexOf(':');
        String verb = colon < 0 ? command.split(" ", 2)[0] : command.substring(0, colon);
        return verb.length() > 32 ? verb.substring(0, 32) : verb;
    }

    static Pattern regex(String text) {
        return Pattern.compile(text, Pattern.CASE_INSENSITIVE);
    }

    /** Matches or fails with the real server's syntax error and the verb's usage example. */
    static Matcher match(Pattern p, String command, String usage) throws ServerError {
        Matcher m = p.matcher(command);
        if (!m.matches()) {
            throw ServerError.invalidSyntax(usage);
        }
        return m;
    }
}
