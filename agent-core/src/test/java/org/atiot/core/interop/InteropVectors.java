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
 * time (system property {@code atiot.shared.dir}, set by the build; else {@code ../shared} next to the project root).
 * Values are never copied into test code, so another file of the same format can be substituted.
 */
final class InteropVectors {
    static final String FILE = "vectors/atplatform-vectors.json";
    static final String SHARED_DIR_PROPERTY = "atiot.shared.dir";

    private final Map<String, Object> root;

    private InteropVectors(Map<String, Object> root) {
        this.root = root;
    }

    /** Loads the file, failing (never skipping) when it is missing. */
    static InteropVectors load() throws Exception {
        Path file = sharedDir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            fail("interop vectors not found at " + file + "; set -D" + SHARED_DIR_PROPERTY
                    + "=<folder holding " + FILE + ">");
        }
        return new InteropVectors(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
    }

    private static Path sharedDir() {
        String configured = System.getProperty(SHARED_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return projectRoot().resolve("..").resolve("shared").normalize();
    }

    /** The outermost directory holding a pom.xml, walking up from where the tests run. */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        Path root = dir;
        while (dir != null && Files.isRegularFile(dir.resolve("pom.xml"))) {
            root = dir;
            dir = dir.getParent();
        }
        return root;
    }

    /** Every entry of a group; a group must exist and hold at least one entry, each an object. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> group(String name) {
        Object g = root.get(name);
        assertTrue(g instanceof List, "vectors file has no group '" + name + "'");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object e : (List<Object>) g) {
            assertTrue(e instanceof Map, "group '" + name + "' holds a non-object entry");
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

    /** A string field, or {@code null} when absent or JSON null. */
    static String optText(Map<String, Object> entry, String field) {
        Object v = entry.get(field);
        assertTrue(v == null || v instanceof String, "entry " + entry.get("id") + ": '" + field + "' is not a string");
        return (String) v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> entry, String field) {
        Object v = entry.get(field);
        assertTrue(v instanceof Map, "entry " + entry.get("id") + " has no object field '" + field + "'");
        return (Map<String, Object>) v;
    }

    /** A field whose name is {@code prefix} or starts with it plus a space (the file annotates some names). */
    static String textByPrefix(Map<String, Object> entry, String prefix) {
        for (Map.Entry<String, Object> e : entry.entrySet()) {
            if ((e.getKey().equals(prefix) || e.getKey().startsWith(prefix + " ")) && e.getValue() instanceof String) {
                return (String) e.getValue();
            }
        }
        return null;
    }
}
