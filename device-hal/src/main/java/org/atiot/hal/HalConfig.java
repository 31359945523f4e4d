package org.atiot.hal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which provider to use and where it finds the system's files. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * [hal]
 * provider = "pi4j"     # simulated | linux | pi4j
 * root = "/"            # prefix for /sys and /proc (tests and chroots)
 * seed = 42             # simulated provider only
 * }</pre>
 */
public final class HalConfig {
    public static final String PROVIDER_SIMULATED = "simulated";
    public static final String PROVIDER_LINUX = "linux";
    public static final String PROVIDER_PI4J = "pi4j";
    public static final Set<String> PROVIDERS = Set.of(PROVIDER_SIMULATED, PROVIDER_LINUX, PROVIDER_PI4J);
    public static final String DEFAULT_PROVIDER = PROVIDER_SIMULATED;
    public static final Path DEFAULT_ROOT = Path.of("/");
    public static final long DEFAULT_SEED = 1L;

    private final String provider;
    private final Path root;
    private final long seed;

    private HalConfig(Builder builder) {
        this.provider = builder.provider;
        this.root = builder.root;
        this.seed = builder.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String provider() {
        return provider;
    }

    /** Root under which {@code sys/} and {@code proc/} are found. */
    public Path root() {
        return root;
    }

    /** Seed of the simulated world's noise. */
    public long seed() {
        return seed;
    }

    public Path w1DevicesDir() {
        return root.resolve("sys/bus/w1/devices");
    }

    public Path thermalDir() {
        return root.resolve("sys/class/thermal");
    }

    public Path procDir() {
        return root.resolve("proc");
    }

    public Path pwmDir() {
        return root.resolve("sys/class/pwm");
    }

    @Override
    public String toString() {
        return "HalConfig{provider=" + provider + ", root=" + root + ", seed=" + seed + '}';
    }

    public static final class Builder {
        private String provider = DEFAULT_PROVIDER;
        private Path root = DEFAULT_ROOT;
        private long seed = DEFAULT_SEED;

        private Builder() {}

        /** One of {@link #PROVIDERS}; case-insensitive. */
        public Builder provider(String name) {
            String normal = Objects.requireNonNull(name, "provider").trim().toLowerCase(Locale.ROOT);
            if (!PROVIDERS.contains(normal)) {
                throw new IllegalArgumentException("hal.provider \"" + name + "\" is not known; use one of "
                        + PROVIDER_SIMULATED + ", " + PROVIDER_LINUX + ", " + PROVIDER_PI4J);
            }
            this.provider = normal;
            return this;
        }

        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public HalConfig build() {
            return new HalConfig(this);
        }
    }
}
