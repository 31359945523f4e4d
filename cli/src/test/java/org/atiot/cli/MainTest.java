package org.atiot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... argv) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Main(console, Verbs.all()).execute(List.of(argv));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionAndHelp() {
        assertEquals(0, run("--version"));
        assertTrue(stdout().startsWith("atiot "), stdout());
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("keys"), stdout());
        assertEquals(0, run("keys", "--help"));
        assertTrue(stdout().contains("usage: atiot keys generate"));
    }

    @Test
    void unknownVerbAndOptionAreUsageErrorsWithoutStackTraces() {
        assertEquals(ExitCode.USAGE, run("frobnicate"));
        assertTrue(stderr().contains("unknown verb 'frobnicate'"), stderr());
        assertEquals(ExitCode.USAGE, run("keys", "show", "x", "--colour", "red"));
        assertTrue(stderr().contains("unknown option --colour"), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
    }

    @Test
    void generateThenShowKeyFile() throws Exception {
        Path file = dir.resolve("@pi01_key.atKeys");
        assertEquals(0, run("keys", "generate", "@Pi01", "--out", file.toString()), stderr());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String generated = stdout();
        out.reset();
        assertEquals(0, run("keys", "show", file.toString()), stderr());
        assertTrue(stdout().contains("atSign:         @pi01"), stdout());
        String fingerprintLine = stdout().lines().filter(l -> l.startsWith("pkam key:")).findFirst().orElseThrow();
        assertTrue(generated.contains(fingerprintLine), "same fingerprint after reading back");
        assertEquals(ExitCode.FAILED, run("keys", "generate", "@pi01", "--out", file.toString()));
        assertTrue(stderr().contains("already exists"), stderr());
    }

    @Test
    void unsafeKeyFileIsAConfigErrorWithTheFix() throws Exception {
        Path file = dir.resolve("@pi01_key.atKeys");
        assertEquals(0, run("keys", "generate", "@pi01", "--out", file.toString()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        assertEquals(ExitCode.CONFIG, run("keys", "show", file.toString()));
        assertTrue(stderr().contains("chmod 600"), stderr());
    }
}
