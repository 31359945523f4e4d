package org.atiot.agent.commands;

import java.io.IOException;
import java.time.Instant;

/**
 * Remembers which commands were already processed. The agent passes its persisted replay window
 * ({@code replayWindow::firstSeen}).
 */
@FunctionalInterface
public interface ReplayGuard {
    /**
     * Records {@code key} until {@code expiresAt} and returns {@code true} if it was not seen before; the record
     * must be durable before returning {@code true}. An {@link IOException} refuses the command.
     */
    boolean firstSeen(String key, Instant expiresAt) throws IOException;
}
