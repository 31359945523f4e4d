package org.atiot.platform.server.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.platform.server.AtServerConfig;

/** What the verbs of one atServer share: its identity, stores, peers and counters. */
final class ServerContext {
    final AtServerConfig config;
    /** The server's atSign with its {@code @}, as used in prompts and keys. */
    final String owner;
    final KeyStore keys;
    final NotificationStore notifications;
    final RsaPrivateKey signingKey;
    final long startedAtMillis;
    final AtomicInteger inboundConnections = new AtomicInteger();
    RemoteServers remote;
    Delivery delivery;

    ServerContext(AtServerConfig config, KeyStore keys, NotificationStore notifications, RsaPrivateKey signingKey) {
        this.config = config;
        this.owner = config.atSign().toString();
        this.keys = keys;
        this.notifications = notifications;
        this.signingKey = signingKey;
        this.startedAtMillis = config.clock().millis();
    }

    long now() {
        return config.clock().millis();
    }
}
