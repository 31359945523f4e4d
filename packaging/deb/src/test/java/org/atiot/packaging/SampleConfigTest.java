package org.atiot.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.atiot.agent.config.AgentConfig;
import org.junit.jupiter.api.Test;

/** The packaged /etc/atiot/agent.toml must load and must not send anything anywhere until edited. */
class SampleConfigTest {

    @Test
    void packagedConfigValidatesAndNamesNoRecipient() throws Exception {
        AgentConfig config = AgentConfig.load(Commands.systemPath("atiot.sample.config"));
        assertTrue(config.recipients().isEmpty(), "the shipped example must not send readings to anyone");
        assertEquals(Path.of("/var/lib/atiot"), config.stateDir());
        assertTrue(config.keysFile().startsWith(Path.of("/etc/atiot/keys")), "keys live under /etc/atiot/keys");
    }
}
