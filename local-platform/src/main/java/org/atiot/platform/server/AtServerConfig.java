package org.atiot.platform.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.RsaPublicKey;
import org.atiot.core.protocol.HostAndPort;

/**
 * Settings of one {@link AtServer}; immutable, made with {@link #builder}. Defaults follow the real server's
 * shipped configuration (wire reference §10) unless a comment says why not.
 */
public final class AtServerConfig {
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_MAX_CONNECTIONS = 200;
    public static final Duration DEFAULT_UNAUTHENTICATED_IDLE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_AUTHENTICATED_IDLE = Duration.ofDays(30);
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_NOTIFICATION_TTL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 30;
    public static final int DEFAULT_MAX_COMMAND_BYTES = 10_240_000;
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(1);

    private final Builder b;

    private AtServerConfig(Builder b) {
        this.b = b;
    }

    public static Builder builder(AtSign atSign, SSLContext tls, HostAndPort directory, Path storageDir) {
        return new Builder(atSign, tls, directory, storageDir);
    }

    public AtSign atSign() {
        return b.atSign;
    }

    /** Presents the server certificate inbound and as client certificate outbound; trusts the platform CA. */
    public SSLContext tls() {
        return b.tls;
    }

    public HostAndPort directory() {
        return b.directory;
    }

    public Path storageDir() {
        return b.storageDir;
    }

    public String bindAddress() {
        return b.bindAddress;
    }

    public int port() {
        return b.port;
    }

    public Optional<String> cramSecret() {
        return Optional.ofNullable(b.cramSecret);
    }

    public Optional<RsaPublicKey> pkamPublicKey() {
        return Optional.ofNullable(b.pkamPublicKey);
    }

    public Optional<RsaPublicKey> encryptionPublicKey() {
        return Optional.ofNullable(b.encryptionPublicKey);
    }

    public int maxConnections() {
        return b.maxConnections;
    }

    public Duration unauthenticatedIdle() {
        return b.unauthenticatedIdle;
    }

    public Duration authenticatedIdle() {
        return b.authenticatedIdle;
    }

    /** Zero disables the periodic statsNotification. */
    public Duration statsInterval() {
        return b.statsInterval;
    }

    public Duration notificationTtl() {
        return b.notificationTtl;
    }

    public Duration retryDelay() {
        return b.retryDelay;
    }

    public int maxDeliveryAttempts() {
        return b.maxDeliveryAttempts;
    }

    public int maxCommandBytes() {
        return b.maxCommandBytes;
    }

    public Duration purgeInterval() {
        return b.purgeInterval;
    }

    /** Whether every acknowledged write is forced to disk first (true; only benchmarks turn it off). */
    public boolean syncWrites() {
        return b.syncWrites;
    }

    public Clock clock() {
        return b.clock;
    }

    /** Builds an {@link AtServerConfig}; every setter checks its value at once. */
    public static final class Builder {
        private final AtSign atSign;
        private final SSLContext tls;
        private final HostAndPort directory;
        private final Path storageDir;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port;
        private String cramSecret;
        private RsaPublicKey pkamPublicKey;
        private RsaPublicKey encryptionPublicKey;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration unauthenticatedIdle = DEFAULT_UNAUTHENTICATED_IDLE;
        private Duration authenticatedIdle = DEFAULT_AUTHENTICATED_IDLE;
        private Duration statsInterval = DEFAULT_STATS_INTERVAL;
        private Duration notificationTtl = DEFAULT_NOTIFICATION_TTL;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private int maxDeliveryAttempts = DEFAULT_MAX_DELIVERY_ATTEMPTS;
        private int maxCommandBytes = DEFAULT_MAX_COMMAND_BYTES;
        private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;
        private boolean syncWrites = true;
        private Clock clock = Clock.systemUTC();

        private Builder(AtSign atSign, SSLContext tls, HostAndPort directory, Path storageDir) {
            this.atSign = Objects.requireNonNull(atSign, "atSign");
            this.tls = Objects.requireNonNull(tls, "tls");
            this.directory = Objects.requireNonNull(directory, "directory");
            this.storageDir = Objects.requireNonNull(storageDir, "storageDir");
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

        /** Enables CRAM with this secret until the owner deletes {@code privatekey:at_secret}. */
        public Builder cramSecret(String secret) {
            this.cramSecret = secret;
            return this;
        }

        /** Registers the PKAM public key at first start (as onboarding would). */
        public Builder pkamPublicKey(RsaPublicKey key) {
            this.pkamPublicKey = key;
            return this;
        }

        /** Publishes {@code public:publickey@<atSign>} at first start (as onboarding would). */
        public Builder encryptionPublicKey(RsaPublicKey key) {
            this.encryptionPublicKey = key;
            return this;
        }

        public Builder maxConnections(int max) {
            this.maxConnections = positive(max, "maxConnections");
            return this;
        }

        public Builder unauthenticatedIdle(Duration d) {
            this.unauthenticatedIdle = positive(d, "unauthenticatedIdle");
            return this;
        }

        public Builder authenticatedIdle(Duration d) {
            this.authenticatedIdle = positive(d, "authenticatedIdle");
            return this;
        }

        public Builder statsInterval(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("statsInterval must not be negative, got " + d);
            }
            this.statsInterval = d;
            return this;
        }

        public Builder notificationTtl(Duration d) {
            this.notificationTtl = positive(d, "notificationTtl");
            return this;
        }

        public Builder retryDelay(Duration d) {
            this.retryDelay = positive(d, "retryDelay");
            return this;
        }

        public Builder maxDeliveryAttempts(int n) {
            this.maxDeliveryAttempts = positive(n, "maxDeliveryAttempts");
            return this;
        }

        public Builder maxCommandBytes(int n) {
            this.maxCommandBytes = positive(n, "maxCommandBytes");
            return this;
        }

        public Builder purgeInterval(Duration d) {
            this.purgeInterval = positive(d, "purgeInterval");
            return this;
        }

        public Builder syncWrites(boolean sync) {
            this.syncWrites = sync;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public AtServerConfig build() {
            return new AtServerConfig(this);
        }

        private static int positive(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + n);
            }
            return n;
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
