package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the agent process at random moments of a stream: every reading that reached the queue arrives at the
 * recipient, in order, once the agent runs again. Each reading is its own batch here, so a kill can only lose the
 * one reading that had not been appended yet — which shows up as a shorter run, never as a hole.
 */
class AgentCrashTest {
    private static final int KILLS = 8;

    @TempDir
    Path tmp;

    @Test
    void killNineNeverLosesAppendedReadings() throws Exception {
        TreeMap<Long, TreeSet<Long>> byBoot = new TreeMap<>();
        long[] lastRunFrom = {Long.MAX_VALUE};
        try (E2ePlatform e2e = new E2ePlatform(tmp)) {
            Path config = tmp.resolve("agent.toml");
            Files.writeString(config, e2e.agentToml("20ms", 1, ""));
            OperatorListener listener = new OperatorListener() {
                @Override
                public void onTelemetry(AtSign device, SequenceReport report) {
                    synchronized (byBoot) {
                        for (TelemetryReading r : report.freshReadings()) {
                            byBoot.computeIfAbsent(report.batch().bootNumber(), b -> new TreeSet<>())
                                    .add(r.sequence());
                        }
                        byBoot.notifyAll();
                    }
                }
            };
            try (OperatorSession operator = OperatorSession.open(e2e.keys(OPERATOR), e2e.client, listener)) {
                operator.watch(0);
                Random random = new Random(42);
                for (int i = 0; i < KILLS; i++) {
                    Process agent = startAgent(config, tmp.resolve("agent-" + i + ".log"));
                    Thread.sleep(800 + random.nextInt(1500));
                    agent.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                    agent.waitFor(10, TimeUnit.SECONDS);
                }
                long bootsBefore;
                synchronized (byBoot) {
                    bootsBefore = byBoot.isEmpty() ? 0 : byBoot.lastKey();
                }
                Process last = startAgent(config, tmp.resolve("agent-last.log"));
                try {
                    long deadline = System.currentTimeMillis() + 60_000;
                    synchronized (byBoot) {
                        lastRunFrom[0] = bootsBefore;
                        while ((byBoot.isEmpty() ? 0 : byBoot.lastKey()) <= bootsBefore
                                && System.currentTimeMillis() < deadline) {
                            byBoot.wait(500);
                        }
                    }
                } finally {
                    last.destroy();
                    last.waitFor(20, TimeUnit.SECONDS);
                }
            }
        }
        synchronized (byBoot) {
            assertTrue(!byBoot.isEmpty() && byBoot.lastKey() > lastRunFrom[0],
                    "the run after the kills delivered (and so drained everything queued before it): " + byBoot.keySet());
            List<String> holes = new ArrayList<>();
            for (Map.Entry<Long, TreeSet<Long>> boot : byBoot.entrySet()) {
                TreeSet<Long> seqs = boot.getValue();
                long expected = 1;
                for (long s : seqs) {
                    if (s != expected) {
                        holes.add("boot " + boot.getKey() + " lacks " + expected + ".." + (s - 1));
                    }
                    expected = s + 1;
                }
            }
            assertEquals(List.of(), holes, "readings lost after kill -9");
            assertTrue(byBoot.size() >= KILLS / 2, "most runs produced readings: " + byBoot.keySet());
        }
    }

    private static Process startAgent(Path config, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "org.atiot.cli.Main", "run", "--config",
                config.toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }
}
