package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.atiot.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atiot run} as a process: SIGHUP reloads (a broken file is refused), status file, SIGTERM stops cleanly. */
class RunVerbTest {
    @TempDir
    Path tmp;

    @Test
    void hangupReloadsTheConfigAndTermStopsCleanly() throws Exception {
        BlockingQueue<TelemetryReading> readings = new LinkedBlockingQueue<>();
        try (E2ePlatform e2e = new E2ePlatform(tmp);
             OperatorSession operator = OperatorSession.open(e2e.keys(OPERATOR), e2e.client, new OperatorListener() {
                 @Override
                 public void onTelemetry(AtSign device, SequenceReport report) {
                     readings.addAll(report.freshReadings());
                 }
             })) {
            operator.watch(0);
            Path config = tmp.resolve("agent.toml");
            Files.writeString(config, e2e.agentToml("200ms", 5, ""));
            Process agent = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), "org.atiot.cli.Main", "run", "--config",
                    config.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("agent.log").toFile())
                    .start();
            try {
                awaitSensor(readings, "climate");
                Files.writeString(config, e2e.agentToml("200ms", 5,
                        "[[sensor]]\ntype = \"bh1750\"\nid = \"light\"\ninterval = \"200ms\"\n"));
                hangup(agent);
                awaitSensor(readings, "light");

                Files.writeString(config, e2e.agentToml("200ms", 5, "[[sensor]]\ntype = \"nope\"\nid = \"x\"\n"
                        + "interval = \"1s\"\n"));
                hangup(agent);
                readings.clear();
                awaitSensor(readings, "light"); // still running with the last good configuration
                assertTrue(agent.isAlive());
                String log = Files.readString(tmp.resolve("agent.log"));
                assertTrue(log.contains("configuration not reloaded"), log);

                Map<String, Object> status = Json.parseObject(Files.readString(tmp.resolve("state/status.json")));
                assertEquals("@e2e_device", status.get("device"));
                assertEquals(Boolean.TRUE, ((Map<?, ?>) status.get("link")).get("connected"));
            } finally {
                agent.destroy(); // SIGTERM
                boolean stopped = agent.waitFor(30, TimeUnit.SECONDS);
                if (!stopped) {
                    agent.destroyForcibly();
                }
                assertTrue(stopped, "the agent stops on SIGTERM");
            }
            // the JVM reports SIGTERM as 128 + 15 once its shutdown hooks ran (the unit lists it as success)
            assertEquals(143, agent.exitValue());
            assertTrue(Files.readString(tmp.resolve("agent.log")).contains("agent stopped"));
        }
    }

    private static void hangup(Process p) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor());
    }

    private static void awaitSensor(BlockingQueue<TelemetryReading> readings, String sensor) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            TelemetryReading r = readings.poll(1, TimeUnit.SECONDS);
            if (r != null && r.sensorId().equals(sensor)) {
                return;
            }
        }
        throw new AssertionError("no reading from " + sensor);
    }
}
