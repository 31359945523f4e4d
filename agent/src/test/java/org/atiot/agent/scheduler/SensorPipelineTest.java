package org.atiot.agent.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.atiot.agent.telemetry.BatchPolicy;
import org.atiot.agent.telemetry.Batcher;
import org.atiot.agent.telemetry.BootIdentity;
import org.atiot.agent.telemetry.OutgoingBatch;
import org.atiot.agent.telemetry.SequenceReport;
import org.atiot.agent.telemetry.SequenceTracker;
import org.atiot.agent.telemetry.Subscription;
import org.atiot.agent.telemetry.TelemetryDecoder;
import org.atiot.agent.telemetry.TelemetryReading;
import org.atiot.core.AtSign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduler, batcher, decoder and tracker wired the way the agent and the watcher wire them. */
class SensorPipelineTest {
    private static final AtSign DEVICE = AtSign.of("@pi01");
    private static final AtSign OPERATOR = AtSign.of("@operator");
    private static final AtSign DOOR_WATCHER = AtSign.of("@security");

    @TempDir
    Path stateDir;

    /** Verifies that every reading reaches every subscribed recipient, in order, without gaps or duplicates. */
    @Test
    void readingsFlowFromSensorsToDecodedBatches() throws Exception {
        VirtualTaskTimer timer = new VirtualTaskTimer();
        BootIdentity boot = BootIdentity.start(stateDir, timer::nanoTime);
        List<OutgoingBatch> out = new ArrayList<>();
        Batcher batcher = Batcher.builder(DEVICE, boot, out::add)
                .policy(BatchPolicy.builder().maxReadings(20).maxAge(Duration.ofSeconds(2)).build())
                .subscriptions(List.of(Subscription.allSensors(OPERATOR),
                        Subscription.sensors(DOOR_WATCHER, Set.of("door"))))
                .build();
        SensorScheduler scheduler = SensorScheduler.builder(boot, batcher::add).timer(timer).random(new Random(5))
                .onTick(batcher::flushDue)
                .sensor(new ScriptedSensor("greenhouse", timer::nanoTime), Duration.ofMillis(200))
                .sensor(new ScriptedSensor("door", timer::nanoTime), Duration.ofSeconds(1))
                .sensor(new ScriptedSensor("cpu", timer::nanoTime), Duration.ofSeconds(5))
                .build();
        scheduler.start();
        timer.advance(Duration.ofSeconds(30));
        scheduler.close();
        batcher.flushAll();

        // Each recipient is a separate watcher with its own tracker.
        SequenceTracker operatorTracker = new SequenceTracker();
        SequenceTracker doorTracker = new SequenceTracker();
        List<Long> operatorSeqs = new ArrayList<>();
        int doorReadings = 0;
        for (OutgoingBatch batch : out) {
            boolean toOperator = batch.recipient().equals(OPERATOR);
            SequenceReport report = (toOperator ? operatorTracker : doorTracker)
                    .track(TelemetryDecoder.decode(batch.json()));
            assertTrue(report.events().isEmpty(), report.events().toString());
            for (TelemetryReading r : report.freshReadings()) {
                if (toOperator) {
                    operatorSeqs.add(r.sequence());
                } else {
                    assertEquals("door", r.sensorId());
                    doorReadings++;
                }
            }
        }
        long total = boot.lastSequence();
        assertEquals(150 + 30 + 6, total);
        assertEquals(total, operatorSeqs.size());
        for (int i = 0; i < operatorSeqs.size(); i++) {
            assertEquals(i + 1, operatorSeqs.get(i));
        }
        assertEquals(30, doorReadings);
        assertEquals(1, boot.bootNumber());
    }
}
