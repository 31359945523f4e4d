package org.atiot.platform.server.internal;


/** A connection that ran {@code monitor}: which notifications it wants and where to write them. */
final class Monitor {
    final InboundConnection connection;
    final ClientRegex regex;
    final boolean selfNotifications;
    final Session session;

    Monitor(InboundConnection connection, Session session, ClientRegex regex, boolean selfNotifications) {
        this.connection = connection;
        this.session = session;
        this.regex = regex;
        this.selfNotifications = selfNotifications;
    }

    boolean wants(NotificationRecord n) {
        if (NotificationRecord.SELF.equals(n.type) && !selfNotifications) {
            return false;
        }
        if (!session.mayAccess(KeyNames.namespaceOf(n.key), false) && !KeyNames.isReserved(n.key)) {
            return false;
        }
        String sender = n.from.startsWith("@") ? n.from.substring(1) : n.from;
        return regex.find(n.key) || regex.find(sender);
    }

    /** Live notifications that arrive while the replay is being written wait here, so that none overtakes it. */
    private java.util.List<NotificationRecord> held = new java.util.ArrayList<>();
    private final java.util.Set<String> replayed = new java.util.HashSet<>();

    /** False when the connection is gone: the caller drops this monitor. */
    boolean push(NotificationRecord n, String json) {
        synchronized (this) {
            if (held != null) {
                held.add(n);
                return true;
            }
        }
        return connection.writeNotification(json);
    }

    /** The heartbeat line: not held back, it carries no data a replay could reorder. */
    boolean pushStats(String json) {
        return connection.writeNotification(json);
    }

    /** Writes one replayed notification (the replay form). */
    boolean replay(NotificationRecord n, String json) {
        replayed.add(n.id);
        return connection.writeNotification(json);
    }

    /** Ends the replay: what arrived meanwhile follows, except what the replay already carried. */
    boolean goLive() {
        java.util.List<NotificationRecord> waiting;
        synchronized (this) {
            waiting = held;
            held = null;
        }
        for (NotificationRecord n : waiting) {
            if (!replayed.contains(n.id) && !connection.writeNotification(n.liveJson())) {
                return false;
            }
        }
        replayed.clear();
        return true;
    }
}
