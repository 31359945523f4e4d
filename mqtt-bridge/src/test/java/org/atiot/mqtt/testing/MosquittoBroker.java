package org.atiot.mqtt.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atiot.platform.pki.IssuedCertificate;
import org.atiot.platform.pki.LocalCa;

/**
 * A real Mosquitto broker for tests: its own process on free loopback ports with a generated config, a plain
 * listener, and optionally a TLS listener that needs a username and password, with a CA made for the test.
 * Persistence is on, so a restart keeps durable sessions like a real installation.
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final String USER = "device";
    public static final String PASSWORD = "s3cret-for-tests";

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private Process process;

    private MosquittoBroker(Path dir, int port, int tlsPort) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** Starts a broker with a plain listener only. */
    public static MosquittoBroker start(Path dir) throws IOException, InterruptedException {
        return start(dir, false);
    }

    /** Starts a broker; with {@code tls}, also a TLS + password listener whose CA is {@link #caFile()}. */
    public static MosquittoBroker start(Path dir, boolean tls) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        MosquittoBroker b = new MosquittoBroker(dir, freePort(), tls ? freePort() : 0);
        b.writeConfig();
        b.launch();
        return b;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void writeConfig() throws IOException, InterruptedException {
        StringBuilder c = new StringBuilder();
        c.append("per_listener_settings true\n");
        c.append("user ").append(System.getProperty("user.name")).append('\n');
        c.append("persistence true\npersistence_location ").append(dir.toAbsolutePath()).append("/\n");
        c.append("log_dest file ").append(dir.resolve("mosquitto.log").toAbsolutePath()).append('\n');
        c.append("listener ").append(port).append(" 127.0.0.1\nallow_anonymous true\n");
        if (tlsPort != 0) {
            LocalCa ca = LocalCa.create("mqtt test CA");
            Files.writeString(caFile(), ca.certificatePem(), StandardCharsets.US_ASCII);
            IssuedCertificate server = ca.issue("localhost", List.of("localhost", "127.0.0.1"),
                    java.time.Duration.ofDays(1));
            server.writeTo(dir.resolve("server.pem"), dir.resolve("server.key"));
            Path passwd = dir.resolve("passwd");
            run("mosquitto_passwd", "-b", "-c", passwd.toString(), USER, PASSWORD);
            c.append("listener ").append(tlsPort).append(" 127.0.0.1\n");
            c.append("cafile ").append(caFile().toAbsolutePath()).append('\n');
            c.append("certfile ").append(dir.resolve("server.pem").toAbsolutePath()).append('\n');
            c.append("keyfile ").append(dir.resolve("server.key").toAbsolutePath()).append('\n');
            c.append("allow_anonymous false\npassword_file ").append(passwd.toAbsolutePath()).append('\n');
        }
        Files.writeString(dir.resolve("mosquitto.conf"), c.toString(), StandardCharsets.UTF_8);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(port) || (tlsPort != 0 && !listening(tlsPort))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.out"))
                        + log());
            }
            Thread.sleep(20);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The broker's log, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "";
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String tlsUrl() {
        return "ssl://localhost:" + tlsPort;
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** A password file for {@link #USER}, readable only by its owner. */
    public Path passwordFile() throws IOException {
        Path p = dir.resolve("client.password");
        Files.writeString(p, PASSWORD + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    /** Stops the process (SIGTERM: it saves its sessions) and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Stops and starts again on the same ports with the same config and saved sessions. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
