package org.atiot.platform.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.atiot.core.crypto.KeyFormatException;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.crypto.RsaPrivateKey;
import org.atiot.platform.server.AtServerConfig;
import org.tinylog.Logger;

/**
 * The running atServer behind {@link org.atiot.platform.server.AtServer}: listener, stores, delivery and the
 * periodic jobs. Threads: one acceptor, one per connection, one delivery worker, one for timed jobs.
 */
public final class ServerCore implements AutoCloseable {
    private static final long THREAD_STACK_BYTES = 256 * 1024;
    private static final String SIGNING_FLAG = "privatekey:signing_keypair_generated";

    private final ServerContext ctx;
    private final Router router;
    private final SSLServerSocket listener;
    private final Thread acceptor;
    private final ScheduledExecutorService jobs;
    private volatile boolean closed;

    private ServerCore(ServerContext ctx, SSLServerSocket listener) {
        this.ctx = ctx;
        this.router = new Router(ctx);
        this.listener = listener;
        this.acceptor = new Thread(null, this::acceptLoop, "atserver-accept-" + ctx.owner, THREAD_STACK_BYTES);
        this.acceptor.setDaemon(true);
        this.jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(null, r, "atserver-jobs-" + ctx.owner, THREAD_STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    public static ServerCore start(AtServerConfig config) throws IOException {
        Files.createDirectories(config.storageDir());
        String owner = config.atSign().toString();
        KeyStore keys = KeyStore.open(config.storageDir().resolve("keys.journal"), config.syncWrites(),
                config.clock(), owner);
        NotificationStore notifications = NotificationStore.open(config.storageDir().resolve(
                "notifications.journal"), config.syncWrites(), config.clock(), owner);
        RsaPrivateKey signingKey = onboard(config, keys, owner);
        ServerContext ctx = new ServerContext(config, keys, notifications, signingKey);
        ctx.remote = new RemoteServers(ctx);
        ctx.delivery = new Delivery(ctx);
        notifications.onQueued(ctx.delivery::enqueue);
        keys.onCommit(id -> notifications.broadcastStats(id, "update"));

        SSLServerSocket listener = (SSLServerSocket) config.tls().getServerSocketFactory().createServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 100);
            listener.setWantClientAuth(true); // asked, not required: only servers claiming another atSign need one
        } catch (IOException e) {
            listener.close();
            keys.close();
            notifications.close();
            throw new IOException("atServer " + owner + " cannot listen on " + config.bindAddress() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        ServerCore core = new ServerCore(ctx, listener);
        core.acceptor.start();
        ctx.delivery.start();
        core.scheduleJobs();
        Logger.info("atServer {} listening on {}:{}", owner, config.bindAddress(), core.port());
        return core;
    }

    /** First start: what onboarding leaves on a real server (keys, CRAM secret, the server's signing key pair). */
    private static RsaPrivateKey onboard(AtServerConfig config, KeyStore keys, String owner) throws IOException {
        if (config.cramSecret().isPresent() && keys.get(AuthVerbs.CRAM_KEY) == null
                && keys.get(AuthVerbs.CRAM_KEY + "_deleted") == null) {
            keys.put(AuthVerbs.CRAM_KEY, config.cramSecret().get(), Map.of(), owner);
        }
        if (config.pkamPublicKey().isPresent() && keys.get(AuthVerbs.PKAM_KEY) == null) {
            keys.put(AuthVerbs.PKAM_KEY, config.pkamPublicKey().get().base64(), Map.of(), owner);
        }
        if (config.encryptionPublicKey().isPresent() && keys.get("public:publickey" + owner) == null) {
            keys.put("public:publickey" + owner, config.encryptionPublicKey().get().base64(), Map.of(), owner);
        }
        StoredKey signing = keys.get(owner + ":signing_privatekey" + owner);
        if (signing == null || keys.get(SIGNING_FLAG) == null) {
            RsaKeyPair pair = RsaKeyPair.generate();
            keys.put("public:signing_publickey" + owner, pair.publicKey().base64(), Map.of(), owner);
            keys.put(owner + ":signing_privatekey" + owner, pair.privateKey().base64(), Map.of(), owner);
            keys.put(SIGNING_FLAG, "true", Map.of(), owner);
            return pair.privateKey();
        }
        try {
            return RsaPrivateKey.fromBase64(signing.value);
        } catch (KeyFormatException e) {
            throw new IOException("the stored signing key of " + owner + " is unusable: " + e.getMessage(), e);
        }
    }

    private void scheduleJobs() {
        long stats = ctx.config.statsInterval().toMillis();
        if (stats > 0) {
            jobs.scheduleAtFixedRate(() -> ctx.notifications.broadcastStats(ctx.keys.lastCommitId(), "update"),
                    stats, stats, TimeUnit.MILLISECONDS);
        }
        long purge = ctx.config.purgeInterval().toMillis();
        jobs.scheduleWithFixedDelay(this::purge, purge, purge, TimeUnit.MILLISECONDS);
    }

    private void purge() {
        try {
            int keys = ctx.keys.purgeExpired();
            int notifications = ctx.notifications.purgeExpired();
            if (keys + notifications > 0) {
                Logger.debug("{}: purged {} expired keys and {} notifications", ctx.owner, keys, notifications);
            }
        } catch (IOException | RuntimeException e) {
            Logger.warn("{}: purging expired data failed: {}", ctx.owner, e.getMessage());
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    Logger.warn("{}: accept failed: {}", ctx.owner, e.getMessage());
                }
                continue;
            }
            if (ctx.inboundConnections.incrementAndGet() > ctx.config.maxConnections()) {
                ctx.inboundConnections.decrementAndGet();
                Thread refuse = new Thread(() -> InboundConnection.refuse((SSLSocket) socket,
                        "error:AT0012-Inbound connection limit exceeded"), "atserver-refuse");
                refuse.setDaemon(true);
                refuse.start(); // the TLS handshake must not stall the acceptor
                continue;
            }
            InboundConnection connection = new InboundConnection((SSLSocket) socket, ctx, router);
            Thread t = new Thread(null, () -> {
                try {
                    connection.run();
                } finally {
                    ctx.inboundConnections.decrementAndGet();
                }
            }, "atserver-conn-" + ctx.owner, THREAD_STACK_BYTES);
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            Logger.debug("closing listener: {}", e.getMessage());
        }
        jobs.shutdownNow();
        ctx.delivery.close();
        try {
            acceptor.join(2000);
            ctx.keys.close();
            ctx.notifications.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            Logger.warn("{}: closing stores: {}", ctx.owner, e.getMessage());
        }
    }
}
