package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.DEVICE;
import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.device.HardwareDevice;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.runtime.Agent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The atPlatform process is killed with SIGKILL and restarted 20 times while an agent streams through it: every
 * notification the device's atServer acknowledged reaches the operator, and no reading is missing.
 */
@Tag("faults")
class ServerKillLoopFaultTest {
    private static final int KILLS = 20;

    @TempDir
    Path tmp;

    @Test
    void twentyPlatformKillsLoseNoAcknowledgedReading() throws Exception {
        ReadingLedger ledger = new ReadingLedger();
        try (PlatformProcess platform = new PlatformProcess(tmp.resolve("platform"), List.of(DEVICE, OPERATOR))) {
            platform.start();
            Path file = tmp.resolve("agent.toml");
            Files.writeString(file, E2ePlatform.withFastLinkChecks(
                    E2ePlatform.agentToml(platform.deviceTable(DEVICE, tmp.resolve("state")), "20ms", 5, "")));
            AgentConfig config = AgentConfig.load(file);
            long acknowledged;
            try (Agent agent = Agent.builder(config, HardwareDevice.open(config)).start()) {
                Random random = new Random(7);
                for (int i = 0; i < KILLS; i++) {
                    awaitStreaming(agent);
                    Thread.sleep(random.nextInt(1_500)); // a random moment of a live stream
                    platform.kill();
                    platform.start();
                }
                awaitStreaming(agent); // through the last platform process
                long deadline = System.currentTimeMillis() + 120_000;
                while ((agent.queueStats().depth() > 1 || !agent.linkStatus().connected)
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(agent.queueStats().depth() <= 1, "the backlog drained: " + agent.queueStats());
                assertTrue(agent.linkStatus().reconnects >= KILLS, "reconnected after each kill: "
                        + agent.linkStatus());
                acknowledged = agent.linkStatus().sent;
            }
            try (OperatorSession operator = OperatorSession.open(platform.keys(OPERATOR), platform.clientOptions(),
                    ledger)) {
                operator.watch(0);
                ledger.await(l -> l.batchCount() >= acknowledged, 120_000);
            }
            assertTrue(ledger.batchCount() >= acknowledged,
                    ledger.batchCount() + " batches received, " + acknowledged + " acknowledged");
        }
        assertEquals(1, ledger.byBoot().size(), "one run of the agent");
        assertEquals(List.of(), ledger.holes(1), "readings lost across platform kills");
        assertTrue(ledger.lastSequence() > 500, "a real stream: " + ledger.lastSequence() + " readings");
    }

    /** Waits until the agent is connected and its atServer has acknowledged something new. */
    private static void awaitStreaming(Agent agent) throws InterruptedException {
        long sent = agent.linkStatus().sent;
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(agent.linkStatus().connected && agent.linkStatus().sent > sent)) {
            assertTrue(System.currentTimeMillis() < deadline, "the agent streams again: " + agent.linkStatus());
            Thread.sleep(20);
        }
    }
}
