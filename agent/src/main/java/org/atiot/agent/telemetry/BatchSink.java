package org.atiot.agent.telemetry;

import java.io.IOException;

/**
 * Where finished batches go. The agent's sink encrypts each batch for its recipient and appends the ciphertext to
 * the durable queue, so plaintext never reaches the disk.
 *
 * <p>Called by {@link Batcher} while it holds that recipient's lock, so batches of one recipient arrive in order;
 * keep the work short (encrypt and append).
 */
@FunctionalInterface
public interface BatchSink {
    /** Takes ownership of {@code batch}; an {@link IOException} means it could not be kept and is counted as lost. */
    void accept(OutgoingBatch batch) throws IOException;
}
