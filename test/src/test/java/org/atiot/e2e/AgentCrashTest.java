package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.operator.OperatorSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the agent process at random moments of a stream: every reading that reached the queue arrives at the
 * recipient, in order, once the agent runs again. Each reading is its own batch here, so a kill can only lose the
 * one reading that had not been appended yet — which shows up as a shorter run, never as a hole.
 */
class AgentCrashTest {
    /** A few kills on every build; the fault profile ({@code -Pfaults}) raises it to 50. */
    private static final int KILLS = Integer.getInteger("atiot.faults.agentKills", 8);

    @TempDir
    Path tmp;

    @Test
    void killNineNeverLosesAppendedReadings() throws Exception {
        ReadingLedger ledger = new ReadingLedger();
        long bootsBefore;
        try (E2ePlatform e2e = new E2ePlatform(tmp)) {
            Path config = tmp.resolve("agent.toml");
            Files.writeString(config, e2e.agentToml("20ms", 1, ""));
            try (OperatorSession operator = OperatorSession.open(e2e.keys(OPERATOR), e2e.client, ledger)) {
                operator.watch(0);
                Random random = new Random(42);
                for (int i = 0; i < KILLS; i++) {
                    Path log = tmp.resolve("agent-" + i + ".log");
                    Process agent = startAgent(config, log);
                    ProcessLog.await(log, agent, " started: ", 60_000); // JVM start-up is slow on a loaded machine
                    Thread.sleep(random.nextInt(1500)); // a random moment of the stream, however slow the start
                    agent.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                    agent.waitFor(10, TimeUnit.SECONDS);
                }
                bootsBefore = ledger.lastBoot();
                Process last = startAgent(config, tmp.resolve("agent-last.log"));
                try {
                    ledger.await(l -> l.lastBoot() > bootsBefore, 60_000);
                } finally {
                    last.destroy();
                    last.waitFor(20, TimeUnit.SECONDS);
                }
            }
        }
        assertTrue(ledger.lastBoot() > bootsBefore,
                "the run after the kills delivered (and so drained everything queued before it): "
                        + ledger.byBoot().keySet());
        assertEquals(List.of(), ledger.holes(1), "readings lost after kill -9");
        assertTrue(ledger.byBoot().size() >= KILLS / 2, "most runs produced readings: " + ledger.byBoot().keySet());
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
