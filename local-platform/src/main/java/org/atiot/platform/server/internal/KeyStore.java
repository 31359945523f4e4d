package org.atiot.platform.server.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The atServer's key store: lower-cased keys, values byte-exact, metadata and commit ids as the real server keeps
 * them (wire reference §4.3, §4.4). Every change is in the {@link Journal} before the method returns, so a verb
 * that answers after calling it never acknowledges something a crash can lose.
 */
final class KeyStore implements AutoCloseable {
    private final TreeMap<String, StoredKey> keys = new TreeMap<>();
    private final Journal journal;
    private final Clock clock;
    private final String owner;
    private long lastCommitId = -1;
    private volatile LongConsumer commitListener = id -> { };

    private KeyStore(Journal journal, Clock clock, String owner) {
        this.journal = journal;
        this.clock = clock;
        this.owner = owner;
    }

    static KeyStore open(Path file, boolean force, Clock clock, String owner) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        Journal journal = Journal.open(file, force, records);
        KeyStore store = new KeyStore(journal, clock, owner);
        for (Map<String, Object> r : records) {
            store.replay(r);
        }
        if (journal.records() > 2L * store.keys.size() + 1000) {
            store.compact();
        }
        return store;
    }

    @SuppressWarnings("unchecked")
    private void replay(Map<String, Object> r) {
        String key = (String) r.get("k");
        Object commit = r.get("c");
        if (commit instanceof Long) {
            lastCommitId = Math.max(lastCommitId, (Long) commit);
        }
        if ("put".equals(r.get("op"))) {
            keys.put(key, new StoredKey(key, (String) r.get("v"), KeyMeta.fromRecord((Map<String, Object>) r.get("m"))));
        } else {
            keys.remove(key);
        }
    }

    void onCommit(LongConsumer listener) {
        this.commitListener = listener;
    }

    long now() {
        return clock.millis();
    }

    synchronized StoredKey get(String key) {
        return keys.get(key.toLowerCase(Locale.ROOT));
    }

    synchronized long lastCommitId() {
        return lastCommitId;
    }

    /** Stores a value with the command's metadata attributes; returns the commit id or -1 for private keys. */
    long put(String key, String value, Map<String, String> attributes, String by) throws IOException {
        long id;
        long ticket;
        synchronized (this) {
            String k = key.toLowerCase(Locale.ROOT);
            long now = clock.millis();
            StoredKey old = keys.get(k);
            KeyMeta meta = old == null ? KeyMeta.created(by, now) : old.meta.next(by, now);
            meta.apply(attributes, now);
            id = nextCommitId(k);
            ticket = write(new StoredKey(k, value, meta), id);
        }
        journal.awaitDurable(ticket);
        announce(id);
        return id;
    }

    /** {@code update:meta}: new metadata, value kept (null if the key did not exist). */
    long putMeta(String key, Map<String, String> attributes, String by) throws IOException {
        long id;
        long ticket;
        synchronized (this) {
            String k = key.toLowerCase(Locale.ROOT);
            long now = clock.millis();
            StoredKey old = keys.get(k);
            KeyMeta meta = old == null ? KeyMeta.created(by, now) : old.meta.next(by, now);
            if (old != null) {
                // update:meta does not re-send the flags; keep them unless given
                attributes = withDefault(withDefault(attributes, "isBinary", old.meta.isBinary),
                        "isEncrypted", old.meta.isEncrypted);
            }
            meta.apply(attributes, now);
            id = nextCommitId(k);
            ticket = write(new StoredKey(k, old == null ? null : old.value, meta), id);
        }
        journal.awaitDurable(ticket);
        announce(id);
        return id;
    }

    /** Deletes (a missing key still takes a commit id, as in the real server). */
    long delete(String key) throws IOException {
        long id;
        long ticket;
        synchronized (this) {
            String k = key.toLowerCase(Locale.ROOT);
            id = nextCommitId(k);
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("op", "del");
            r.put("k", k);
            r.put("c", id);
            ticket = journal.write(r);
            keys.remove(k);
        }
        journal.awaitDurable(ticket);
        announce(id);
        return id;
    }

    /** Active keys the filter accepts, in key order. */
    synchronized List<String> scan(Predicate<String> filter) {
        long now = clock.millis();
        List<String> out = new ArrayList<>();
        for (StoredKey k : keys.values()) {
            if (k.isActive(now) && filter.test(k.key)) {
                out.add(k.key);
            }
        }
        return out;
    }

    /** Removes keys whose ttl has passed; returns how many. */
    int purgeExpired() throws IOException {
        List<String> expired = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            for (StoredKey k : keys.values()) {
                if (k.meta.isExpired(now)) {
                    expired.add(k.key);
                }
            }
        }
        for (String k : expired) {
            delete(k);
        }
        return expired.size();
    }

    synchronized void compact() throws IOException {
        List<Map<String, Object>> live = new ArrayList<>(keys.size() + 1);
        Map<String, Object> mark = new java.util.LinkedHashMap<>();
        mark.put("op", "del"); // carries the commit counter across compaction
        mark.put("k", "");
        mark.put("c", lastCommitId);
        live.add(mark);
        for (StoredKey k : keys.values()) {
            live.add(record(k, -1));
        }
        journal.compact(live);
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }

    /** Journals (not yet forced) and applies; the caller awaits the ticket outside the store lock. */
    private long write(StoredKey k, long commitId) throws IOException {
        long ticket = journal.write(record(k, commitId));
        keys.put(k.key, k);
        return ticket;
    }

    private long nextCommitId(String key) {
        if (!isCommitted(key)) {
            return -1;
        }
        return ++lastCommitId;
    }

    private void announce(long commitId) {
        if (commitId >= 0) {
            commitListener.accept(commitId);
        }
    }

    /** Server-internal and hidden public keys never enter the commit log (wire reference §4.4). */
    static boolean isCommitted(String key) {
        return !(key.startsWith("private:") || key.startsWith("privatekey:") || key.startsWith("local:")
                || (key.startsWith("public:_") && !key.startsWith("public:__")) || key.contains(".__manage@")
                || key.contains(".__otp@"));
    }

    private static Map<String, Object> record(StoredKey k, long commitId) {
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("op", "put");
        r.put("k", k.key);
        r.put("v", k.value);
        r.put("m", k.meta.toRecord());
        r.put("c", commitId);
        return r;
    }

    private static Map<String, String> withDefault(Map<String, String> given, String name, boolean value) {
        if (given.containsKey(name)) {
            return given;
        }
        Map<String, String> copy = new java.util.LinkedHashMap<>(given);
        copy.put(name, Boolean.toString(value));
        return copy;
    }

    String owner() {
        return owner;
    }
}
