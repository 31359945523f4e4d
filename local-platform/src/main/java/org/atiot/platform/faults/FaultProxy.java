package org.atiot.platform.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.atiot.core.protocol.HostAndPort;

/**
 * A TCP proxy in front of an atServer that breaks the network the way real networks break, for fault tests and
 * benchmarks: a blackhole (connections accepted, not a byte passes either way), half-open connections (the far end
 * is gone, the near end never hears of it) and added delay (a slow link; it does not limit throughput). Advertise
 * its {@link #address()} with {@code LocalPlatform.advertise} to put it between a client and its atServer.
 */
public final class FaultProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final HostAndPort upstream;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean blackhole;
    private volatile long oneWayDelayMillis;

    /** Listens on a free loopback port and forwards to {@code upstream}. */
    public FaultProxy(HostAndPort upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The address to advertise instead of the server's, under the server's host name (TLS checks it). */
    public HostAndPort address() {
        return new HostAndPort(upstream.host(), listener.getLocalPort());
    }

    public long acceptedConnections() {
        return accepted.get();
    }

    /** While on, every connection (old and new) passes nothing: bytes are read and thrown away. */
    public void blackhole(boolean on) {
        blackhole = on;
    }

    /** Adds this much delay to each direction (half the added round-trip time). */
    public void delay(long oneWayMillis) {
        oneWayDelayMillis = oneWayMillis;
    }

    /** The server side of every open connection goes away; the client side stays open and silent. */
    public void halfOpenAll() {
        for (Pair p : pairs) {
            p.severed = true;
            closeQuietly(p.server);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Pair pair = new Pair(client);
                pairs.add(pair);
                Thread t = new Thread(pair::open, "fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        for (Pair p : pairs) {
            closeQuietly(p.client);
            closeQuietly(p.server);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // closing a socket that is already gone
        }
    }

    /** Bytes on their way, due at a time. */
    private record Chunk(long dueNanos, byte[] bytes) {
        static final Chunk END = new Chunk(0, new byte[0]);
    }

    private final class Pair {
        final Socket client;
        volatile Socket server;
        volatile boolean severed;

        Pair(Socket client) {
            this.client = client;
        }

        void open() {
            try {
                if (blackhole) {
                    severed = true; // a connection born in the blackhole never reaches the server
                } else {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(upstream.host(), upstream.port()), 5_000);
                    server = s;
                    Thread back = new Thread(() -> pump(s, client), "fault-proxy-down");
                    back.setDaemon(true);
                    back.start();
                }
                pump(client, server);
            } catch (IOException e) {
                closeQuietly(client);
            } finally {
                pairs.remove(this);
            }
        }

        /**
         * Copies {@code from} to {@code to} through a delay line (a reader stamps each chunk with its due time, a
         * writer sends it then, so delay does not limit throughput); a broken link swallows the bytes.
         */
        private void pump(Socket from, Socket to) {
            BlockingQueue<Chunk> line = new LinkedBlockingQueue<>();
            Thread writer = new Thread(() -> deliver(line, to), "fault-proxy-delay");
            writer.setDaemon(true);
            writer.start();
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!(blackhole || severed || to == null)) {
                        long due = System.nanoTime() + oneWayDelayMillis * 1_000_000L;
                        line.add(new Chunk(due, Arrays.copyOf(buffer, n)));
                    }
                }
            } catch (IOException e) {
                // one side went away
            }
            line.add(Chunk.END);
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!severed) {
                closeQuietly(to); // a real close travels through; a severed one stays silent
                closeQuietly(from);
            }
        }

        private void deliver(BlockingQueue<Chunk> line, Socket to) {
            try {
                while (true) {
                    Chunk chunk = line.take();
                    if (chunk == Chunk.END) {
                        return;
                    }
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (blackhole || severed) {
                        continue;
                    }
                    OutputStream out = to.getOutputStream();
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the far side went away; the reader notices on its own
            }
        }
    }
}
