package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.DEVICE;
import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.device.HardwareDevice;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.runtime.Agent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's queue file is damaged while the agent is down (a torn tail and a flipped byte in the middle, as a
 * power cut and a failing SD card would leave it): the agent starts anyway, sends every intact entry, and loses
 * only the damaged ones. The queue itself is checked at every byte offset in the agent module's recovery tests.
 */
@Tag("faults")
class QueueDamageFaultTest {
    private static final int BATCH = 5;

    @TempDir
    Path tmp;

    @Test
    void damagedQueueStartsAndKeepsEveryIntactEntry() throws Exception {
        ReadingLedger ledger = new ReadingLedger();
        try (E2ePlatform e2e = new E2ePlatform(tmp)) {
            Path file = tmp.resolve("agent.toml");
            Files.writeString(file, e2e.agentToml("20ms", BATCH, ""));
            AgentConfig config = AgentConfig.load(file);
            e2e.platform.stopServer(DEVICE); // offline: everything stays in the queue
            try (Agent agent = Agent.builder(config, HardwareDevice.open(config)).start()) {
                while (agent.queueStats().depth() < 40) {
                    Thread.sleep(50);
                }
            }
            Path segment = newestSegment(config.queueDir());
            long size = Files.size(segment);
            try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
                raf.seek(size / 2);
                int b = raf.read();
                raf.seek(size / 2);
                raf.write(b ^ 0x5a); // a flipped byte in a middle record
                raf.setLength(size - 40); // and a torn last record
            }

            e2e.platform.restartServer(DEVICE, UnaryOperator.identity());
            try (OperatorSession operator = OperatorSession.open(e2e.keys(OPERATOR), e2e.client, ledger);
                 Agent agent = Agent.builder(config, HardwareDevice.open(config)).start()) {
                operator.watch(0);
                assertTrue(ledger.await(l -> l.lastBoot() >= 2, 60_000), "the restarted agent delivers");
            }
        }
        TreeSet<Long> firstRun = ledger.byBoot().get(1L);
        assertTrue(firstRun != null && firstRun.size() >= 30 * BATCH, "the intact entries of the first run arrived");
        long missing = firstRun.last() - firstRun.size();
        List<String> holes = ledger.holes(1).stream().filter(h -> h.startsWith("boot 1 ")).toList();
        assertTrue(holes.size() <= 1 && missing <= BATCH,
                "only the entry with the flipped byte is missing in the middle: " + holes);
    }

    private static Path newestSegment(Path queueDir) throws Exception {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("seg-")).max(Path::compareTo)
                    .orElseThrow();
        }
    }
}
