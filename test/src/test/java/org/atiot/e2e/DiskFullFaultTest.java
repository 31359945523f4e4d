package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.DEVICE;
import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.runtime.StatusFile;
import org.atiot.core.json.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's queue lives on a 256 KiB tmpfs (in a private mount namespace) while its atServer is unreachable, so the
 * disk fills long before the configured byte bound: the agent says so clearly, drops the oldest entries, counts
 * them, keeps running, and delivers every entry it kept, intact, once the server is back.
 */
@Tag("faults")
class DiskFullFaultTest {
    @TempDir
    Path tmp;

    @Test
    void fullDiskDropsOldestCountsAndCorruptsNothing() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
        ReadingLedger ledger = new ReadingLedger();
        try (PlatformProcess platform = new PlatformProcess(tmp.resolve("platform"), List.of(DEVICE, OPERATOR))) {
            Path state = tmp.resolve("state");
            Path queue = state.resolve("queue");
            Files.createDirectories(queue);
            Path config = tmp.resolve("agent.toml");
            Files.writeString(config, E2ePlatform.agentToml(platform.deviceTable(DEVICE, state), "10ms", 50,
                    String.join("\n", "max_bytes = \"64MB\"", "segment_bytes = \"32KB\"",
                            "[[sensor]]", "type = \"sht31\"", "id = \"air\"", "interval = \"10ms\"",
                            "[[sensor]]", "type = \"bh1750\"", "id = \"light\"", "interval = \"10ms\"", "")));
            Path log = tmp.resolve("agent.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            // the platform is not started yet: everything the agent reads has to wait in its queue
            Process agent = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount -t tmpfs -o size=256k atiot-queue \"$0\" && exec \"$1\" -XX:+UseSerialGC "
                            + "-XX:TieredStopAtLevel=1 -cp \"$2\" org.atiot.cli.Main run --config \"$3\"",
                    queue.toString(), java, System.getProperty("java.class.path"), config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertTrue(ProcessLog.await(log, agent, "Disk full", 90_000),
                        "the agent reports the full disk:\n" + ProcessLog.tail(log));
                Thread.sleep(3_000); // keep writing into a full disk for a while
                assertTrue(agent.isAlive(), "the agent keeps running on a full disk:\n" + ProcessLog.tail(log));
                long droppedWhileFull = queueStatus(state, "dropped");
                assertTrue(droppedWhileFull > 0, "dropped entries are counted in the status");

                platform.start();
                platform.connect(platform.keys(OPERATOR)).close(); // up and serving
                try (OperatorSession operator = OperatorSession.open(platform.keys(OPERATOR),
                        platform.clientOptions(), ledger)) {
                    operator.watch(0);
                    long deadline = System.currentTimeMillis() + 90_000;
                    while ((queueStatus(state, "depth") > 1 || ledger.lastSequence() == 0)
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(200);
                    }
                    long target = ledger.lastSequence() + 100;
                    assertTrue(ledger.await(l -> l.lastSequence() >= target, 60_000), "live readings flow again");
                }
                agent.destroy();
                assertTrue(agent.waitFor(20, TimeUnit.SECONDS));
                assertEquals(143, agent.exitValue(), "a clean SIGTERM exit:\n" + ProcessLog.tail(log));
            } finally {
                agent.destroyForcibly();
            }
        }
        String output = Files.readString(tmp.resolve("agent.log"));
        assertFalse(output.contains("\tat "), "no stack trace in the agent's output");
        assertTrue(ledger.readings().stream().allMatch(r -> r.isOk() && !r.measurements().isEmpty()),
                "every delivered reading decrypted and parsed");
        List<String> holes = ledger.holes(1);
        assertFalse(holes.isEmpty(), "the oldest readings were dropped");
        long received = ledger.readings().stream().map(r -> r.sequence()).distinct().count();
        long missing = ledger.lastSequence() - received;
        assertTrue(missing > 0 && received > missing / 10, received + " received, " + missing + " dropped");
    }

    private static long queueStatus(Path state, String field) throws Exception {
        Path file = state.resolve(StatusFile.NAME);
        if (!Files.exists(file)) {
            return -1;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> queue = (Map<String, Object>) Json.parseObject(Files.readString(file)).get("queue");
        return ((Number) queue.get(field)).longValue();
    }
}
