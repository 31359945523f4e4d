package org.atiot.e2e;

import static org.atiot.e2e.E2ePlatform.DEVICE;
import static org.atiot.e2e.E2ePlatform.INTRUDER;
import static org.atiot.e2e.E2ePlatform.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atiot.agent.commands.AckReason;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.commands.CommandRequest;
import org.atiot.agent.config.AgentConfig;
import org.atiot.agent.device.HardwareDevice;
import org.atiot.agent.operator.OperatorListener;
import org.atiot.agent.operator.OperatorSession;
import org.atiot.agent.runtime.Agent;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as it runs on a device, on the simulated HAL, against the real local atPlatform. */
class AgentEndToEndTest {
    @TempDir
    Path tmp;
    private E2ePlatform e2e;
    private Agent agent;
    private final BlockingQueue<TelemetryReading> readings = new LinkedBlockingQueue<>();
    private final BlockingQueue<CommandAck> acks = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        e2e = new E2ePlatform(tmp);
        Path file = tmp.resolve("agent.toml");
        Files.writeString(file, e2e.agentToml("100ms", 5, ""));
        AgentConfig config = AgentConfig.load(file);
        agent = Agent.builder(config, HardwareDevice.open(config)).start();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        e2e.close();
    }

    private OperatorSession session(AtSign who) throws Exception {
        OperatorSession s = OperatorSession.open(e2e.keys(who), e2e.client, new OperatorListener() {
            @Override
            public void onTelemetry(AtSign device, SequenceReport report) {
                readings.addAll(report.freshReadings());
            }

            @Override
            public void onAck(AtSign device, CommandAck ack) {
                acks.add(ack);
            }
        });
        s.watch(0);
        return s;
    }

    @Test
    void simulatedBme280ReadingsArriveDecryptedAtTheRecipient() throws Exception {
        try (OperatorSession operator = session(OPERATOR)) {
            long previous = 0;
            for (int i = 0; i < 10; i++) {
                TelemetryReading r = readings.poll(20, TimeUnit.SECONDS);
                assertEquals("climate", r.sensorId());
                assertTrue(r.isOk(), r.toString());
                assertTrue(r.sequence() > previous, "ordered by sequence");
                previous = r.sequence();
                double t = r.measurements().stream().filter(m -> m.name().equals("temperature_c")).findFirst()
                        .orElseThrow().value();
                double p = r.measurements().stream().filter(m -> m.name().equals("pressure_hpa")).findFirst()
                        .orElseThrow().value();
                assertTrue(t > -10 && t < 45, "plausible simulated air temperature: " + t);
                assertTrue(p > 900 && p < 1100, "plausible pressure: " + p);
            }
        }
    }

    @Test
    void commandsAreCheckedExecutedAcknowledgedAndAudited() throws Exception {
        try (OperatorSession operator = session(OPERATOR); OperatorSession intruder = session(INTRUDER)) {
            String ok = operator.send(DEVICE, "fan", 1, Duration.ofMinutes(1));
            CommandAck ack = nextAck(ok);
            assertTrue(ack.isOk(), ack.toString());
            assertEquals(1.0, ((Number) ack.state().get("value")).doubleValue());

            String refused = intruder.send(DEVICE, "fan", 0, Duration.ofMinutes(1));
            assertEquals(AckReason.NOT_ALLOWED, nextAck(refused).reason());

            CommandRequest once = CommandRequest.create("fan", 0, Instant.now(), Duration.ofMinutes(1));
            operator.send(DEVICE, once);
            CommandAck first = nextAck(once.id());
            assertTrue(first.isOk(), "the first delivery runs: " + first);
            operator.send(DEVICE, once);
            assertEquals(AckReason.REPLAYED, nextAck(once.id()).reason());

            CommandRequest stale = CommandRequest.of("stale-1", "fan", 1, Instant.now().minusSeconds(120),
                    Instant.now().minusSeconds(60));
            operator.send(DEVICE, stale);
            assertEquals(AckReason.EXPIRED, nextAck("stale-1").reason());
        }
        String audit;
        try (var files = Files.list(tmp.resolve("state/audit"))) {
            audit = files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
        }
        assertTrue(audit.contains("not_allowed") && audit.contains("replayed") && audit.contains("expired"), audit);
        assertTrue(audit.contains(INTRUDER.toString()), audit);
    }

    @Test
    void aCommandSentWhileTheAgentWasDownIsReplayedAndExecutedWhenItReturns() throws Exception {
        try (OperatorSession operator = session(OPERATOR)) {
            CommandAck first = nextAck(operator.send(DEVICE, "fan", 1, Duration.ofMinutes(1)));
            assertTrue(first.isOk(), first.toString());
            agent.close(); // the device goes away
            agent = null;
            String whileDown = operator.send(DEVICE, "fan", 0, Duration.ofMinutes(5));
            AgentConfig config = AgentConfig.load(tmp.resolve("agent.toml"));
            agent = Agent.builder(config, HardwareDevice.open(config)).start();
            CommandAck replayed = nextAck(whileDown); // monitor replay carries no inline key: looked up instead
            assertTrue(replayed.isOk(), replayed.toString());
            assertEquals(0.0, ((Number) replayed.state().get("value")).doubleValue());
        }
    }

    private CommandAck nextAck(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            CommandAck a = acks.poll(1, TimeUnit.SECONDS);
            if (a != null && a.id().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no acknowledgement for " + id);
    }
}
