package org.atiot.platform.server.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinylog.Logger;

/**
 * Forwards sent notifications to their recipients' atServers (wire reference §6.8, §7.2): one queue and one
 * authenticated connection per recipient, one notification at a time, each awaiting {@code data:success}. A
 * failure marks the notification {@code errored}, keeps it queued and quarantines the recipient for the retry
 * delay; after the maximum attempts it stays {@code errored}; past its ttln it becomes {@code expired}.
 *
 * <p>One thread: delivery is I/O-bound and ordered per recipient, and a local platform serves few recipients.
 */
final class Delivery implements AutoCloseable {
    private static final long IDLE_CLOSE_MILLIS = 600_000;

    private final ServerContext ctx;
    private final Map<String, ArrayDeque<NotificationRecord>> queues = new LinkedHashMap<>();
    private final Map<String, Long> quarantinedUntil = new HashMap<>();
    private final Map<String, RemoteConnection> connections = new HashMap<>();
    private final Thread worker;
    private volatile boolean closed;

    Delivery(ServerContext ctx) {
        this.ctx = ctx;
        this.worker = new Thread(null, this::run, "atserver-delivery-" + ctx.owner, 256 * 1024);
        this.worker.setDaemon(true);
    }

    void start() {
        for (NotificationRecord n : ctx.notifications.pending()) {
            enqueue(n);
        }
        worker.start();
    }

    synchronized void enqueue(NotificationRecord n) {
        queues.computeIfAbsent(n.to, k -> new ArrayDeque<>()).add(n);
        notifyAll();
    }

    private void run() {
        while (!closed) {
            String recipient;
            try {
                recipient = nextReady();
            } catch (InterruptedException e) {
                return;
            }
            if (recipient != null) {
                deliver(recipient);
            }
        }
        connections.values().forEach(RemoteConnection::close);
    }

    /** Waits for a recipient with work that is not quarantined. */
    private synchronized String nextReady() throws InterruptedException {
        while (!closed) {
            long now = ctx.now();
            long wake = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, ArrayDeque<NotificationRecord>>> it = queues.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, ArrayDeque<NotificationRecord>> e = it.next();
                if (e.getValue().isEmpty()) {
                    it.remove();
                    continue;
                }
                long until = quarantinedUntil.getOrDefault(e.getKey(), 0L);
                if (until <= now) {
                    return e.getKey();
                }
                wake = Math.min(wake, until);
            }
            closeIdleConnections(now);
            wait(wake == Long.MAX_VALUE ? IDLE_CLOSE_MILLIS : Math.max(1, wake - now));
        }
        return null;
    }

    private synchronized NotificationRecord head(String recipient) {
        ArrayDeque<NotificationRecord> q = queues.get(recipient);
        return q == null ? null : q.peek();
    }

    private synchronized void dropHead(String recipient) {
        ArrayDeque<NotificationRecord> q = queues.get(recipient);
        if (q != null) {
            q.poll();
        }
    }

    private void deliver(String recipient) {
        NotificationRecord n;
        while (!closed && (n = head(recipient)) != null) {
            try {
                if (n.isExpired(ctx.now())) {
                    ctx.notifications.updateStatus(n, "expired");
                    dropHead(recipient);
                    continue;
                }
                RemoteConnection c = connection(recipient);
                String answer = c.request(forwardCommand(n));
                if (!"success".equals(answer)) {
                    throw ServerError.of("AT0011", "recipient answered '" + answer + "'");
                }
                ctx.notifications.updateStatus(n, "delivered");
                dropHead(recipient);
            } catch (ServerError | IOException e) {
                failed(recipient, n, e.getMessage());
                return;
            }
        }
    }

    private void failed(String recipient, NotificationRecord n, String why) {
        Logger.debug("{}: delivery of {} to {} failed: {}", ctx.owner, n.id, recipient, why);
        RemoteConnection c = connections.remove(recipient);
        if (c != null) {
            c.close();
        }
        n.retryCount++;
        try {
            ctx.notifications.updateStatus(n, "errored");
        } catch (IOException e) {
            Logger.warn("{}: cannot record a delivery failure: {}", ctx.owner, e.getMessage());
        }
        synchronized (this) {
            if (n.retryCount >= ctx.config.maxDeliveryAttempts()) {
                dropHead(recipient);
            }
            quarantinedUntil.put(recipient, ctx.now() + ctx.config.retryDelay().toMillis());
        }
    }

    private RemoteConnection connection(String recipient) throws ServerError {
        RemoteConnection c = connections.get(recipient);
        if (c != null && c.isOpen()) {
            return c;
        }
        c = ctx.remote.authenticated(recipient);
        connections.put(recipient, c);
        return c;
    }

    private void closeIdleConnections(long now) {
        connections.values().removeIf(c -> {
            boolean idle = now - c.lastUsedMillis > IDLE_CLOSE_MILLIS;
            if (idle) {
                c.close();
            }
            return idle;
        });
    }

    /** The command the receiving server gets (wire reference §7.2); ttl/ttb always present as 0 by default. */
    static String forwardCommand(NotificationRecord n) {
        StringBuilder sb = new StringBuilder("notify:id:").append(n.id).append(':').append(n.operation)
                .append(":messageType:").append(n.messageType).append(":notifier:").append(n.notifier)
                .append(":ttln:").append(Math.max(0, n.expiresAtMillis - n.epochMillis))
                .append(":ttl:").append(n.attributes.getOrDefault("ttl", "0"))
                .append(":ttb:").append(n.attributes.getOrDefault("ttb", "0"));
        String ttr = n.attribute("ttr");
        if (ttr != null) {
            sb.append(":ttr:").append(ttr).append(":ccd:").append(n.attributes.getOrDefault("ccd", "false"));
        }
        sb.append(":isEncrypted:").append(n.isEncrypted);
        for (String name : new String[] {"sharedKeyEnc", "pubKeyCS", "encKeyName", "encAlgo", "ivNonce",
            "skeEncKeyName", "skeEncAlgo"}) {
            String v = n.attribute(name);
            if (v != null) {
                sb.append(':').append(name).append(':').append(v);
            }
        }
        sb.append(':').append(n.key);
        if (n.value != null) {
            sb.append(':').append(n.value);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
