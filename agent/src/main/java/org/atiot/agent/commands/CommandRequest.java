package org.atiot.agent.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.atiot.agent.commands.internal.Ids;
import org.atiot.agent.commands.internal.StrictObject;
import org.atiot.core.json.Json;
import org.atiot.core.json.JsonException;

/**
 * A command for one actuator: the decrypted value of a command notification.
 *
 * <h2>Document schema, version 1</h2>
 * <pre>
 * {"v":1,
 *  "id":"7d1f0c2e-5b8a-4f7e-9c1d-2a3b4c5d6e7f",  unique per sender, [A-Za-z0-9_.-]{1,64}; used once only
 *  "actuator":"relay1",                          actuator id
 *  "value":1,                                    number in the actuator's range; true/false mean 1/0
 *  "issuedAt":1732500000000,                     epoch ms when the operator issued it
 *  "expiresAt":1732500060000}                    epoch ms after which it must not be executed
 * </pre>
 * Decoding is strict: every member is required, no other member is allowed, {@code expiresAt} must be after
 * {@code issuedAt} and at most {@link #MAX_LIFETIME} later (which bounds how long ids must be remembered), and
 * the document may not exceed {@value #MAX_DOCUMENT_CHARS} characters.
 */
public final class CommandRequest {
    public static final int VERSION = 1;
    /** Longer payloads are refused before parsing; a valid command is about 200 characters. */
    public static final int MAX_DOCUMENT_CHARS = 2048;
    /** The longest a command may stay valid. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(1);
    /** The lifetime the operator tools give a command unless told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);

    static final String V = "v";
    static final String ID = "id";
    static final String ACTUATOR = "actuator";
    static final String VALUE = "value";
    static final String ISSUED_AT = "issuedAt";
    static final String EXPIRES_AT = "expiresAt";
    private static final Set<String> MEMBERS = Set.of(V, ID, ACTUATOR, VALUE, ISSUED_AT, EXPIRES_AT);

    private final String id;
    private final String actuator;
    private final double value;
    private final Instant issuedAt;
    private final Instant expiresAt;

    private CommandRequest(String id, String actuator, double value, Instant issuedAt, Instant expiresAt) {
        this.id = id;
        this.actuator = actuator;
        this.value = value;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    /** A new command with a random id, valid for {@code lifetime} from {@code issuedAt}. */
    public static CommandRequest create(String actuator, double value, Instant issuedAt, Duration lifetime) {
        return of(UUID.randomUUID().toString(), actuator, value, issuedAt, issuedAt.plus(lifetime));
    }

    /** A command with the given members; {@link IllegalArgumentException} if they break the schema's rules. */
    public static CommandRequest of(String id, String actuator, double value, Instant issuedAt, Instant expiresAt) {
        if (!Ids.isValid(id) || !Ids.isValid(actuator)) {
            throw new IllegalArgumentException("command id '" + id + "' and actuator '" + actuator + "' must be 1 to "
                    + Ids.MAX_LENGTH + " characters of letters, digits, '_', '.' or '-'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("command value must be a finite number, got " + value);
        }
        checkLifetime(issuedAt.toEpochMilli(), expiresAt.toEpochMilli());
        return new CommandRequest(id, actuator, value, Instant.ofEpochMilli(issuedAt.toEpochMilli()),
                Instant.ofEpochMilli(expiresAt.toEpochMilli()));
    }

    /** Decodes a received command, or throws classifying the problem; nothing else escapes. */
    public static CommandRequest parse(String json) throws CommandFormatException {
        StrictObject doc = parseObject(json, "command");
        try {
            doc.onlyMembers(MEMBERS);
            checkVersion(doc);
            String id = doc.id(ID);
            String actuator = doc.id(ACTUATOR);
            double value = doc.number(VALUE);
            long issued = doc.integer(ISSUED_AT, 0);
            long expires = doc.integer(EXPIRES_AT, 0);
            checkLifetime(issued, expires);
            return new CommandRequest(id, actuator, value, Instant.ofEpochMilli(issued), Instant.ofEpochMilli(expires));
        } catch (StrictObject.Problem | IllegalArgumentException e) {
            throw new CommandFormatException(AckReason.MALFORMED, "invalid command: " + e.getMessage());
        }
    }

    /**
     * The id of a payload that failed to parse, if it has a valid one, so the rejection can still be correlated
     * by the sender; {@code null} otherwise.
     */
    static String salvageId(String json) {
        if (json == null || json.length() > MAX_DOCUMENT_CHARS) {
            return null;
        }
        try {
            Object id = Json.parseObject(json).get(ID);
            return id instanceof String && Ids.isValid((String) id) ? (String) id : null;
        } catch (JsonException e) {
            return null;
        }
    }

    static StrictObject parseObject(String json, String what) throws CommandFormatException {
        if (json == null || json.isEmpty()) {
            throw new CommandFormatException(AckReason.MALFORMED, what + " payload is empty");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new CommandFormatException(AckReason.MALFORMED, what + " payload is " + json.length()
                    + " characters, more than the " + MAX_DOCUMENT_CHARS + " allowed");
        }
        try {
            return new StrictObject(Json.parseObject(json));
        } catch (JsonException e) {
            throw new CommandFormatException(AckReason.MALFORMED, what + " payload is not valid JSON: "
                    + e.getMessage());
        }
    }

    static void checkVersion(StrictObject doc) throws CommandFormatException, StrictObject.Problem {
        long version = doc.integer(V, 0);
        if (version != VERSION) {
            throw new CommandFormatException(AckReason.UNSUPPORTED_VERSION, "schema version " + version
                    + " is not supported (this agent reads version " + VERSION + "); upgrade atiot on the device");
        }
    }

    private static void checkLifetime(long issued, long expires) {
        if (expires <= issued) {
            throw new IllegalArgumentException("'expiresAt' must be after 'issuedAt'");
        }
        if (expires - issued > MAX_LIFETIME.toMillis()) {
            throw new IllegalArgumentException("a command may stay valid for at most " + MAX_LIFETIME.toHours()
                    + " hours ('expiresAt' - 'issuedAt')");
        }
    }

    public String id() {
        return id;
    }

    public String actuator() {
        return actuator;
    }

    public double value() {
        return value;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether the command may no longer be executed at {@code when}. */
    public boolean isExpiredAt(Instant when) {
        return when.isAfter(expiresAt);
    }

    /** The compact JSON document. */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(V, VERSION);
        doc.put(ID, id);
        doc.put(ACTUATOR, actuator);
        doc.put(VALUE, JsonNumbers.compact(value));
        doc.put(ISSUED_AT, issuedAt.toEpochMilli());
        doc.put(EXPIRES_AT, expiresAt.toEpochMilli());
        return Json.write(doc);
    }

    @Override
    public String toString() {
        return "command " + id + ": " + actuator + " = " + JsonNumbers.compact(value);
    }
}
