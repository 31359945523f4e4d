package org.atiot.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar is trimmed (unused BouncyCastle and native libraries removed), so it is run on its own in a
 * child JVM: nothing else on the class path can hide a class the trimming took away.
 */
class TrimmedJarIT {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Path jar = Commands.systemPath("atiot.jar");

    @Test
    void versionRuns() throws Exception {
        String out = Commands.run(60, JAVA, "-jar", jar.toString(), "--version").assertSuccess("atiot --version").output();
        assertEquals("atiot " + System.getProperty("atiot.version"), out.strip());
    }

    /** The MQTT bridge is only loaded when configured, so trimming could drop what Paho loads by name. */
    @Test
    void mqttBridgeLoadsFromTheTrimmedJar(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("agent.toml");
        Files.writeString(config, String.join("\n", "[device]", "atsign = \"@pi01\"", "[hal]",
                "provider = \"simulated\"", "[mqtt]", "broker = \"ssl://127.0.0.1:8883\"",
                "[[mqtt.ingest]]", "topic = \"plugs/+/power\"", "sensor = \"plug\"", "quantity = \"power_w\"",
                "[[recipient]]", "atsign = \"@operator\"", ""));
        String out = Commands.run(60, JAVA, "-verbose:class", "-jar", jar.toString(), "run", "--check", "--config",
                config.toString()).assertSuccess("atiot run --check with [mqtt]").output();
        assertTrue(out.contains("is valid"), out);
        assertTrue(out.contains("org.eclipse.paho.client.mqttv3.internal.TCPNetworkModuleFactory")
                || out.contains("org.eclipse.paho.client.mqttv3.internal.SSLNetworkModuleFactory"), out);
    }

    @Test
    void cryptoVectorsPassAgainstTheTrimmedJarAlone() throws Exception {
        Path vectors = Commands.systemPath("atiot.shared.dir").resolve("vectors/atplatform-vectors.json");
        assertTrue(Files.isRegularFile(vectors), "no crypto vectors at " + vectors);
        // this test's own classes hold only CryptoSelfCheck's code; everything it calls must come from the jar
        Path selfCheck = Path.of(CryptoSelfCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String classPath = jar + File.pathSeparator + selfCheck;
        Commands.Result result = Commands.run(120,
                List.of(JAVA, "-cp", classPath, CryptoSelfCheck.class.getName(), vectors.toString()));
        assertEquals(0, result.exitCode(), "crypto vectors failed against the trimmed jar:\n" + result.output());
        assertTrue(result.output().contains(" 0 failures"), result.output());
    }
}
