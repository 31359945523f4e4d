package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.telemetry.TelemetryReading;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi without a real-time clock boots into 1970: the agent's clock (faked with libfaketime, re-read on every call)
 * starts on 1970-01-02, so TLS finds the server certificate "not yet valid"; then time synchronisation jumps the
 * clock to now. The agent reports the clock, keeps its readings, connects once the clock is right, and delivers
 * everything in boot and sequence order, the 1970 readings included.
 */
@Tag("faults")
class ClockFaultTest {
    private static final long Y2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path tmp;

    @Test
    void readingsFromBeforeTheClockJumpStayOrderedAndTlsIsRetried() throws Exception {
        Optional<Path> faketime = libfaketime();
        assumeTrue(faketime.isPresent(), "needs libfaketime (Debian package faketime)");
        ReadingLedger ledger = new ReadingLedger();
        try (E2ePlatform e2e = new E2ePlatform(tmp)) {
            Path config = tmp.resolve("agent.toml");
            Files.writeString(config, e2e.agentToml("50ms", 5, ""));
            Path clock = tmp.resolve("clock");
            long secondsSince19700102 = Instant.now().getEpochSecond() - 86_400;
            Files.writeString(clock, "-" + secondsSince19700102 + "\n"); // an offset: the clock keeps ticking
            Path log = tmp.resolve("agent.log");
            ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    "org.atiot.cli.Main", "run", "--config", config.toString());
            pb.environment().put("LD_PRELOAD", faketime.get().toString());
            pb.environment().put("FAKETIME_TIMESTAMP_FILE", clock.toString());
            pb.environment().put("FAKETIME_NO_CACHE", "1");
            pb.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1"); // timeouts and sleeps stay real
            Process agent = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (OperatorSession operator = OperatorSession.open(e2e.keys(OPERATOR), e2e.client, ledger)) {
                operator.watch(0);
                assertTrue(ProcessLog.await(log, agent, "system clock is not set", 60_000),
                        "the agent names the clock as the problem:\n" + ProcessLog.tail(log));
                Thread.sleep(3_000); // readings taken in 1970 pile up
                assertEquals(0, ledger.lastSequence(), "nothing gets through with the clock in 1970");
                Files.writeString(clock, "+0\n"); // time synchronised
                long now = System.currentTimeMillis();
                assertTrue(ledger.await(l -> l.count(r -> r.takenAtEpochMillis() >= now) >= 20, 90_000),
                        "readings flow once the clock is right:\n" + ProcessLog.tail(log));
            } finally {
                agent.destroy();
                agent.waitFor(20, TimeUnit.SECONDS);
                agent.destroyForcibly();
            }
        }
        List<TelemetryReading> bySequence = ledger.readings().stream()
                .sorted(Comparator.comparingLong(TelemetryReading::sequence)).distinct().toList();
        assertEquals(1, ledger.byBoot().size(), "one boot");
        assertEquals(List.of(), ledger.holes(1), "no reading lost across the clock jump");
        long from1970 = bySequence.stream().filter(r -> r.takenAtEpochMillis() < Y2000).count();
        assertTrue(from1970 >= 20, "the readings taken in 1970 were kept and delivered: " + from1970);
        for (int i = 0; i < bySequence.size(); i++) {
            boolean old = bySequence.get(i).takenAtEpochMillis() < Y2000;
            assertEquals(i < from1970, old, "sequence order puts every 1970 reading before the jump");
            if (i > 0) {
                assertTrue(bySequence.get(i).monotonicMillis() >= bySequence.get(i - 1).monotonicMillis(),
                        "the monotonic clock never runs backwards along the sequence");
            }
        }
    }

    private static Optional<Path> libfaketime() throws IOException {
        try (Stream<Path> libs = Files.walk(Path.of("/usr/lib"), 3)) {
            return libs.filter(p -> p.endsWith("faketime/libfaketime.so.1")).findFirst();
        }
    }
}
