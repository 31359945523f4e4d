package org.atiot.platform.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.platform.LocalPlatform;
import org.atiot.platform.pki.TlsContexts;

/** A real local platform (@alice, @bob) in a temporary directory, with quick retry/expiry settings. */
final class PlatformFixture implements AutoCloseable {
    static final AtSign ALICE = AtSign.of("@alice");
    static final AtSign BOB = AtSign.of("@bob");
    static final String CRAM_SECRET = "b26455a907582760ebf35bc4847de549bc41c24b25c8b1c58d5964f7b4f8a43bc55b0e9a601"
            + "c9a9657d9a8b8bbc32f88b4e38ffaca03c8710ebae1b14ca9f364";

    final Path dir;
    final LocalPlatform platform;
    final SSLContext clientTls;

    PlatformFixture() throws IOException {
        dir = Files.createTempDirectory("atiot-platform");
        LocalPlatform.init(dir, "localhost", 0, List.of(ALICE, BOB));
        platform = LocalPlatform.start(dir, b -> b.retryDelay(Duration.ofMillis(200)).maxDeliveryAttempts(3)
                .cramSecret(CRAM_SECRET).statsInterval(Duration.ofSeconds(1)));
        clientTls = TlsContexts.forClient(Files.readString(platform.caFile()));
    }

    AtKeys keys(AtSign atSign) throws IOException {
        return AtKeysFile.read(platform.keyFile(atSign), atSign);
    }

    HostAndPort address(AtSign atSign) {
        return new HostAndPort("localhost", platform.server(atSign).port());
    }

    Wire connect(AtSign atSign) throws IOException {
        return new Wire(address(atSign), clientTls);
    }

    Wire owner(AtSign atSign) throws IOException {
        Wire w = connect(atSign);
        w.authenticate(keys(atSign), org.atiot.core.crypto.HashAlgorithm.SHA256);
        return w;
    }

    @Override
    public void close() throws IOException {
        platform.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
