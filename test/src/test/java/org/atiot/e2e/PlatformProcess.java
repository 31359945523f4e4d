package org.atiot.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.platform.LocalPlatform;

/**
 * A local atPlatform in its own process ({@code atiot platform start}), so that tests can kill it with SIGKILL and
 * start it again on the same ports with the same data.
 */
final class PlatformProcess implements AutoCloseable {
    private final Path dir;
    private final HostAndPort directory;
    private final AtClientOptions options;
    private Process process;
    private int runs;

    PlatformProcess(Path dir, List<AtSign> atSigns) throws IOException {
        this.dir = dir;
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        LocalPlatform.init(dir, "localhost", port, atSigns);
        this.directory = new HostAndPort("localhost", port);
        this.options = AtClientOptions.builder(TlsTrust.systemPlus(dir.resolve("ca/ca.pem"))).directory(directory)
                .responseTimeout(Duration.ofSeconds(5)).build();
    }

    AtClientOptions clientOptions() {
        return options;
    }

    AtKeys keys(AtSign a) throws Exception {
        return AtKeysFile.read(keyFile(a), a);
    }

    Path keyFile(AtSign a) {
        return dir.resolve("keys").resolve(AtKeysFile.fileName(a));
    }

    /** The {@code [device]} table of an agent that uses this platform. */
    String deviceTable(AtSign device, Path stateDir) {
        return LocalPlatform.agentDeviceTable(dir, directory, device, stateDir);
    }

    /** Starts the platform process; its output goes to {@code platform-N.log} beside its data. */
    void start() throws IOException {
        process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.atiot.cli.Main",
                "platform", "start", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("platform-" + runs++ + ".log").toFile()).start();
    }

    /** SIGKILL: no shutdown hook, nothing flushed that was not already on disk. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Connects and authenticates, retrying while the platform is still starting. */
    AtClient connect(AtKeys keys) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                AtClient c = AtClient.connect(keys.atSign(), options, n -> { });
                c.authenticate(keys);
                return c;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
