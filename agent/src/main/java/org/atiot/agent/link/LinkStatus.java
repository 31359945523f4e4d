package org.atiot.agent.link;

/** A snapshot of the device's connection for {@code atiot status} and the service manager. */
public final class LinkStatus {
    public final boolean connected;
    public final long sent;
    public final long dropped;
    public final long reconnects;
    public final long lastAckEpochMillis;
    public final String lastError;

    LinkStatus(boolean connected, long sent, long dropped, long reconnects, long lastAckEpochMillis,
               String lastError) {
        this.connected = connected;
        this.sent = sent;
        this.dropped = dropped;
        this.reconnects = reconnects;
        this.lastAckEpochMillis = lastAckEpochMillis;
        this.lastError = lastError;
    }

    @Override
    public String toString() {
        return (connected ? "connected" : "disconnected") + ", " + sent + " sent, " + dropped + " dropped, "
                + reconnects + " reconnects" + (lastError != null ? ", last error: " + lastError : "");
    }
}
