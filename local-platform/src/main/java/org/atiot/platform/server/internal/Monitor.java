package org.atiot.platform.server.internal;

import java.util.regex.Pattern;

/** A connection that ran {@code monitor}: which notifications it wants and where to write them. */
final class Monitor {
    final InboundConnection connection;
    final Pattern regex;
    final boolean selfNotifications;
    final Session session;

    Monitor(InboundConnection connection, Session session, Pattern regex, boolean selfNotifications) {
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
        return regex.matcher(n.key).find() || regex.matcher(sender).find();
    }

    /** False when the connection is gone: the caller drops this monitor. */
    boolean push(String json) {
        return connection.writeNotification(json);
    }
}
