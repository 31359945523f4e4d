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
