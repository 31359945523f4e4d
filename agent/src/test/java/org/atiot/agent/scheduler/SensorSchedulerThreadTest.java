package org.atiot.agent.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.atiot.agent.telemetry.BootIdentity;
import org.junit.jupiter.api.Test;

/** The scheduler on its real thread: runs, reports health, and leaves no thread behind. */
class SensorSchedulerThreadTest {
    /** Verifies real reads on the scheduler thread, the health signal while a driver blocks, and a clean stop. */
    @Test
    void runsOnOneThreadAndStopsCleanly() throws Exception {
        CountDownLatch tenReadings = new CountDownLatch(10);
        CountDownLatch wedged = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> readerThread = new AtomicReference<>();
        BootIdentity boot = BootIdentity.ephemeral(1, System::nanoTime);
        SensorReader sensor = new SensorReader() {
            @Override
            public String id() {
                return "cpu";
            }

            @Override
            public Sample read() throws Exception {
                readerThread.set(Thread.currentThread().getName());
                if (reads.incrementAndGet() == 11) {
                    wedged.countDown();
                    release.await(); // a driver stuck on a bus
                }
                return Sample.ok(System.currentTimeMillis(), List.of());
            }
        };
        SensorScheduler scheduler = SensorScheduler.builder(boot, r -> tenReadings.countDown())
                .sensor(sensor, Duration.ofMillis(10)).tickPeriod(Duration.ofMillis(10)).build();
        scheduler.start();

        assertTrue(tenReadings.await(10, TimeUnit.SECONDS));
        assertTrue(wedged.await(10, TimeUnit.SECONDS));
        assertEquals(SensorScheduler.THREAD_NAME, readerThread.get());
        assertTrue(awaitCondition(() -> !scheduler.isHealthy(Duration.ofMillis(50))),
                "a wedged driver must turn the health signal off");
        release.countDown();
        assertTrue(awaitCondition(() -> scheduler.isHealthy(Duration.ofMillis(50))),
                "health must return once the driver does");

        scheduler.close();
        assertTrue(awaitCondition(() -> !schedulerThreadAlive()), "the scheduler thread must end");
        int after = reads.get();
        assertFalse(scheduler.isHealthy(Duration.ofSeconds(1)));
        assertEquals(after, reads.get());
    }

    private static boolean schedulerThreadAlive() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(SensorScheduler.THREAD_NAME) && t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** Polls a condition that another thread will make true, for at most 10 seconds. */
    private static boolean awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
