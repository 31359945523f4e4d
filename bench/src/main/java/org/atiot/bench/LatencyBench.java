package org.atiot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.queue.QueueOptions;
import org.atiot.agent.scheduler.SensorScheduler;
import org.atiot.agent.telemetry.BatchPolicy;
import org.atiot.agent.telemetry.Batcher;
import org.atiot.agent.telemetry.Measurement;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClient;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.core.protocol.NotificationListener;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.platform.LocalPlatform;
import org.atiot.platform.faults.FaultProxy;

/**
 * Latency from "reading taken" on the device to "decrypted" at the operator's watcher, through the device's
 * atServer, server-to-server forwarding and the operator's atServer, at 100 readings per second. The device uses
 * the low-latency settings ({@code max_age = "0s"}, {@code fsync_interval = "0s"}): every reading is its own batch,
 * fsynced before it is sent. Baseline: the round trip of a {@code noop} on the same connection type. Then the same
 * with 50 ms added round-trip time (a delaying proxy in front of the device's atServer), where batching has to
 * keep throughput up: batched throughput over the slow link vs the same over loopback.
 */
public final class LatencyBench {
    private static final AtSign DEVICE = AtSign.of("@lat_device");
    private static final AtSign OPERATOR = AtSign.of("@lat_operator");
    private static final long PERIOD_NANOS = 10_000_000; // 100 Hz
    private static final int WARM_UP = 1_000;
    private static final long ADDED_RTT_MILLIS = 50;

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        int readings = 10_000; // 100 s at 100 Hz even in quick runs: fewer would make p99 noise
        int slowReadings = quick ? 2_000 : 5_000;
        int throughputReadings = quick ? 20_000 : 100_000;
        Path dir = Files.createTempDirectory("atiot-latency");
        Rows rows = new Rows();
        LocalPlatform.init(dir.resolve("platform"), "localhost", 0, List.of(DEVICE, OPERATOR));
        try (LocalPlatform platform = LocalPlatform.start(dir.resolve("platform"));
             FaultProxy proxy = new FaultProxy(new HostAndPort("localhost", platform.server(DEVICE).port()))) {
            AtClientOptions client = AtClientOptions.builder(TlsTrust.systemPlus(platform.caFile()))
                    .directory(platform.directory()).build();
            AtKeys device = AtKeysFile.read(platform.keyFile(DEVICE), DEVICE);
            AtKeys operator = AtKeysFile.read(platform.keyFile(OPERATOR), OPERATOR);

            double[] noop = noopRoundTrips(device, client, 2_000);
            double[] loopback = readingLatencies(dir.resolve("loopback"), device, operator, client, readings);
            rows.add("latency.p50_ms", percentile(loopback, 50), "ms", "noop round trip p50", percentile(noop, 50));
            rows.add("latency.p99_ms", percentile(loopback, 99), "ms", "noop round trip p99", percentile(noop, 99));
            rows.add("latency.max_ms", loopback[loopback.length - 1], "ms", "noop round trip max",
                    noop[noop.length - 1]);

            // the same low-latency settings, now offered readings as fast as possible: batching must take over
            long[] bytes = new long[1];
            BatchPolicy sendWhenFree = BatchPolicy.builder().maxAge(Duration.ZERO).maxReadings(200).build();
            double fast = PipelineBench.batchedPipeline(dir.resolve("fast"), device, OPERATOR, client,
                    throughputReadings, bytes, sendWhenFree);
            platform.advertise(DEVICE, proxy.address());
            proxy.delay(ADDED_RTT_MILLIS / 2);
            double slow = PipelineBench.batchedPipeline(dir.resolve("slow"), device, OPERATOR, client,
                    throughputReadings, bytes, sendWhenFree);
            rows.add("latency.rtt50_readings_per_s", slow, "readings/s", "same over loopback", fast);
            double[] delayed = readingLatencies(dir.resolve("delayed"), device, operator, client, slowReadings);
            rows.add("latency.rtt50_p50_ms", percentile(delayed, 50), "ms", "added round trip",
                    ADDED_RTT_MILLIS);
            rows.add("latency.rtt50_p99_ms", percentile(delayed, 99), "ms", "added round trip",
                    ADDED_RTT_MILLIS);
        }
        rows.appendTo(Path.of(args[0]));
    }

    /** Sorted latencies in ms of {@code n} readings taken at 100 Hz, after a warm-up that is not counted. */
    private static double[] readingLatencies(Path dir, AtKeys device, AtKeys operator, AtClientOptions client, int n)
            throws Exception {
        long[] takenAt = new long[WARM_UP + n + 1];
        long[] latency = new long[WARM_UP + n + 1];
        AtomicInteger arrived = new AtomicInteger();
        OperatorListener listener = new OperatorListener() {
            @Override
            public void onTelemetry(AtSign from, SequenceReport report) {
                long now = System.nanoTime();
                for (TelemetryReading r : report.freshReadings()) {
                    int seq = (int) r.sequence();
                    if (seq < latency.length && latency[seq] == 0) {
                        latency[seq] = now - takenAt[seq];
                        arrived.incrementAndGet();
                    }
                }
            }
        };
        try (OperatorSession watcher = OperatorSession.open(operator, client, listener)) {
            watcher.watch(System.currentTimeMillis());
            try (BenchDevice bench = new BenchDevice(dir, device, client, OPERATOR,
                    BatchPolicy.builder().maxAge(Duration.ZERO).build(),
                    QueueOptions.builder(dir.resolve("queue")).fsyncInterval(Duration.ZERO))) {
                Batcher batcher = bench.batcher;
                long start = System.nanoTime();
                long lastTick = start;
                for (int seq = 1; seq < takenAt.length; seq++) {
                    long due = start + seq * PERIOD_NANOS;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    takenAt[seq] = System.nanoTime();
                    batcher.add(TelemetryReading.ok("climate", seq, System.currentTimeMillis(), seq,
                            List.of(Measurement.of("temperature_c", 21.5 + (seq % 100) / 10.0, "°C"))));
                    lastTick = tickIfDue(batcher, lastTick);
                }
                long deadline = System.currentTimeMillis() + 60_000;
                while (arrived.get() < takenAt.length - 1 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                    lastTick = tickIfDue(batcher, lastTick);
                }
            }
        }
        double[] measured = new double[n];
        for (int i = 0; i < n; i++) {
            long l = latency[WARM_UP + 1 + i];
            if (l == 0) {
                throw new IllegalStateException("reading " + (WARM_UP + 1 + i) + " never arrived");
            }
            measured[i] = l / 1e6;
        }
        Arrays.sort(measured);
        return measured;
    }

    /** The agent's scheduler tick: flushes what gathered while the link was busy. */
    private static long tickIfDue(Batcher batcher, long lastTick) {
        long now = System.nanoTime();
        if (now - lastTick < SensorScheduler.DEFAULT_TICK_PERIOD.toNanos()) {
            return lastTick;
        }
        batcher.flushDue();
        return now;
    }

    private static double[] noopRoundTrips(AtKeys keys, AtClientOptions client, int n) throws Exception {
        double[] ms = new double[n];
        try (AtClient c = AtClient.connect(keys.atSign(), client, NotificationListener.NONE)) {
            c.authenticate(keys);
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                c.noop();
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
