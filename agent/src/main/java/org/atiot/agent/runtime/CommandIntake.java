package org.atiot.agent.runtime;

import java.io.IOException;
import java.time.Clock;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.commands.CommandProcessor;
import org.atiot.agent.outbox.Outbox;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.CryptoException;
import org.atiot.core.protocol.Notification;
import org.atiot.core.sharing.IncomingKeys;
import org.tinylog.Logger;

/**
 * A command notification's way through the device: decrypt (inline key, or the sender's shared key looked up for a
 * replayed command), let the
 * processor check and execute it (allow-list, schema, range, expiry, replay, rate limit, audit), and queue the
 * encrypted acknowledgement back to the sender.
 */
final class CommandIntake {
    private final IncomingKeys keys;
    private final CommandProcessor processor;
    private final Outbox outbox;
    private final Clock clock;

    CommandIntake(IncomingKeys keys, CommandProcessor processor, Outbox outbox, Clock clock) {
        this.keys = keys;
        this.processor = processor;
        this.outbox = outbox;
        this.clock = clock;
    }

    void handle(Notification n) {
        AtSign from;
        try {
            from = AtSign.of(n.from());
        } catch (IllegalArgumentException e) {
            Logger.warn("ignoring a command with an invalid sender: {}", e.getMessage());
            return;
        }
        String json;
        try {
            json = keys.decrypt(from, n.value(), n.metadata().get("ivNonce"), n.metadata().get("sharedKeyEnc"));
        } catch (IOException | CryptoException | RuntimeException e) {
            // nothing trustworthy to acknowledge: the processor's audit only sees commands it can read
            Logger.warn("ignoring command notification {} from {}: cannot decrypt ({})", n.id(), from,
                    e.getMessage());
            return;
        }
        CommandAck ack = processor.process(from, json, clock.instant());
        Logger.info("command {} from {} on {}: {}", ack.id(), from, ack.actuator(), ack.outcome());
        try {
            outbox.acknowledge(from, ack.toJson());
        } catch (IOException e) {
            Logger.error("cannot queue the acknowledgement of {}: {}", ack.id(), e.getMessage());
        }
    }
}
