package org.atiot.agent.commands;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.atiot.agent.commands.internal.Ids;
import org.atiot.agent.commands.internal.StrictObject;
import org.atiot.core.json.Json;

/**
 * The acknowledgement of a command: the value of the notification the device sends back to the commander.
 *
 * <h2>Document schema, version 1</h2>
 * <pre>
 * {"v":1,
 *  "id":"7d1f0c2e-…",          the command's id; null if the payload was too broken to carry one
 *  "actuator":"relay1",        the command's actuator; null if unknown
 *  "outcome":"ok",             "ok" | "rejected" | "failed"
 *  "reason":"expired",         absent for ok; an {@link AckReason} code otherwise
 *  "detail":"…",               absent for ok; one human-readable sentence, at most 200 characters
 *  "state":{"value":1,…},      the actuator's state after the command (flat object; may be empty)
 *  "receivedAt":1732500000000, epoch ms when the device received the command
 *  "completedAt":1732500000012} epoch ms when the device finished with it
 * </pre>
 * Decoding ({@link #parse}) is strict like {@link CommandRequest#parse}.
 */
public final class CommandAck {
    public static final int VERSION = 1;
    /** Longer details are cut. */
    public static final int MAX_DETAIL_LENGTH = 200;
    /** State objects hold at most this many members of strings, numbers or booleans. */
    public static final int MAX_STATE_MEMBERS = 16;

    private static final String V = "v";
    private static final String ID = "id";
    private static final String ACTUATOR = "actuator";
    private static final String OUTCOME = "outcome";
    private static final String REASON = "reason";
    private static final String DETAIL = "detail";
    private static final String STATE = "state";
    private static final String RECEIVED_AT = "receivedAt";
    private static final String COMPLETED_AT = "completedAt";
    private static final Set<String> MEMBERS =
            Set.of(V, ID, ACTUATOR, OUTCOME, REASON, DETAIL, STATE, RECEIVED_AT, COMPLETED_AT);

    private final String id;
    private final String actuator;
    private final CommandOutcome outcome;
    private final AckReason reason;
    private final String detail;
    private final Map<String, Object> state;
    private final Instant receivedAt;
    private final Instant completedAt;

    private CommandAck(String id, String actuator, CommandOutcome outcome, AckReason reason, String detail,
                       Map<String, Object> state, Instant receivedAt, Instant completedAt) {
        this.id = id;
        this.actuator = actuator;
        this.outcome = outcome;
        this.reason = reason;
        this.detail = detail;
        this.state = state;
        this.receivedAt = Instant.ofEpochMilli(receivedAt.toEpochMilli());
        this.completedAt = Instant.ofEpochMilli(completedAt.toEpochMilli());
    }

    /** The command was executed; {@code state} is the actuator's state afterwards. */
    public static CommandAck ok(String id, String actuator, Map<String, Object> state, Instant receivedAt,
                                Instant completedAt) {
        return new CommandAck(Objects.requireNonNull(id, "id"), Objects.requireNonNull(actuator, "actuator"),
                CommandOutcome.OK, null, null, checkState(state), receivedAt, completedAt);
    }

    /** The command was not executed, or failed, because of {@code reason}; {@code id}/{@code actuator} may be null. */
    public static CommandAck notOk(CommandOutcome outcome, AckReason reason, String detail, String id,
                                   String actuator, Map<String, Object> state, Instant receivedAt,
                                   Instant completedAt) {
        if (outcome == CommandOutcome.OK) {
            throw new IllegalArgumentException("use ok() for a successful command");
        }
        return new CommandAck(id, actuator, outcome, Objects.requireNonNull(reason, "reason"), cut(detail),
                checkState(state), receivedAt, completedAt);
    }

    /** Decodes a received acknowledgement (operator side), or throws naming the problem. */
    public static CommandAck parse(String json) throws CommandFormatException {
        StrictObject doc = CommandRequest.parseObject(json, "acknowledgement");
        try {
            doc.onlyMembers(MEMBERS);
            CommandRequest.checkVersion(doc);
            String id = doc.raw(ID) == null ? null : doc.id(ID);
            String actuator = doc.raw(ACTUATOR) == null ? null : doc.id(ACTUATOR);
            CommandOutcome outcome = CommandOutcome.fromWireName(String.valueOf(doc.raw(OUTCOME)));
            if (outcome == null) {
                throw new IllegalArgumentException("member 'outcome' must be \"ok\", \"rejected\" or \"failed\"");
            }
            Map<String, Object> state = doc.has(STATE) ? checkState(doc.object(STATE)) : Map.of();
            Instant received = Instant.ofEpochMilli(doc.integer(RECEIVED_AT, 0));
            Instant completed = Instant.ofEpochMilli(doc.integer(COMPLETED_AT, 0));
            if (outcome == CommandOutcome.OK) {
                if (id == null || actuator == null || doc.has(REASON) || doc.has(DETAIL)) {
                    throw new IllegalArgumentException("an ok acknowledgement needs 'id' and 'actuator' and has no"
                            + " 'reason' or 'detail'");
                }
                return ok(id, actuator, state, received, completed);
            }
            AckReason reason = AckReason.fromCode(String.valueOf(doc.raw(REASON)));
            if (reason == null) {
                throw new IllegalArgumentException("member 'reason' must be a known reason code");
            }
            String detail = doc.string(DETAIL, MAX_DETAIL_LENGTH);
            return notOk(outcome, reason, detail, id, actuator, state, received, completed);
        } catch (StrictObject.Problem | IllegalArgumentException e) {
            throw new CommandFormatException(AckReason.MALFORMED, "invalid acknowledgement: " + e.getMessage());
        }
    }

    /** The command id, or {@code null} when the payload was too broken to carry one. */
    public String id() {
        return id;
    }

    /** The actuator id, or {@code null} when unknown. */
    public String actuator() {
        return actuator;
    }

    public CommandOutcome outcome() {
        return outcome;
    }

    public boolean isOk() {
        return outcome == CommandOutcome.OK;
    }

    /** Why it was rejected or failed; {@code null} when ok. */
    public AckReason reason() {
        return reason;
    }

    /** One sentence for a human; {@code null} when ok. */
    public String detail() {
        return detail;
    }

    /** The actuator's state after the command: member name to string, number or boolean. */
    public Map<String, Object> state() {
        return state;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    /** The compact JSON document. */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(V, VERSION);
        doc.put(ID, id);
        doc.put(ACTUATOR, actuator);
        doc.put(OUTCOME, outcome.wireName());
        if (reason != null) {
            doc.put(REASON, reason.code());
            doc.put(DETAIL, detail);
        }
        doc.put(STATE, state);
        doc.put(RECEIVED_AT, receivedAt.toEpochMilli());
        doc.put(COMPLETED_AT, completedAt.toEpochMilli());
        return Json.write(doc);
    }

    @Override
    public String toString() {
        return "ack " + id + ": " + outcome.wireName() + (reason == null ? "" : " (" + reason.code() + ": "
                + detail + ")") + (state.isEmpty() ? "" : " " + state);
    }

    private static Map<String, Object> checkState(Map<String, Object> state) {
        if (state.size() > MAX_STATE_MEMBERS) {
            throw new IllegalArgumentException("member 'state' has more than " + MAX_STATE_MEMBERS + " members");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : state.entrySet()) {
            Object v = e.getValue();
            boolean plain = v instanceof Boolean || v instanceof Long || v instanceof Integer
                    || (v instanceof Double && Double.isFinite((Double) v))
                    || (v instanceof String && ((String) v).length() <= MAX_DETAIL_LENGTH);
            if (!Ids.isValid(e.getKey()) || !plain) {
                throw new IllegalArgumentException("member 'state' may only hold ids mapped to short strings,"
                        + " finite numbers or booleans");
            }
            copy.put(e.getKey(), v instanceof Double ? JsonNumbers.compact((Double) v) : v);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String cut(String detail) {
        if (detail == null || detail.isBlank()) {
            return "no detail";
        }
        StringBuilder sb = new StringBuilder(Math.min(detail.length(), MAX_DETAIL_LENGTH));
        for (int i = 0; i < detail.length() && sb.length() < MAX_DETAIL_LENGTH; i++) {
            char c = detail.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString();
    }
}
