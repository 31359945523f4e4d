package org.atiot.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.ConfigException;

/**
 * Any text as {@code agent.toml}: a configuration, or a {@link ConfigException} whose message names the file
 * (and, where there is one, the line and key). Seeded with the shipped sample configurations.
 */
public class ConfigFuzzTest {
    private static final Path BASE = Path.of("/etc/atiot");

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** One input; also the entry point of the standalone driver ({@code scripts/fuzz}). */
    public static void fuzzerTestOneInput(byte[] input) {
        try {
            AgentConfig.parse(new String(input, StandardCharsets.UTF_8), "agent.toml", BASE);
        } catch (ConfigException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("agent.toml")) {
                throw new IllegalStateException("a config error that does not name the file: " + e.getMessage(), e);
            }
        }
    }
}
