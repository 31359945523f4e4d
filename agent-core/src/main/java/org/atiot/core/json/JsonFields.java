package org.atiot.core.json;

import java.util.List;
import java.util.Map;

/** Typed reads of members of a parsed JSON object, with errors that name the member. */
public final class JsonFields {
    private JsonFields() {
    }

    /** A required string member. */
    public static String string(Map<String, Object> object, String name) throws JsonException {
        Object v = object.get(name);
        if (v instanceof String) {
            return (String) v;
        }
        throw new JsonException("member '" + name + "' " + (v == null ? "is missing" : "must be a string"));
    }

    /** An optional string member; JSON null and absence both give {@code null}. */
    public static String optString(Map<String, Object> object, String name) throws JsonException {
        Object v = object.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new JsonException("member '" + name + "' must be a string");
    }

    /** A required integral number member. */
    public static long number(Map<String, Object> object, String name) throws JsonException {
        Object v = object.get(name);
        if (v instanceof Long) {
            return (Long) v;
        }
        throw new JsonException("member '" + name + "' " + (v == null ? "is missing" : "must be an integer"));
    }

    /** An optional boolean member. */
    public static boolean optBoolean(Map<String, Object> object, String name, boolean fallback) throws JsonException {
        Object v = object.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new JsonException("member '" + name + "' must be true or false");
    }

    /** An optional object member; absence gives {@code null}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> optObject(Map<String, Object> object, String name) throws JsonException {
        Object v = object.get(name);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new JsonException("member '" + name + "' must be an object");
    }

    /** An optional array member; absence gives {@code null}. */
    @SuppressWarnings("unchecked")
    public static List<Object> optArray(Map<String, Object> object, String name) throws JsonException {
        Object v = object.get(name);
        if (v == null || v instanceof List) {
            return (List<Object>) v;
        }
        throw new JsonException("member '" + name + "' must be an array");
    }
}
