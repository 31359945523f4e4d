package org.atiot.core.protocol;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/** How an {@link AtClient} connects; immutable, from {@link #builder(SSLContext)}. */
public final class AtClientOptions {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Sent in {@code from:}: a version above 3.0.37 makes the server answer errors as JSON, which cannot span lines.
     */
    public static final String DEFAULT_CLIENT_CONFIG = "{\"version\":\"3.0.57\",\"clientId\":\"atiot\"}";

    final HostAndPort directory;
    final SSLContext tls;
    final Duration connectTimeout;
    final Duration responseTimeout;
    final int maxLineBytes;

    private AtClientOptions(Builder b) {
        this.directory = b.directory;
        this.tls = b.tls;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.maxLineBytes = b.maxLineBytes;
    }

    /** @param tls trust for atServers and the atDirectory (hostname verification is always on) */
    public static Builder builder(SSLContext tls) {
        return new Builder(tls);
    }

    public HostAndPort directory() {
        return directory;
    }

    public SSLContext tls() {
        return tls;
    }

    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** Builds {@link AtClientOptions}. */
    public static final class Builder {
        private final SSLContext tls;
        private HostAndPort directory = DirectoryClient.PRODUCTION;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int maxLineBytes = AtConnection.DEFAULT_MAX_LINE_BYTES;

        private Builder(SSLContext tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
        }

        public Builder directory(HostAndPort directory) {
            this.directory = Objects.requireNonNull(directory);
            return this;
        }

        public Builder connectTimeout(Duration t) {
            this.connectTimeout = positive(t, "connectTimeout");
            return this;
        }

        public Builder responseTimeout(Duration t) {
            this.responseTimeout = positive(t, "responseTimeout");
            return this;
        }

        public Builder maxLineBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxLineBytes must be at least 1024, got " + bytes);
            }
            this.maxLineBytes = bytes;
            return this;
        }

        public AtClientOptions build() {
            return new AtClientOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
