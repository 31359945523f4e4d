package org.atiot.platform.directory;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/** Settings of an {@link AtDirectoryServer}; immutable, made with {@link #builder(SSLContext)}. */
public final class DirectoryConfig {
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The real directory waits 3 s before its second "not found" on one connection (anti-enumeration). */
    public static final Duration DEFAULT_SECOND_MISS_DELAY = Duration.ofSeconds(3);

    final SSLContext sslContext;
    final String bindAddress;
    final int port;
    final int maxConnections;
    final Duration idleTimeout;
    final Duration secondMissDelay;

    private DirectoryConfig(Builder b) {
        this.sslContext = b.sslContext;
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.secondMissDelay = b.secondMissDelay;
    }

    public static Builder builder(SSLContext sslContext) {
        return new Builder(sslContext);
    }

    /** Builds a {@link DirectoryConfig}; every setter checks its value at once. */
    public static final class Builder {
        private final SSLContext sslContext;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration secondMissDelay = DEFAULT_SECOND_MISS_DELAY;

        private Builder(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        }

        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
            this.port = port;
            return this;
        }

        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, got " + max);
            }
            this.maxConnections = max;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        public Builder secondMissDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("secondMissDelay must not be negative, got " + delay);
            }
            this.secondMissDelay = delay;
            return this;
        }

        public DirectoryConfig build() {
            return new DirectoryConfig(this);
        }
    }
}
