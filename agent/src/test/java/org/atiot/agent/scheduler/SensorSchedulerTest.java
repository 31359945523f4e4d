package org.atiot.agent.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.atiot.agent.telemetry.BootIdentity;
import org.atiot.agent.telemetry.TelemetryReading;
import org.junit.jupiter.api.Test;

class SensorSchedulerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Clock WALL = Clock.fixed(Instant.ofEpochMilli(1_732_500_000_000L), ZoneOffset.UTC);

    private final VirtualTaskTimer timer = new VirtualTaskTimer();
    private final BootIdentity boot = BootIdentity.ephemeral(3, timer::nanoTime);
    private final List<TelemetryReading> readings = new ArrayList<>();

    private SensorScheduler.Builder builder() {
        return SensorScheduler.builder(boot, readings::add).timer(timer).clock(WALL).random(new Random(11));
    }

    private List<TelemetryReading> of(String sensor) {
        List<TelemetryReading> out = new ArrayList<>();
        for (TelemetryReading r : readings) {
            if (r.sensorId().equals(sensor)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Verifies that each sensor is read at its own interval, within its jitter window. */
    @Test
    void readsEachSensorAtItsIntervalWithJitter() {
        ScriptedSensor fast = new ScriptedSensor("fast", timer::nanoTime);
        ScriptedSensor slow = new ScriptedSensor("slow", timer::nanoTime);
        SensorScheduler scheduler = builder().jitter(0.2).sensor(fast, Duration.ofSeconds(1))
                .sensor(slow, Duration.ofSeconds(5)).build();
        long start = timer.nanoTime();
        scheduler.start();
        timer.advance(Duration.ofSeconds(60));

        assertEquals(60, fast.readTimes().size());
        assertEquals(12, slow.readTimes().size());
        assertOnGrid(fast.readTimes(), start, SECOND, SECOND / 5);
        assertOnGrid(slow.readTimes(), start, 5 * SECOND, SECOND);
        boolean jittered = false;
        for (int i = 0; i < fast.readTimes().size(); i++) {
            jittered |= (fast.readTimes().get(i) - start) % SECOND != 0;
        }
        assertTrue(jittered, "reads must not all sit exactly on the grid");
        scheduler.close();
    }

    /** Verifies that without jitter reads land exactly on the interval grid. */
    @Test
    void noJitterMeansExactGrid() {
        ScriptedSensor sensor = new ScriptedSensor("s", timer::nanoTime);
        SensorScheduler scheduler = builder().jitter(0).sensor(sensor, Duration.ofMillis(500)).build();
        long start = timer.nanoTime();
        scheduler.start();
        timer.advance(Duration.ofMillis(2100));
        assertEquals(List.of(start, start + SECOND / 2, start + SECOND, start + 3 * SECOND / 2, start + 2 * SECOND),
                sensor.readTimes());
        scheduler.close();
    }

    /** Verifies that readings are numbered in one increasing sequence across sensors, with monotonic times. */
    @Test
    void readingsAreNumberedInOneSequence() {
        SensorScheduler scheduler = builder().sensor(new ScriptedSensor("a", timer::nanoTime), Duration.ofSeconds(1))
                .sensor(new ScriptedSensor("b", timer::nanoTime), Duration.ofMillis(700)).build();
        scheduler.start();
        timer.advance(Duration.ofSeconds(10));

        assertTrue(readings.size() > 20);
        for (int i = 0; i < readings.size(); i++) {
            assertEquals(i + 1, readings.get(i).sequence());
            if (i > 0) {
                assertTrue(readings.get(i).monotonicMillis() >= readings.get(i - 1).monotonicMillis());
            }
        }
        assertTrue(readings.get(0).isOk());
        assertEquals("temperature_c", readings.get(0).measurements().get(0).name());
        scheduler.close();
    }

    /** Verifies that a throwing driver yields fault readings, keeps being retried, and recovers. */
    @Test
    void throwingDriverBecomesFaultAndRecovers() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedSensor flaky = new ScriptedSensor("flaky", timer::nanoTime);
        ScriptedSensor good = new ScriptedSensor("good", timer::nanoTime);
        flaky.behave(at -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("I2C bus locked up");
            }
            return Sample.ok(5, List.of());
        });
        SensorScheduler scheduler = builder().jitter(0).sensor(flaky, Duration.ofSeconds(1))
                .sensor(good, Duration.ofSeconds(1)).build();
        scheduler.start();
        timer.advance(Duration.ofMillis(2500));

        List<TelemetryReading> flakyReadings = of("flaky");
        assertEquals(3, flakyReadings.size());
        TelemetryReading fault = flakyReadings.get(0);
        assertFalse(fault.isOk());
        assertEquals("driver error: IllegalStateException: I2C bus locked up", fault.faultReason());
        assertEquals(WALL.millis(), fault.takenAtEpochMillis());
        assertEquals(3, of("good").size());
        SensorStatus failing = scheduler.status().get(0);
        assertEquals(3, failing.consecutiveFaults());
        assertEquals("driver error: IllegalStateException: I2C bus locked up", failing.lastFaultReason());

        timer.advance(Duration.ofSeconds(2));
        SensorStatus recovered = scheduler.status().get(0);
        assertEquals(5, recovered.reads());
        assertEquals(3, recovered.faults());
        assertEquals(0, recovered.consecutiveFaults());
        assertTrue(recovered.lastReading().isOk());
        assertEquals(WALL.millis(), recovered.lastFaultAtEpochMillis());
        scheduler.close();
    }

    /** Verifies that a driver's own fault report and a missing reading both flow through as faults. */
    @Test
    void faultSamplesFlowThrough() {
        ScriptedSensor ds18b20 = new ScriptedSensor("ds18b20", timer::nanoTime)
                .behave(at -> Sample.fault(7, "power-on value 85 C rejected", List.of()));
        ScriptedSensor empty = new ScriptedSensor("empty", timer::nanoTime).behave(at -> null);
        SensorScheduler scheduler = builder().sensor(ds18b20, Duration.ofSeconds(1))
                .sensor(empty, Duration.ofSeconds(1)).build();
        scheduler.start();
        timer.advance(Duration.ofMillis(500));

        assertEquals("power-on value 85 C rejected", of("ds18b20").get(0).faultReason());
        assertEquals(7, of("ds18b20").get(0).takenAtEpochMillis());
        assertEquals("driver returned no reading", of("empty").get(0).faultReason());
        scheduler.close();
    }

    /** Verifies that a failing consumer does not stop the schedule. */
    @Test
    void failingSinkDoesNotStopReading() {
        AtomicInteger offered = new AtomicInteger();
        ScriptedSensor sensor = new ScriptedSensor("s", timer::nanoTime);
        SensorScheduler scheduler = SensorScheduler.builder(boot, r -> {
            offered.incrementAndGet();
            throw new IllegalStateException("queue closed");
        }).timer(timer).jitter(0).sensor(sensor, Duration.ofSeconds(1)).build();
        scheduler.start();
        timer.advance(Duration.ofMillis(4500));
        assertEquals(5, offered.get());
        scheduler.close();
    }

    /** Verifies that an overrunning read skips the missed steps instead of bursting to catch up. */
    @Test
    void overrunSkipsMissedSteps() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedSensor slowBus = new ScriptedSensor("slow_bus", timer::nanoTime);
        slowBus.behave(at -> {
            if (calls.incrementAndGet() == 2) {
                timer.elapse(Duration.ofMillis(3500)); // the bus hangs for 3.5 intervals
            }
            return Sample.ok(0, List.of());
        });
        SensorScheduler scheduler = builder().jitter(0).sensor(slowBus, Duration.ofSeconds(1)).build();
        long start = timer.nanoTime();
        scheduler.start();
        timer.advance(Duration.ofMillis(6500));

        List<Long> expected = List.of(start, start + SECOND, start + 5 * SECOND, start + 6 * SECOND);
        assertEquals(expected, slowBus.readTimes());
        scheduler.close();
    }

    /** Verifies the tick: it runs the periodic task and keeps the health signal fresh, until a driver wedges. */
    @Test
    void tickDrivesHealthAndPeriodicTask() {
        AtomicInteger ticks = new AtomicInteger();
        List<Boolean> healthDuringWedge = new ArrayList<>();
        ScriptedSensor sensor = new ScriptedSensor("s", timer::nanoTime);
        SensorScheduler scheduler = builder().jitter(0).tickPeriod(Duration.ofMillis(100)).onTick(ticks::incrementAndGet)
                .sensor(sensor, Duration.ofSeconds(10)).build();
        assertFalse(scheduler.isHealthy(Duration.ofSeconds(1)), "not healthy before start");
        scheduler.start();
        timer.advance(Duration.ofMillis(1050));
        assertEquals(10, ticks.get());
        assertTrue(scheduler.healthCheck(Duration.ofMillis(200)).getAsBoolean());

        sensor.behave(at -> {
            timer.elapse(Duration.ofSeconds(5)); // the watchdog looks while the driver holds the thread
            healthDuringWedge.add(scheduler.isHealthy(Duration.ofSeconds(1)));
            return Sample.ok(0, List.of());
        });
        timer.advance(Duration.ofSeconds(9));
        assertEquals(List.of(false), healthDuringWedge);
        assertTrue(scheduler.isHealthy(Duration.ofSeconds(1)), "healthy again once the read returns");

        scheduler.close();
        assertFalse(scheduler.isHealthy(Duration.ofSeconds(1)));
    }

    /** Verifies that a failing periodic task does not stop the ticks. */
    @Test
    void failingTickTaskKeepsTicking() {
        AtomicInteger ticks = new AtomicInteger();
        SensorScheduler scheduler = builder().tickPeriod(Duration.ofMillis(100)).onTick(() -> {
            ticks.incrementAndGet();
            throw new IllegalStateException("flush failed");
        }).build();
        scheduler.start();
        timer.advance(Duration.ofMillis(500));
        assertEquals(5, ticks.get());
        scheduler.close();
    }

    /** Verifies the lifecycle: nothing runs after close, close is idempotent, restart is refused. */
    @Test
    void lifecycle() {
        ScriptedSensor sensor = new ScriptedSensor("s", timer::nanoTime);
        SensorScheduler scheduler = builder().sensor(sensor, Duration.ofSeconds(1)).build();
        assertNull(scheduler.status().get(0).lastReading());
        scheduler.start();
        assertThrows(IllegalStateException.class, scheduler::start);
        timer.advance(Duration.ofSeconds(3));
        int reads = sensor.readTimes().size();
        scheduler.close();
        scheduler.close();
        assertEquals(0, timer.pending());
        assertEquals(reads, sensor.readTimes().size());
        assertThrows(IllegalStateException.class, scheduler::start);
    }

    /** Verifies the builder's checks. */
    @Test
    void builderChecks() {
        SensorScheduler.Builder b = builder();
        assertThrows(IllegalArgumentException.class,
                () -> b.sensor(new ScriptedSensor("bad id", timer::nanoTime), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> b.sensor(new ScriptedSensor("s", timer::nanoTime), Duration.ofMillis(1)));
        b.sensor(new ScriptedSensor("s", timer::nanoTime), Duration.ofSeconds(1));
        assertThrows(IllegalArgumentException.class,
                () -> b.sensor(new ScriptedSensor("s", timer::nanoTime), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> b.jitter(0.9));
        assertThrows(IllegalArgumentException.class, () -> b.jitter(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.tickPeriod(Duration.ZERO));
    }

    private static void assertOnGrid(List<Long> times, long start, long interval, long jitter) {
        for (int i = 0; i < times.size(); i++) {
            long offset = times.get(i) - (start + i * interval);
            assertTrue(offset >= 0 && offset < jitter, "read " + i + " is " + offset + " ns off its step");
        }
    }
}
