package org.atiot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.config.ConfigException;
import org.atiot.agent.device.HardwareDevice;
import org.atiot.agent.runtime.Device;
import org.atiot.hal.HalConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every shipped sample configuration parses, and its drivers accept their settings (opened on simulated chips). */
class ConfigSamplesTest {
    private static final Path SAMPLES = Path.of("..", "config-samples");

    @TestFactory
    Stream<DynamicTest> everySampleValidatesAndOpensItsHardware() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(SAMPLES)) {
            files = list.filter(p -> p.toString().endsWith(".toml")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 4, "samples found: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            AgentConfig config = AgentConfig.load(file);
            assertFalse(config.recipients().isEmpty(), "a sample sends its readings somewhere");
            try (Device device = HardwareDevice.open(config, HalConfig.builder().provider("simulated").build())) {
                assertEquals(config.sensors().size(), device.sensors().size());
                assertEquals(config.actuators().size(), device.actuators().size());
            }
        }));
    }

    @Test
    void aBadDriverSettingIsReportedAtItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("agent.toml");
        Files.writeString(file, String.join("\n",
                "[device]",
                "atsign = \"@pi01\"",
                "[[sensor]]",
                "type = \"bme280\"",
                "id = \"air\"",
                "interval = \"10s\"",
                "address = 0x40",
                ""));
        AgentConfig config = AgentConfig.load(file);
        ConfigException e = assertThrows(ConfigException.class,
                () -> HardwareDevice.open(config, HalConfig.builder().provider("simulated").build()));
        assertTrue(e.getMessage().startsWith("agent.toml:7: key 'address'"), e.getMessage());
    }
}
