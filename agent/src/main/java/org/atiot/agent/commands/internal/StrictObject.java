package org.atiot.agent.commands.internal;

import java.util.Map;
import java.util.Set;

/**
 * Typed, strict reads of a parsed JSON object for the control plane: every problem is a message naming the
 * member, delivered through {@link Problem} so the public types can wrap it in their own exception.
 */
public final class StrictObject {
    /** A member is missing, of the wrong type, out of bounds, or not expected. */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, Object> members;

    public StrictObject(Map<String, Object> members) {
        this.members = members;
    }

    /** Fails on the first member whose name is not in {@code allowed}. */
    public void onlyMembers(Set<String> allowed) throws Problem {
        for (String name : members.keySet()) {
            if (!allowed.contains(name)) {
                throw new Problem("unexpected member '" + Ids.printable(name) + "'");
            }
        }
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    public Object raw(String name) {
        return members.get(name);
    }

    /** A required string that is a valid {@linkplain Ids id}. */
    public String id(String name) throws Problem {
        Object v = members.get(name);
        if (!(v instanceof String) || !Ids.isValid((String) v)) {
            throw new Problem("member '" + name + "' must be 1 to " + Ids.MAX_LENGTH
                    + " characters of letters, digits, '_', '.' or '-'");
        }
        return (String) v;
    }

    /** A required string of at most {@code maxLength} characters. */
    public String string(String name, int maxLength) throws Problem {
        Object v = members.get(name);
        if (!(v instanceof String) || ((String) v).length() > maxLength) {
            throw new Problem("member '" + name + "' must be a string of at most " + maxLength + " characters");
        }
        return (String) v;
    }

    /** A required integer at least {@code min}. */
    public long integer(String name, long min) throws Problem {
        Object v = members.get(name);
        if (!(v instanceof Long) || (Long) v < min) {
            throw new Problem("member '" + name + "' must be an integer >= " + min);
        }
        return (Long) v;
    }

    /** A required finite number; {@code true}/{@code false} read as 1/0 (a relay's on/off). */
    public double number(String name) throws Problem {
        Object v = members.get(name);
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof Number && Double.isFinite(((Number) v).doubleValue())) {
            return ((Number) v).doubleValue();
        }
        throw new Problem("member '" + name + "' must be a number (or true/false)");
    }

    /** A required object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) throws Problem {
        Object v = members.get(name);
        if (!(v instanceof Map)) {
            throw new Problem("member '" + name + "' must be an object");
        }
        return (Map<String, Object>) v;
    }
}
