package org.atiot.platform.server.internal;

/** One key's value and metadata as read from the {@link KeyStore}: a snapshot, safe to use without its lock. */
final class StoredKey {
    final String key;
    final String value;
    final KeyMeta meta;

    StoredKey(String key, String value, KeyMeta meta) {
        this.key = key;
        this.value = value;
        this.meta = meta;
    }

    boolean isActive(long now) {
        return meta.isActive(now);
    }
}
