package org.atiot.agent.outbox;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.atiot.agent.queue.DurableQueue;
import org.atiot.agent.telemetry.BatchSink;
import org.atiot.agent.telemetry.OutgoingBatch;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;

/**
 * The way into the durable queue: every document is encrypted for its recipient here, before it is appended, so
 * nothing reaches the disk in clear. Telemetry batches come from the batcher; acknowledgements of commands are
 * pushed to disk at once because an operator is waiting for them.
 */
public final class Outbox implements BatchSink {
    public static final String TELEMETRY_KEY = "telemetry.atiot";
    public static final String ACK_KEY = "ack.atiot";
    public static final String COMMAND_KEY = "command.atiot";

    private final DurableQueue queue;
    private final RecipientKeys keys;
    private final Clock clock;

    public Outbox(DurableQueue queue, RecipientKeys keys, Clock clock) {
        this.queue = queue;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void accept(OutgoingBatch batch) throws IOException {
        append(batch.recipient(), TELEMETRY_KEY, batch.json());
    }

    /** Queues an acknowledgement and makes it visible to the sender now rather than at the next group commit. */
    public void acknowledge(AtSign operator, String ackJson) throws IOException {
        append(operator, ACK_KEY, ackJson);
        queue.flush();
    }

    private void append(AtSign recipient, String keyName, String plaintext) throws IOException {
        byte[] iv = AesKey.randomIv();
        String ciphertext = keys.keyFor(recipient).aesKey().encrypt(plaintext, iv);
        OutboxEntry entry = new OutboxEntry(UUID.randomUUID().toString(), recipient, keyName, Base64s.encode(iv),
                ciphertext, clock.millis());
        queue.append(entry.encode());
    }
}
