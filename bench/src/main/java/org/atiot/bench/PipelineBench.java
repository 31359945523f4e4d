package org.atiot.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.atiot.agent.outbox.Outbox;
import org.atiot.agent.queue.QueueOptions;
import org.atiot.agent.telemetry.BatchPolicy;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.Metadata;
import org.atiot.core.protocol.NotificationListener;
import org.atiot.core.protocol.NotifyRequest;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.core.sharing.SharedKey;
import org.atiot.platform.LocalPlatform;
import org.atiot.platform.pki.IssuedCertificate;
import org.atiot.platform.pki.TlsContexts;

/**
 * Readings per second from "reading taken" to "acknowledged by the device's atServer" over one connection, through
 * the real batcher, encryption, durable queue and link, against the local atPlatform on loopback. Baselines in the
 * same run: one notify per reading (no batching), and the physical limit, raw TLS writes of the same ciphertext
 * bytes to a sink.
 */
public final class PipelineBench {
    private static final AtSign DEVICE = AtSign.of("@bench_device");
    private static final AtSign OPERATOR = AtSign.of("@bench_operator");

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        int batched = quick ? 30_000 : 200_000;
        int unbatched = quick ? 1_000 : 5_000;
        Path dir = Files.createTempDirectory("atiot-bench");
        Rows rows = new Rows();
        LocalPlatform.init(dir.resolve("platform"), "localhost", 0, List.of(DEVICE, OPERATOR));
        try (LocalPlatform platform = LocalPlatform.start(dir.resolve("platform"), b -> b.syncWrites(!Boolean.getBoolean("nosync")))) {
            AtClientOptions client = AtClientOptions.builder(TlsTrust.systemPlus(platform.caFile()))
                    .directory(platform.directory()).build();
            AtKeys keys = AtKeysFile.read(platform.keyFile(DEVICE), DEVICE);
            long[] bytes = new long[1];
            double pipeline = batchedPipeline(dir, keys, client, batched, bytes);
            double single = unbatchedNotify(keys, client, unbatched);
            rows.add("pipeline.readings_per_s", pipeline, "readings/s", "one notify per reading", single);
            double bytesPerReading = (double) bytes[0] / batched;
            double raw = rawTlsLimit(dir, bytes[0]) / bytesPerReading;
            rows.add("pipeline.share_of_raw_tls", pipeline, "readings/s", "raw TLS writes of the same bytes", raw);
            System.out.printf("(%.0f ciphertext bytes per reading on the wire)%n", bytesPerReading);
        }
        QueueBench.run(dir, quick, rows);
        rows.appendTo(Path.of(args[0]));
    }

    /** Readings/s offered as fast as possible, batched 200 to a notify, until the last is acknowledged. */
    static double batchedPipeline(Path dir, AtKeys keys, AtClientOptions client, int n, long[] bytes)
            throws Exception {
        return batchedPipeline(dir, keys, OPERATOR, client, n, bytes,
                BatchPolicy.builder().maxReadings(200).maxBytes(64 * 1024).build());
    }

    /** As above for any recipient and batch policy. */
    static double batchedPipeline(Path dir, AtKeys keys, AtSign recipient, AtClientOptions client, int n,
                                  long[] bytes, BatchPolicy policy) throws Exception {
        try (BenchDevice device = new BenchDevice(dir, keys, client, recipient, policy,
                QueueOptions.builder(dir.resolve("queue")).maxBytes(512L << 20)
                        .fsyncInterval(Duration.ofMillis(200)))) {
            long start = System.nanoTime();
            for (long seq = 1; seq <= n; seq++) {
                device.batcher.add(TelemetryReading.ok("climate", seq, System.currentTimeMillis(), seq,
                        List.of(Measurement.of("temperature_c", 21.5 + (seq % 100) / 10.0, "°C"),
                                Measurement.of("humidity_pct", 48.25, "%"))));
            }
            device.batcher.flushAll();
            device.queue.flush();
            bytes[0] = device.queue.stats().bytes();
            while (device.queue.stats().depth() > 0) {
                Thread.sleep(2);
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double unbatchedNotify(AtKeys keys, AtClientOptions options, int n) throws Exception {
        try (AtClient c = AtClient.connect(DEVICE, options, NotificationListener.NONE)) {
            c.authenticate(keys);
            SharedKey key = SharedKey.generate();
            String copy = key.copyFor(keys.encryption().publicKey());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                byte[] iv = AesKey.randomIv();
                String reading = "{\"s\":\"climate\",\"q\":" + i + ",\"v\":{\"temperature_c\":21.5}}";
                c.notify(NotifyRequest.builder(DEVICE, OPERATOR, Outbox.TELEMETRY_KEY)
                        .metadata(Metadata.builder().isEncrypted(true).sharedKeyEnc(copy)
                                .ivNonce(Base64s.encode(iv)).build())
                        .value(key.aesKey().encrypt(reading, iv)).build());
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Bytes per second of TLS writes to a reading sink on loopback: what one connection can carry at most. */
    private static double rawTlsLimit(Path dir, long totalBytes) throws Exception {
        String ca = Files.readString(dir.resolve("platform/ca/ca.pem"));
        IssuedCertificate cert = IssuedCertificate.load(dir.resolve("platform/tls/server.pem"),
                dir.resolve("platform/tls/server.key"));
        SSLContext server = TlsContexts.forServer(cert.certificatePem(), cert.privateKeyPem(), ca);
        AtomicLong received = new AtomicLong();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread sink = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[64 * 1024];
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        received.addAndGet(r);
                    }
                } catch (java.io.IOException ignored) {
                    // the sink ends with the writer
                }
            });
            sink.start();
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (SSLSocket s = (SSLSocket) TlsContexts.forClient(ca).getSocketFactory()
                    .createSocket("localhost", listener.getLocalPort()); OutputStream out = s.getOutputStream()) {
                long start = System.nanoTime();
                for (long sent = 0; sent < totalBytes; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
                s.shutdownOutput();
                sink.join();
                return received.get() / ((System.nanoTime() - start) / 1e9);
            }
        }
    }
}
