package org.atiot.platform.server.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.protocol.DirectoryClient;
import org.atiot.core.protocol.HostAndPort;

/**
 * Opens connections to other atServers: located through the atDirectory, anonymous for public reads and pol
 * checks, or authenticated as this atSign with {@code from:} + proof record + {@code pol} (wire reference §7).
 */
final class RemoteServers {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long PROOF_TTL_MILLIS = 60_000;

    private final ServerContext ctx;
    private final DirectoryClient directory;

    RemoteServers(ServerContext ctx) {
        this.ctx = ctx;
        this.directory = new DirectoryClient(ctx.config.directory(), ctx.config.tls());
    }

    HostAndPort locate(String atSign) throws ServerError {
        Optional<HostAndPort> found;
        try {
            found = directory.lookup(AtSign.of(atSign));
        } catch (IllegalArgumentException e) {
            throw ServerError.of("AT0007", "Unable to find secondary address for atSign:" + atSign);
        } catch (IOException e) {
            throw ServerError.of("AT0021", "atDirectory unreachable: " + e.getMessage());
        }
        return found.orElseThrow(() -> ServerError.of("AT0007",
                "Unable to find secondary address for atSign:" + atSign));
    }

    RemoteConnection anonymous(String atSign) throws ServerError {
        HostAndPort address = locate(atSign);
        try {
            return RemoteConnection.open(address, ctx.config.tls(), TIMEOUT);
        } catch (SocketTimeoutException e) {
            directory.forget(AtSign.of(atSign));
            throw ServerError.of("AT0023", "no answer from " + atSign + " at " + address);
        } catch (IOException e) {
            directory.forget(AtSign.of(atSign)); // it may have moved: ask the atDirectory again next time
            throw ServerError.of("AT0021", "Unable to connect to " + atSign + " at " + address + ": " + e.getMessage());
        }
    }

    /** A connection on which the peer knows us as {@link ServerContext#owner}. */
    RemoteConnection authenticated(String atSign) throws ServerError {
        RemoteConnection c = anonymous(atSign);
        try {
            cachePublicKey(c, atSign);
            String proof = c.request("from:" + ctx.owner);
            String[] parts = proof.trim().split(":");
            if (parts.length != 3 || !"proof".equals(parts[0])) {
                throw ServerError.of("AT0008", "unexpected answer to from: by " + atSign);
            }
            String signature = ctx.signingKey.sign(parts[2], HashAlgorithm.SHA256);
            ctx.keys.put("public:" + parts[1], signature, Map.of("ttl", Long.toString(PROOF_TTL_MILLIS)), ctx.owner);
            c.pol(ctx.owner);
            return c;
        } catch (IOException e) {
            c.close();
            throw ServerError.of("AT0008", "handshake with " + atSign + " failed: " + e.getMessage());
        } catch (ServerError e) {
            c.close();
            throw e;
        }
    }

    /** Keeps {@code cached:public:publickey@peer} fresh on every outbound connection, as the real server does. */
    private void cachePublicKey(RemoteConnection c, String atSign) throws IOException, ServerError {
        try {
            Map<String, Object> all = org.atiot.core.json.Json.parseObject(c.request("lookup:all:publickey" + atSign));
            Object data = all.get("data");
            if (data instanceof String) {
                ctx.keys.put("cached:public:publickey" + atSign, (String) data, Map.of("ttr", "-1"), ctx.owner);
            }
        } catch (org.atiot.core.json.JsonException e) {
            throw ServerError.of("AT0008", "malformed public key answer from " + atSign);
        } catch (ServerError e) {
            if (!"AT0015".equals(e.code())) {
                throw e;
            }
        }
    }
}
