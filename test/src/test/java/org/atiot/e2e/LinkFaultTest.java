package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.DEVICE;
import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.device.HardwareDevice;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.runtime.Agent;
import org.atiot.core.protocol.HostAndPort;
import org.atiot.platform.faults.FaultProxy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network between the agent and its atServer fails silently: first a blackhole (connections stay open, nothing
 * passes, new connections hang), then half-open connections (the server side is gone, the agent is never told).
 * Each time the agent must notice within heartbeat + response timeout, keep queueing, and drain the backlog once
 * the network is back, with no reading lost.
 */
@Tag("faults")
class LinkFaultTest {
    /** What {@link E2ePlatform#withFastLinkChecks} configures. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    /** Detection bound plus scheduling slack on a loaded two-core machine. */
    private static final long DETECT_WITHIN_MILLIS = HEARTBEAT.plus(RESPONSE_TIMEOUT).toMillis() + 2_000;
    private static final long OUTAGE_MILLIS = 8_000;

    @TempDir
    Path tmp;

    @Test
    void blackholeAndHalfOpenConnectionsAreDetectedAndTheBacklogDrains() throws Exception {
        ReadingLedger ledger = new ReadingLedger();
        try (E2ePlatform e2e = new E2ePlatform(tmp);
             FaultProxy proxy = new FaultProxy(new HostAndPort("localhost", e2e.platform.server(DEVICE).port()))) {
            e2e.platform.advertise(DEVICE, proxy.address());
            Path file = tmp.resolve("agent.toml");
            Files.writeString(file, E2ePlatform.withFastLinkChecks(e2e.agentToml("20ms", 10, "")));
            AgentConfig config = AgentConfig.load(file);
            try (OperatorSession operator = OperatorSession.open(e2e.keys(OPERATOR), e2e.client, ledger);
                 Agent agent = Agent.builder(config, HardwareDevice.open(config)).start()) {
                operator.watch(0);
                assertTrue(ledger.await(l -> l.lastSequence() >= 50, 30_000), "readings flow through the proxy");

                proxy.blackhole(true);
                long detected = millisUntilDisconnected(agent);
                assertTrue(detected <= DETECT_WITHIN_MILLIS, "blackhole noticed after " + detected + " ms");
                Thread.sleep(OUTAGE_MILLIS);
                long seqAtRecovery = lastQueuedReading(agent, ledger);
                proxy.blackhole(false);
                assertTrue(ledger.await(l -> l.lastSequence() >= seqAtRecovery, 60_000),
                        "backlog after the blackhole drained: " + ledger.lastSequence() + " < " + seqAtRecovery);

                proxy.halfOpenAll();
                long halfOpenDetected = millisUntilDisconnected(agent);
                assertTrue(halfOpenDetected <= DETECT_WITHIN_MILLIS,
                        "half-open connection noticed after " + halfOpenDetected + " ms");
                long before = ledger.lastSequence();
                assertTrue(ledger.await(l -> l.lastSequence() > before + 100, 60_000),
                        "readings flow again after the half-open connection");
                assertTrue(agent.linkStatus().reconnects >= 2, "reconnected twice: " + agent.linkStatus());
            }
        }
        assertEquals(1, ledger.byBoot().size(), "one run of the agent");
        assertEquals(List.of(), ledger.holes(1), "readings lost across the network faults");
    }

    /** Time from now until the agent reports its link down. */
    private static long millisUntilDisconnected(Agent agent) throws InterruptedException {
        long start = System.nanoTime();
        long limit = start + Duration.ofSeconds(60).toNanos();
        while (agent.linkStatus().connected && System.nanoTime() < limit) {
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A sequence the agent has certainly taken by now: what the operator saw plus the readings queued since. */
    private static long lastQueuedReading(Agent agent, ReadingLedger ledger) {
        assertTrue(agent.queueStats().depth() > 0, "readings queue up while the network is down");
        return ledger.lastSequence() + agent.queueStats().depth(); // each entry holds at least one reading
    }
}
