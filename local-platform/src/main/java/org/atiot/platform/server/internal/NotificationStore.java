package org.atiot.platform.server.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.atiot.core.json.Json;

/**
 * Sent and received notifications of one atServer, journaled before the verb that created them answers, plus the
 * monitors that want to hear about received ones (wire reference §6).
 */
final class NotificationStore implements AutoCloseable {
    private final Map<String, NotificationRecord> byId = new LinkedHashMap<>();
    private final List<Monitor> monitors = new CopyOnWriteArrayList<>();
    private final Journal journal;
    private final Clock clock;
    private final String owner;
    private volatile Consumer<NotificationRecord> outbox = n -> { };

    private NotificationStore(Journal journal, Clock clock, String owner) {
        this.journal = journal;
        this.clock = clock;
        this.owner = owner;
    }

    static NotificationStore open(Path file, boolean force, Clock clock, String owner) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        Journal journal = Journal.open(file, force, records);
        NotificationStore store = new NotificationStore(journal, clock, owner);
        for (Map<String, Object> r : records) {
            if (r.containsKey("removed")) {
                store.byId.remove((String) r.get("removed"));
            } else if (r.containsKey("statusOf")) {
                NotificationRecord n = store.byId.get((String) r.get("statusOf"));
                if (n != null) {
                    n.status = (String) r.get("status");
                    n.retryCount = ((Long) r.get("retries")).intValue();
                }
            } else {
                NotificationRecord n = NotificationRecord.fromRecord(r);
                store.byId.put(n.id, n);
            }
        }
        if (journal.records() > 2L * store.byId.size() + 1000) {
            store.compact();
        }
        return store;
    }

    /** Where queued sent notifications go for delivery; also called for every queued one found at start. */
    void onQueued(Consumer<NotificationRecord> outbox) {
        this.outbox = outbox;
    }

    synchronized List<NotificationRecord> pending() {
        List<NotificationRecord> out = new ArrayList<>();
        for (NotificationRecord n : byId.values()) {
            if (NotificationRecord.SENT.equals(n.type) && ("queued".equals(n.status) || "errored".equals(n.status))) {
                out.add(n);
            }
        }
        return out;
    }

    /** Stores a notification for this atSign and pushes it to the monitors. */
    void storeReceived(NotificationRecord n) throws IOException {
        long ticket;
        synchronized (this) {
            ticket = journal.write(n.toRecord());
            byId.put(n.id, n);
        }
        journal.awaitDurable(ticket);
        String json = n.liveJson();
        for (Monitor m : monitors) {
            if (m.wants(n) && !m.push(n, json)) {
                monitors.remove(m);
            }
        }
    }

    /** Stores a notification to another atSign and hands it to delivery. */
    void storeSent(NotificationRecord n) throws IOException {
        long ticket;
        synchronized (this) {
            ticket = journal.write(n.toRecord());
            byId.put(n.id, n);
        }
        journal.awaitDurable(ticket);
        outbox.accept(n);
    }

    /** Records a delivery attempt's outcome. */
    synchronized void updateStatus(NotificationRecord n, String status) throws IOException {
        n.status = status;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("statusOf", n.id);
        r.put("status", status);
        r.put("retries", (long) n.retryCount);
        journal.append(r, false); // lost in a power cut = delivered again under the same id
    }

    synchronized String status(String id) {
        NotificationRecord n = byId.get(id);
        if (n == null) {
            return "null";
        }
        return n.isExpired(clock.millis()) ? "expired" : n.status;
    }

    synchronized NotificationRecord get(String id) {
        return byId.get(id);
    }

    synchronized void remove(String id) throws IOException {
        if (byId.remove(id) != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("removed", id);
            journal.append(r);
        }
    }

    /** Received (and self) notifications still alive, oldest first, that a filter accepts. */
    synchronized List<NotificationRecord> received(long afterEpochMillis, java.util.function.Predicate<NotificationRecord> filter) {
        long now = clock.millis();
        List<NotificationRecord> out = new ArrayList<>();
        for (NotificationRecord n : byId.values()) {
            if (!NotificationRecord.SENT.equals(n.type) && !n.isExpired(now) && n.epochMillis > afterEpochMillis
                    && filter.test(n)) {
                out.add(n);
            }
        }
        out.sort(Comparator.comparingLong(n -> n.epochMillis));
        return out;
    }

    /** Registers a monitor after replaying what it missed since {@code sinceEpochMillis} (when given). */
    void addMonitor(Monitor m, Long sinceEpochMillis) {
        List<NotificationRecord> missed;
        synchronized (this) {
            // one step with registration: a notification stored now is either in the replay or pushed live
            missed = sinceEpochMillis == null ? List.of() : received(sinceEpochMillis, m::wants);
            monitors.add(m);
        }
        for (NotificationRecord n : missed) {
            if (!m.replay(n, Json.write(n.replayJson()))) {
                monitors.remove(m);
                return;
            }
        }
        if (!m.goLive()) {
            monitors.remove(m);
        }
    }

    void removeMonitorsOf(InboundConnection c) {
        monitors.removeIf(m -> m.connection == c);
    }

    /** The heartbeat/change line every monitor gets (wire reference §6.7). */
    void broadcastStats(long lastCommitId, String operation) {
        if (monitors.isEmpty()) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "-1");
        m.put("from", owner);
        m.put("to", owner);
        m.put("key", "statsNotification." + owner);
        m.put("value", Long.toString(lastCommitId));
        m.put("operation", operation);
        m.put("epochMillis", clock.millis());
        m.put("messageType", "MessageType.key");
        m.put("isEncrypted", false);
        m.put("metadata", null);
        String json = Json.write(m);
        for (Monitor monitor : monitors) {
            if (!monitor.pushStats(json)) {
                monitors.remove(monitor);
            }
        }
    }

    /** Drops notifications past their ttln (those still queued are reported expired first). */
    synchronized int purgeExpired() throws IOException {
        long now = clock.millis();
        List<String> gone = new ArrayList<>();
        for (NotificationRecord n : byId.values()) {
            // keep expired sent ones for a while so that notify:status can still say "expired"
            if (n.isExpired(now - 3_600_000L)) {
                gone.add(n.id);
            }
        }
        for (String id : gone) {
            remove(id);
        }
        if (journal.records() > 2L * byId.size() + 1000) {
            compact();
        }
        return gone.size();
    }

    synchronized int size() {
        return byId.size();
    }

    synchronized List<NotificationRecord> all() {
        return new ArrayList<>(byId.values());
    }

    boolean hasMonitors() {
        return !monitors.isEmpty();
    }

    private synchronized void compact() throws IOException {
        List<Map<String, Object>> live = new ArrayList<>(byId.size());
        for (NotificationRecord n : byId.values()) {
            live.add(n.toRecord());
        }
        journal.compact(live);
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
