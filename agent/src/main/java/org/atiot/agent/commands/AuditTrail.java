package org.atiot.agent.commands;

import java.io.IOException;

/** Where every command and its outcome is recorded; the agent passes an adapter to its append-only audit log. */
@FunctionalInterface
public interface AuditTrail {
    void record(CommandAuditRecord record) throws IOException;
}
