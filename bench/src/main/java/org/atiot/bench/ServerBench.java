package org.atiot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.platform.LocalPlatform;
import org.atiot.platform.pki.TlsContexts;

/**
 * The local atServer on its own: a {@code platform start} process, driven over loopback by authenticated
 * connections. Durable notifies per second across 1, 8 and 64 connections, each against {@code noop:0} round trips
 * on the same connections (protocol and TLS without storage); and resident memory with 1,000 idle authenticated
 * connections against the same server with one.
 */
public final class ServerBench {
    private static final AtSign SENDER = AtSign.of("@srv_sender");
    private static final AtSign PEER = AtSign.of("@srv_peer");
    private static final Pattern LISTENING = Pattern.compile("^\\s+(@\\S+) on port (\\d+),");

    private ServerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        boolean quick = args.length > 2 && args[2].equals("--quick");
        long millis = quick ? 3_000 : 10_000;
        int idle = quick ? 1_000 : 1_000;
        Path dir = Files.createTempDirectory("atiot-server-bench");
        LocalPlatform.init(dir, "localhost", 0, List.of(SENDER, PEER));
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC",
                "-Xss256k", "-cp", jar.toString(), "org.atiot.cli.Main", "platform", "start", "--dir", dir.toString(), "--max-connections", "1100")
                .redirectErrorStream(true).start();
        Rows rows = new Rows();
        try {
            int port = portOf(server, SENDER);
            SSLContext tls = TlsContexts.forClient(Files.readString(dir.resolve("ca/ca.pem")));
            AtKeys keys = AtKeysFile.read(dir.resolve("keys").resolve(AtKeysFile.fileName(SENDER)), SENDER);
            for (int connections : new int[] {1, 8, 64}) {
                double notifies = rate(tls, port, keys, connections, millis, true);
                double noops = rate(tls, port, keys, connections, millis, false);
                rows.add("server.notify_per_s." + connections + "_connections", notifies, "notify/s",
                        "noop:0 round trips, same connections", noops);
            }
            long oneRss = rssKib(server.pid());
            List<Wire> open = new ArrayList<>();
            try {
                for (int i = 0; i < idle; i++) {
                    open.add(Wire.authenticated(tls, port, keys));
                }
                Thread.sleep(2000);
                long idleRss = rssKib(server.pid());
                rows.add("server.rss_mib." + idle + "_idle_connections", idleRss / 1024.0, "MiB",
                        "the same server after the notify runs", oneRss / 1024.0);
            } finally {
                for (Wire w : open) {
                    w.close();
                }
            }
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        rows.appendTo(results);
    }

    /** Requests per second over {@code connections} authenticated connections for {@code millis}. */
    private static double rate(SSLContext tls, int port, AtKeys keys, int connections, long millis, boolean notify)
            throws Exception {
        List<Wire> wires = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            wires.add(Wire.authenticated(tls, port, keys));
        }
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(connections);
        long end = System.nanoTime() + millis * 1_000_000;
        long start = System.nanoTime();
        for (Wire w : wires) {
            Thread t = new Thread(() -> {
                try {
                    for (long n = 0; System.nanoTime() < end; n++) {
                        String reply = w.request(notify
                                ? "notify:update:messageType:key:ttln:600000:@srv_peer:bench.atiot@srv_sender:"
                                + "c2VjcmV0IHJlYWRpbmcgYmF0Y2g=" : "noop:0");
                        if (!reply.startsWith("data:")) {
                            throw new IllegalStateException(reply);
                        }
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    finished.countDown();
                }
            });
            t.start();
        }
        finished.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Wire w : wires) {
            w.close();
        }
        return done.get() / seconds;
    }

    private static int portOf(Process server, AtSign atSign) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find() && m.group(1).equals(atSign.toString())) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling
                        }
                    } catch (IOException ignored) {
                        // the server ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(2));
            }
        }
        throw new IOException("the platform did not start");
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    /** A bare authenticated connection: no reader thread, one request at a time. */
    private static final class Wire implements AutoCloseable {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String prompt;

        private Wire(SSLSocket socket, String prompt) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.prompt = prompt;
        }

        static Wire authenticated(SSLContext tls, int port, AtKeys keys) throws IOException {
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port);
            s.setTcpNoDelay(true);
            s.setSoTimeout(30_000);
            Wire w = new Wire(s, keys.atSign() + "@");
            int greeting = w.in.read();
            if (greeting != '@') {
                throw new IOException("no greeting from port " + port + ": " + greeting);
            }
            String challenge = w.readUntil("from:" + keys.atSign(), "\n@").substring(5);
            String ok = w.readUntil("pkam:signingAlgo:rsa2048:hashingAlgo:sha256:"
                    + keys.pkam().privateKey().sign(challenge, HashAlgorithm.SHA256), "\n" + w.prompt);
            if (!ok.equals("data:success")) {
                throw new IOException("pkam failed: " + ok);
            }
            return w;
        }

        String request(String command) throws IOException {
            return readUntil(command, "\n" + prompt);
        }

        private String readUntil(String command, String end) throws IOException {
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder sb = new StringBuilder();
            while (sb.length() < end.length() || !sb.substring(sb.length() - end.length()).equals(end)) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed after " + sb);
                }
                sb.append((char) c);
            }
            return sb.substring(0, sb.length() - end.length());
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a benchmark connection
            }
        }
    }
}
