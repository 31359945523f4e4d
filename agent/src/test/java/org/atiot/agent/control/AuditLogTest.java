package org.atiot.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atiot.agent.commands.CommandOutcome;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private static AuditEntry ok(int n) {
        return new AuditEntry(T.plusSeconds(n), "@op", "c" + n, "pump", 1.0, CommandOutcome.OK, null, null);
    }

    private List<Map<String, Object>> read(Path file) throws IOException, JsonException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(Json.parseObject(line));
        }
        return out;
    }

    /** Verifies one JSON object per entry with every field, absent fields left out, appends across reopen. */
    @Test
    void writesOneJsonObjectPerLine() throws Exception {
        try (AuditLog log = AuditLog.open(dir)) {
            log.append(ok(1));
            log.append(new AuditEntry(T, "@mallory", "c9", "pump", null, CommandOutcome.REJECTED, "not_allowed",
                    "@mallory may not command pump"));
        }
        try (AuditLog log = AuditLog.open(dir)) {
            log.append(new AuditEntry(T, "@op", null, null, null, CommandOutcome.REJECTED, "malformed", null));
        }
        List<Map<String, Object>> lines = read(dir.resolve("audit.log"));
        assertEquals(3, lines.size());
        assertEquals(Map.of("time", "2026-11-25T10:00:01Z", "from", "@op", "id", "c1", "actuator", "pump",
                "value", 1.0, "outcome", "ok"), lines.get(0));
        assertEquals("rejected", lines.get(1).get("outcome"));
        assertEquals("not_allowed", lines.get(1).get("reason"));
        assertEquals("@mallory may not command pump", lines.get(1).get("detail"));
        assertFalse(lines.get(1).containsKey("value"));
        assertEquals(Map.of("time", "2026-11-25T10:00:00Z", "from", "@op", "outcome", "rejected",
                "reason", "malformed"), lines.get(2));
    }

    /** Verifies that hostile text cannot break the one-line-per-entry format and long text is cut. */
    @Test
    void hostileTextStaysOnOneLine() throws Exception {
        String evil = "x\"}\n{\"outcome\":\"ok\"}\r\u0000" + "y".repeat(1000);
        try (AuditLog log = AuditLog.open(dir)) {
            log.append(new AuditEntry(T, "@op", "c1", "pump", 1.0, CommandOutcome.FAILED, "hardware_failure", evil));
        }
        List<Map<String, Object>> lines = read(dir.resolve("audit.log"));
        assertEquals(1, lines.size());
        String detail = (String) lines.get(0).get("detail");
        assertTrue(detail.startsWith("x\"}\n{\"outcome\""));
        assertEquals(AuditEntry.MAX_TEXT + 3, detail.length());
        assertEquals("failed", lines.get(0).get("outcome"));
    }

    /** Verifies size-based rotation keeps N old files, each within the limit, with the newest entries. */
    @Test
    void rotatesKeepingNFiles() throws Exception {
        try (AuditLog log = AuditLog.open(dir, 1024, 2)) {
            for (int i = 1; i <= 100; i++) {
                log.append(ok(i));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("audit.log", "audit.log.1", "audit.log.2"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (String name : List.of("audit.log.2", "audit.log.1", "audit.log")) {
            Path f = dir.resolve(name);
            assertTrue(Files.size(f) <= 1024, name + " is " + Files.size(f) + " bytes");
            all.addAll(read(f));
        }
        assertEquals("c100", all.get(all.size() - 1).get("id"));
        int first = Integer.parseInt(((String) all.get(0).get("id")).substring(1));
        for (int i = 0; i < all.size(); i++) {
            assertEquals("c" + (first + i), all.get(i).get("id"), "contiguous, oldest first");
        }
    }

    /** Verifies that a line cut short by a crash does not swallow the next entry. */
    @Test
    void tornLastLineIsEndedOnReopen() throws Exception {
        try (AuditLog log = AuditLog.open(dir)) {
            log.append(ok(1));
        }
        Files.writeString(dir.resolve("audit.log"), "{\"time\":\"2026", StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(dir)) {
            log.append(ok(2));
        }
        List<String> lines = Files.readAllLines(dir.resolve("audit.log"));
        assertEquals(3, lines.size());
        assertEquals("c2", Json.parseObject(lines.get(2)).get("id"));
    }

    /** Verifies clear typed errors for an unusable directory and a closed log. */
    @Test
    void typedErrors() throws IOException {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        AuditLogException e = assertThrows(AuditLogException.class, () -> AuditLog.open(notADir));
        assertTrue(e.getMessage().contains("cannot open audit log"), e.getMessage());
        AuditLog log = AuditLog.open(dir);
        log.close();
        assertThrows(AuditLogException.class, () -> log.append(ok(1)));
    }
}
