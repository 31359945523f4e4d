package org.atiot.agent.commands;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.atiot.core.AtSign;
import org.tinylog.Logger;

/**
 * The control plane's decision logic, independent of the network: takes a decrypted command payload from an
 * authenticated sender and returns the acknowledgement to send back.
 *
 * <p>Checks, in order: schema; the sender may command this device at all (so strangers learn nothing about
 * actuator names); the actuator exists; the sender is on that actuator's allow-list; not expired (at the later of
 * receipt and now, so commands replayed after an outage are judged when they would run); value in range; id not
 * seen before from this sender (recorded durably before executing, so a crash cannot lead to a second
 * execution). Then the actuator applies its own rules (minimum switching interval, range) and acts.
 *
 * <p>Every payload, valid or not, ends as one {@link CommandAuditRecord} in the {@link AuditTrail}; if the
 * trail cannot be written the outcome stands, the failure is logged and counted ({@link #auditFailures()}).
 * Nothing thrown by the payload, the actuator or the trail escapes {@link #process}. Commands are processed one
 * at a time.
 */
public final class CommandProcessor {
    private final Map<String, Binding> actuators;
    private final Set<AtSign> anyAllowed;
    private final ReplayGuard replayGuard;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final AtomicLong auditFailures = new AtomicLong();

    private CommandProcessor(Builder b) {
        this.actuators = Map.copyOf(b.actuators);
        Set<AtSign> all = new HashSet<>();
        for (Binding binding : actuators.values()) {
            all.addAll(binding.allowed);
        }
        this.anyAllowed = Set.copyOf(all);
        this.replayGuard = b.replayGuard;
        this.auditTrail = b.auditTrail;
        this.clock = b.clock;
    }

    public static Builder builder(ReplayGuard replayGuard, AuditTrail auditTrail) {
        return new Builder(replayGuard, auditTrail);
    }

    /**
     * Decides on and, if valid, executes one command.
     *
     * @param from        the sender as authenticated by the atServer (the notification's {@code from})
     * @param payloadJson the decrypted notification value
     * @param receivedAt  when the notification reached the device (or was replayed to it)
     */
    public synchronized CommandAck process(AtSign from, String payloadJson, Instant receivedAt) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(receivedAt, "receivedAt");
        CommandAck ack;
        Double value = null;
        try {
            CommandRequest request = CommandRequest.parse(payloadJson);
            value = request.value();
            ack = decide(from, request, receivedAt);
        } catch (CommandFormatException e) {
            ack = ack(CommandOutcome.REJECTED, e.reason(), e.getMessage(), CommandRequest.salvageId(payloadJson),
                    null, null, receivedAt);
        } catch (RuntimeException e) {
            // A bug must cost one command, not the control plane.
            Logger.error(e, "Processing a command from {} failed unexpectedly", from);
            ack = ack(CommandOutcome.FAILED, AckReason.INTERNAL_ERROR, "the agent failed while processing the"
                    + " command; see the device log", CommandRequest.salvageId(payloadJson), null, null, receivedAt);
        }
        Logger.info("Command {} from {} for '{}': {}{}", ack.id(), from, ack.actuator(), ack.outcome().wireName(),
                ack.reason() == null ? "" : " (" + ack.reason().code() + ")");
        audit(from, ack, value);
        return ack;
    }

    /** How many audit records could not be written. */
    public long auditFailures() {
        return auditFailures.get();
    }

    private CommandAck decide(AtSign from, CommandRequest request, Instant receivedAt) {
        String name = request.actuator();
        Binding binding = actuators.get(name);
        if (!anyAllowed.contains(from)) {
            return reject(AckReason.NOT_ALLOWED, from + " may not command this device", request, null, receivedAt);
        }
        if (binding == null) {
            return reject(AckReason.UNKNOWN_ACTUATOR, "this device has no actuator '" + name + "'", request, null,
                    receivedAt);
        }
        if (!binding.allowed.contains(from)) {
            return reject(AckReason.NOT_ALLOWED, from + " is not on the allow-list of actuator '" + name + "'",
                    request, binding, receivedAt);
        }
        Instant now = clock.instant();
        Instant judgedAt = now.isAfter(receivedAt) ? now : receivedAt;
        if (request.isExpiredAt(judgedAt)) {
            return reject(AckReason.EXPIRED, "the command expired at " + request.expiresAt() + " and reached the"
                    + " actuator at " + judgedAt, request, binding, receivedAt);
        }
        ControlledActuator actuator = binding.actuator;
        double value = request.value();
        if (value < actuator.minValue() || value > actuator.maxValue()) {
            return reject(AckReason.OUT_OF_RANGE, "value " + JsonNumbers.compact(value) + " is outside the range "
                    + JsonNumbers.compact(actuator.minValue()) + ".." + JsonNumbers.compact(actuator.maxValue())
                    + " of actuator '" + name + "'", request, binding, receivedAt);
        }
        // The sender is part of the key: one operator cannot use up another's ids.
        String replayKey = from.withoutPrefix() + ":" + request.id();
        try {
            if (!replayGuard.firstSeen(replayKey, request.expiresAt())) {
                return reject(AckReason.REPLAYED, "command id '" + request.id() + "' was already processed",
                        request, binding, receivedAt);
            }
        } catch (IOException e) {
            Logger.error("Replay window unavailable, refusing command {}: {}", request.id(), e.getMessage());
            return reject(AckReason.REPLAY_CHECK_UNAVAILABLE, "the device cannot check for replays right now;"
                    + " the command was not executed", request, binding, receivedAt);
        }
        return execute(request, binding, receivedAt);
    }

    private CommandAck execute(CommandRequest request, Binding binding, Instant receivedAt) {
        try {
            Map<String, Object> state = binding.actuator.apply(request.value());
            return CommandAck.ok(request.id(), request.actuator(), state, receivedAt, clock.instant());
        } catch (ActuationFailure f) {
            switch (f.kind()) {
                case OUT_OF_RANGE:
                    return reject(AckReason.OUT_OF_RANGE, f.getMessage(), request, binding, receivedAt);
                case TOO_SOON:
                    return reject(AckReason.RATE_LIMITED, f.getMessage(), request, binding, receivedAt);
                default:
                    Logger.warn("Actuator '{}' failed: {}", request.actuator(), f.getMessage());
                    return ack(CommandOutcome.FAILED, AckReason.HARDWARE_FAILURE, f.getMessage(), request.id(),
                            request.actuator(), binding, receivedAt);
            }
        } catch (RuntimeException e) {
            Logger.error(e, "Actuator '{}' failed unexpectedly", request.actuator());
            return ack(CommandOutcome.FAILED, AckReason.INTERNAL_ERROR, "the actuator driver failed: "
                    + e.getClass().getSimpleName(), request.id(), request.actuator(), binding, receivedAt);
        }
    }

    private CommandAck reject(AckReason reason, String detail, CommandRequest request, Binding binding,
                              Instant receivedAt) {
        return ack(CommandOutcome.REJECTED, reason, detail, request.id(), request.actuator(), binding, receivedAt);
    }

    /** A rejected or failed acknowledgement; with a binding it reports the actuator's current state. */
    private CommandAck ack(CommandOutcome outcome, AckReason reason, String detail, String id, String actuatorName,
                           Binding binding, Instant receivedAt) {
        Map<String, Object> state = binding == null ? Map.of() : safeState(binding.actuator);
        return CommandAck.notOk(outcome, reason, detail, id, actuatorName, state, receivedAt, clock.instant());
    }

    /** The state for an acknowledgement; reading it must not turn a rejection into an error. */
    private static Map<String, Object> safeState(ControlledActuator actuator) {
        try {
            return actuator.state();
        } catch (RuntimeException e) {
            Logger.warn("Reading the state of actuator '{}' failed: {}", actuator.id(), e.getMessage());
            return Map.of();
        }
    }

    private void audit(AtSign from, CommandAck ack, Double value) {
        try {
            auditTrail.record(new CommandAuditRecord(ack.completedAt(), from.toString(), ack, value));
        } catch (IOException | RuntimeException e) {
            auditFailures.incrementAndGet();
            Logger.error("Audit record for command {} could not be written: {}", ack.id(), e.getMessage());
        }
    }

    /** An actuator and who may command it. */
    private static final class Binding {
        private final ControlledActuator actuator;
        private final Set<AtSign> allowed;

        Binding(ControlledActuator actuator, Set<AtSign> allowed) {
            this.actuator = actuator;
            this.allowed = Set.copyOf(allowed);
        }
    }

    /** Builds a {@link CommandProcessor}. */
    public static final class Builder {
        private final ReplayGuard replayGuard;
        private final AuditTrail auditTrail;
        private final Map<String, Binding> actuators = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder(ReplayGuard replayGuard, AuditTrail auditTrail) {
            this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
            this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
        }

        /** Adds an actuator that the atSigns in {@code allowed} (at least one) may command. */
        public Builder actuator(ControlledActuator actuator, Set<AtSign> allowed) {
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("actuator '" + actuator.id() + "' needs at least one allowed"
                        + " atSign");
            }
            if (actuators.containsKey(actuator.id())) {
                throw new IllegalArgumentException("actuator '" + actuator.id() + "' is configured twice");
            }
            actuators.put(actuator.id(), new Binding(actuator, allowed));
            return this;
        }

        /** The clock for expiry checks and acknowledgement times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CommandProcessor build() {
            return new CommandProcessor(this);
        }
    }
}
