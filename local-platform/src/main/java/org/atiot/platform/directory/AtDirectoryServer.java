package org.atiot.platform.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLServerSocket;
import org.atiot.core.AtSign;
import org.atiot.core.protocol.HostAndPort;
import org.tinylog.Logger;

/**
 * An atDirectory speaking the real wire form (wire reference §1): greet with {@code @}; each request is a name
 * without {@code @} ended by a newline (lower-cased and trimmed); the answer is {@code host:port\r\n@} or
 * {@code null\r\n@}; {@code @exit} closes. Anti-enumeration as the real one: the second miss on a connection is
 * answered after a delay, the third closes the connection. More than 255 characters without a newline close it.
 *
 * <p>One small-stack thread per connection, bounded by {@code maxConnections}: a directory has few short-lived
 * clients, and blocking I/O keeps it obviously correct.
 */
public final class AtDirectoryServer implements AutoCloseable {
    static final int MAX_REQUEST = 255;
    private static final long THREAD_STACK_BYTES = 128 * 1024;

    private final DirectoryConfig config;
    private final ServerSocket listener;
    private final Map<String, HostAndPort> registry = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final Thread acceptor;
    private volatile boolean closed;

    private AtDirectoryServer(DirectoryConfig config, ServerSocket listener) {
        this.config = config;
        this.listener = listener;
        this.slots = new Semaphore(config.maxConnections);
        this.acceptor = new Thread(null, this::acceptLoop, "atdirectory-accept", THREAD_STACK_BYTES);
        this.acceptor.setDaemon(true);
    }

    /** Binds and starts serving; the port is chosen now when the config says 0. */
    public static AtDirectoryServer start(DirectoryConfig config) throws IOException {
        SSLServerSocket listener = (SSLServerSocket) config.sslContext.getServerSocketFactory().createServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new java.net.InetSocketAddress(InetAddress.getByName(config.bindAddress), config.port), 50);
        } catch (IOException e) {
            listener.close();
            throw new IOException("atDirectory cannot listen on " + config.bindAddress + ":" + config.port + ": "
                    + e.getMessage(), e);
        }
        AtDirectoryServer server = new AtDirectoryServer(config, listener);
        server.acceptor.start();
        Logger.info("atDirectory listening on {}:{}", config.bindAddress, server.port());
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Records (or moves) where {@code atSign}'s atServer is. */
    public void register(AtSign atSign, String host, int port) {
        registry.put(atSign.withoutPrefix(), new HostAndPort(host, port));
    }

    public void unregister(AtSign atSign) {
        registry.remove(atSign.withoutPrefix());
    }

    Optional<HostAndPort> find(String name) {
        return Optional.ofNullable(registry.get(name));
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            Logger.debug("closing the atDirectory listener: {}", e.getMessage());
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    Logger.warn("atDirectory accept failed: {}", e.getMessage());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                closeQuietly(socket); // full: refuse rather than queue unbounded work
                continue;
            }
            Thread t = new Thread(null, () -> {
                try {
                    serve(socket);
                } finally {
                    slots.release();
                }
            }, "atdirectory-conn", THREAD_STACK_BYTES);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) config.idleTimeout.toMillis());
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write('@');
            out.flush();
            int misses = 0;
            StringBuilder request = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                if (c != '\n') {
                    if (request.length() >= MAX_REQUEST) {
                        return; // the real directory destroys the socket on buffer overflow
                    }
                    request.append((char) c);
                    continue;
                }
                String name = request.toString().trim().toLowerCase(Locale.ROOT);
                request.setLength(0);
                if (name.equals("@exit")) {
                    return;
                }
                if (name.startsWith("@")) {
                    name = name.substring(1); // tolerate clients that send the '@'
                }
                Optional<HostAndPort> found = find(name);
                if (found.isEmpty()) {
                    misses++;
                    if (misses >= 3) {
                        return;
                    }
                    if (misses == 2 && !config.secondMissDelay.isZero()) {
                        Thread.sleep(config.secondMissDelay.toMillis());
                    }
                }
                String answer = found.map(HostAndPort::toString).orElse("null") + "\r\n@";
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (SocketException | javax.net.ssl.SSLException e) {
            Logger.debug("atDirectory connection ended: {}", e.getMessage());
        } catch (IOException e) {
            Logger.debug("atDirectory connection failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do for a refused connection
        }
    }
}
