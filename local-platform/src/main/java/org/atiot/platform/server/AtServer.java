package org.atiot.platform.server;

import java.io.IOException;
import org.atiot.core.AtSign;
import org.atiot.platform.server.internal.ServerCore;

/**
 * A local atServer for one atSign, speaking the real atProtocol over TLS: authentication (from, cram, pkam,
 * APKAM, pol), the data and notification verbs, server-to-server lookups and notification delivery, and a
 * write-ahead journal so that nothing acknowledged is lost to a crash.
 */
public final class AtServer implements AutoCloseable {
    private final AtServerConfig config;
    private final ServerCore core;

    private AtServer(AtServerConfig config, ServerCore core) {
        this.config = config;
        this.core = core;
    }

    /** Opens the stores under the config's storage directory, binds and starts serving. */
    public static AtServer start(AtServerConfig config) throws IOException {
        return new AtServer(config, ServerCore.start(config));
    }

    public AtSign atSign() {
        return config.atSign();
    }

    /** The bound port (chosen at start when the config said 0). */
    public int port() {
        return core.port();
    }

    /** Stops listening, closes connections' stores; data already acknowledged is on disk. */
    @Override
    public void close() {
        core.close();
    }
}
