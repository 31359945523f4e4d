package org.atiot.core.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atiot.core.json.Json;

/**
 * The interop vectors made by the real at_java and at_c SDKs, read from the shared notes beside the project at test
 * time (system property {@code atiot.shared.dir}, set by the build). Values are never copied into test code.
 */
final class InteropVectors {
    static final String FILE = "vectors/atplatform-vectors.json";

    private final Map<String, Object> root;

    private InteropVectors(Map<String, Object> root) {
        this.root = root;
    }

    static InteropVectors load() throws Exception {
        Path file = sharedDir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            fail("interop vectors not found at " + file + " (set -Datiot.shared.dir to the shared notes folder)");
        }
        return new InteropVectors(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
    }

    private static Path sharedDir() {
        String configured = System.getProperty("atiot.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("shared"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("..", "shared") : dir.resolve("shared");
    }

    /** Every entry of a group; a group must hold at least one. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> group(String name) {
        Object g = root.get(name);
        assertTrue(g instanceof List, "vectors file has no group '" + name + "'");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object e : (List<Object>) g) {
            entries.add((Map<String, Object>) e);
        }
        assertFalse(entries.isEmpty(), "vectors group '" + name + "' is empty");
        return entries;
    }

    static String text(Map<String, Object> entry, String field) {
        Object v = entry.get(field);
        assertTrue(v instanceof String, "entry " + entry.get("id") + " has no string field '" + field + "'");
        return (String) v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> entry, String field) {
        Object v = entry.get(field);
        assertTrue(v instanceof Map, "entry " + entry.get("id") + " has no object field '" + field + "'");
        return (Map<String, Object>) v;
    }

    /** A field whose name starts with {@code prefix} (the file annotates some names, e.g. "enrollmentId (…)"). */
    static String textByPrefix(Map<String, Object> entry, String prefix) {
        for (Map.Entry<String, Object> e : entry.entrySet()) {
            if ((e.getKey().equals(prefix) || e.getKey().startsWith(prefix + " ")) && e.getValue() instanceof String) {
                return (String) e.getValue();
            }
        }
        return null;
    }
}
