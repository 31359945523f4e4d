package org.atiot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.protocol.AtClientOptions;
import org.atiot.core.protocol.TlsTrust;
import org.atiot.platform.LocalPlatform;

/**
 * The agent as a device runs it: {@code atiot run} in its own JVM with the service's footprint flags, five
 * sensors at 1 Hz on the simulated HAL, against the local atPlatform. Measures resident memory and threads after a
 * while, and cold start (process start to the first reading acknowledged and received by the operator). Baselines
 * in the same run: an idle JVM with the same flags (those of the package's /etc/default/atiot), and the same JVM starting the same jar to print its version.
 */
public final class FootprintBench {
    /** Where the service's JVM flags are kept (the package's /etc/default/atiot): measured as shipped. */
    static final Path SERVICE_DEFAULTS = Path.of("packaging/deb/src/deb/etc/default/atiot");
    private static List<String> serviceFlags;
    private static final AtSign DEVICE = AtSign.of("@fp_device");
    private static final AtSign OPERATOR = AtSign.of("@fp_operator");

    private FootprintBench() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        boolean quick = args.length > 2 && args[2].equals("--quick");
        int settleSeconds = quick ? 20 : 60;
        serviceFlags = readJavaOpts(SERVICE_DEFAULTS);
        Path dir = Files.createTempDirectory("atiot-footprint");
        Rows rows = new Rows();
        LocalPlatform.init(dir.resolve("platform"), "localhost", 0, List.of(DEVICE, OPERATOR));
        try (LocalPlatform platform = LocalPlatform.start(dir.resolve("platform"))) {
            Path config = dir.resolve("agent.toml");
            Files.writeString(config, config(platform, dir));
            CountDownLatch first = new CountDownLatch(1);
            AtClientOptions client = AtClientOptions.builder(TlsTrust.systemPlus(platform.caFile()))
                    .directory(platform.directory()).build();
            try (OperatorSession operator = OperatorSession.open(AtKeysFile.read(platform.keyFile(OPERATOR), OPERATOR),
                    client, new OperatorListener() {
                        @Override
                        public void onTelemetry(AtSign device, SequenceReport report) {
                            first.countDown();
                        }
                    })) {
                operator.watch(System.currentTimeMillis());
                double versionMs = versionStartMillis(jar);
                long start = System.nanoTime();
                Process agent = java(jar, "org.atiot.cli.Main", "run", "--config", config.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
                try {
                    if (!first.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no reading from the agent; see " + dir.resolve("agent.log"));
                    }
                    double coldMs = (System.nanoTime() - start) / 1e6;
                    Process idle = java(jar, "org.atiot.bench.Idle").start();
                    try {
                        TimeUnit.SECONDS.sleep(settleSeconds);
                        long[] agentMem = proc(agent.pid());
                        long[] idleMem = proc(idle.pid());
                        rows.add("footprint.rss_mib", agentMem[0] / 1024.0, "MiB", "idle JVM, same flags",
                                idleMem[0] / 1024.0);
                        rows.add("footprint.threads", agentMem[1], "threads", "idle JVM, same flags", idleMem[1]);
                        rows.add("footprint.cold_start_to_first_reading_ms", coldMs, "ms",
                                "same JVM and jar printing --version", versionMs);
                    } finally {
                        idle.destroyForcibly();
                    }
                } finally {
                    agent.destroy();
                    agent.waitFor(20, TimeUnit.SECONDS);
                }
            }
        }
        rows.appendTo(results);
    }

    private static List<String> readJavaOpts(Path defaults) throws IOException {
        for (String line : Files.readAllLines(defaults)) {
            if (line.startsWith("JAVA_OPTS=")) {
                return List.of(line.substring(10).replace("\"", "").trim().split("\\s+"));
            }
        }
        throw new IllegalStateException(defaults + " sets no JAVA_OPTS");
    }

    private static double versionStartMillis(Path jar) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            Process p = java(jar, "org.atiot.cli.Main", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    private static ProcessBuilder java(Path jar, String... main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        String override = System.getProperty("atiot.bench.flags");
        cmd.addAll(override == null ? serviceFlags : List.of(override.trim().split("\\s+")));
        String cp = jar + java.io.File.pathSeparator + FootprintBench.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath();
        cmd.add("-cp");
        cmd.add(main[0].startsWith("org.atiot.bench") ? cp : jar.toString());
        cmd.addAll(List.of(main));
        return new ProcessBuilder(cmd);
    }

    /** VmRSS (KiB) and thread count of a process, from /proc. */
    private static long[] proc(long pid) throws IOException {
        long rss = 0;
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[] {rss, threads};
    }

    private static String config(LocalPlatform platform, Path dir) {
        StringBuilder sb = new StringBuilder(platform.agentDeviceTable(DEVICE, dir.resolve("state")));
        sb.append(String.join("\n",
                "[hal]",
                "provider = \"simulated\"",
                "[[recipient]]",
                "atsign = \"" + OPERATOR + "\"",
                "[batch]",
                "max_age = \"200ms\"",
                ""));
        String[][] sensors = {{"bme280", "air"}, {"sht31", "humidity"}, {"bh1750", "light"}, {"ds18b20", "water"},
            {"system_health", "pi"}};
        for (String[] s : sensors) {
            sb.append("[[sensor]]\ntype = \"").append(s[0]).append("\"\nid = \"").append(s[1])
                    .append("\"\ninterval = \"1s\"\n");
        }
        return sb.toString();
    }
}
