package org.atiot.platform.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atiot.core.json.Json;

/** info, noop and stats (wire reference §5.9, §5.10). */
final class InfoVerbs {
    /** The real server's version we follow, with our build marker (clients may see a suffix there). */
    static final String VERSION = "3.0.52+atiot";
    static final long MAX_NOOP_MILLIS = 5000;
    private static final Pattern NOOP = Router.regex("^noop:(?<delay>\\d+)$");
    private static final Pattern STATS = Router.regex("^stats(:(?<ids>[1-9]\\d*(,\\d+)*))?(:(?<regex>.+))?$");

    private final ServerContext ctx;

    InfoVerbs(ServerContext ctx) {
        this.ctx = ctx;
    }

    Reply info(String command, Session s) {
        long uptime = ctx.now() - ctx.startedAtMillis;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", VERSION);
        if (command.equals("info:brief")) {
            m.put("uptimeAsMillis", uptime);
        } else {
            long secs = uptime / 1000;
            m.put("uptimeAsWords", (secs / 3600) + " hours " + (secs / 60 % 60) + " minutes " + (secs % 60)
                    + " seconds");
            if (s.enrollmentId != null) {
                StoredKey e = ctx.keys.get(Enrollment.keyOf(s.enrollmentId, ctx.owner));
                if (e != null && e.value != null) {
                    m.put("apkam_metadata", Enrollment.parse(e.value));
                }
            }
        }
        return Reply.data(Json.write(m));
    }

    Reply noop(String command) throws ServerError {
        Matcher m = Router.match(NOOP, command, "noop:<durationInMillis>");
        long delay;
        try {
            delay = Long.parseLong(m.group("delay"));
        } catch (NumberFormatException e) {
            delay = Long.MAX_VALUE;
        }
        if (delay > MAX_NOOP_MILLIS) {
            throw ServerError.of("AT0022", "noop:<durationInMillis> where the duration maximum is "
                    + MAX_NOOP_MILLIS + " milliseconds");
        }
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Reply.data("ok");
    }

    Reply stats(String command, Session s) throws ServerError {
        Matcher m = Router.match(STATS, command, "stats:3");
        String ids = m.group("ids") == null ? "1,2,3,7" : m.group("ids");
        List<String> parts = new ArrayList<>();
        for (String id : ids.split(",")) {
            Map<String, Object> stat = stat(id.trim());
            if (stat != null) {
                parts.add(Json.write(stat));
            }
        }
        return Reply.data(" [" + String.join(", ", parts) + "]");
    }

    private Map<String, Object> stat(String id) {
        String name;
        String value;
        switch (id) {
            case "1":
                name = "activeInboundConnections";
                value = Integer.toString(ctx.inboundConnections.get());
                break;
            case "2":
                name = "activeOutboundConnections";
                value = "0";
                break;
            case "3":
                name = "lastCommitID";
                value = Long.toString(ctx.keys.lastCommitId());
                break;
            case "7":
                name = "secondaryServerVersion";
                value = VERSION;
                break;
            case "11":
                name = "NotificationCount";
                value = Integer.toString(ctx.notifications.size());
                break;
            default:
                return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("value", value);
        return m;
    }
}
