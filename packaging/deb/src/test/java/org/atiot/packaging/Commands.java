package org.atiot.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real tools the package checks use and captures what they print. */
final class Commands {

    /** What a finished command printed (standard output and error together) and how it exited. */
    record Result(int exitCode, String output) {
        Result assertSuccess(String what) {
            assertTrue(exitCode == 0, what + " failed with exit code " + exitCode + ":\n" + output);
            return this;
        }
    }

    private Commands() {
    }

    static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return run(timeoutSeconds, List.of(command));
    }

    static Result run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("atiot-command", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Fails when a tool is missing on CI; a developer machine skips with the reason. */
    static void requireTool(String tool) throws IOException, InterruptedException {
        boolean present = run(10, "sh", "-c", "command -v " + tool).exitCode() == 0;
        require(present, tool + " is not installed; run scripts/ensure-tools test");
    }

    /** Fails when the condition does not hold on CI ({@code CI=true}); elsewhere skips with the reason. */
    static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(reason);
        }
        System.err.println("skipped: " + reason);
        Assumptions.assumeTrue(false, reason);
    }

    static boolean isRoot() throws IOException, InterruptedException {
        return run(10, "id", "-u").output().strip().equals("0");
    }

    static Path systemPath(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null && !value.isEmpty(), "system property " + property + " is not set by the build");
        return Path.of(value);
    }
}
