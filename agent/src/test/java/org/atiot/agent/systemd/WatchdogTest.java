package org.atiot.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {

    @TempDir
    Path dir;

    private static SdNotify notifyTo(String socket, String watchdogUsec) {
        return SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socket, "PATH", System.getenv("PATH"),
                "WATCHDOG_USEC", watchdogUsec), ProcessHandle.current().pid());
    }

    @Test
    void pingsOnlyWhileEveryCheckPasses() throws Exception {
        try (NotifySocketListener listener = NotifySocketListener.bind(dir, dir.resolve("notify").toString())) {
            SdNotify notify = notifyTo(listener.address(), "60000000");
            AtomicBoolean sensorLoopTicked = new AtomicBoolean(true);
            Watchdog watchdog = Watchdog.create(notify)
                    .addCheck("sensor loop", sensorLoopTicked::get)
                    .addCheck("sender", () -> true);

            assertTrue(watchdog.pingIfHealthy());
            assertEquals("WATCHDOG=1", listener.nextMessage());

            sensorLoopTicked.set(false);
            assertEquals(List.of("sensor loop"), watchdog.failingChecks());
            assertFalse(watchdog.pingIfHealthy());
            // the next datagram must be this marker, proving no ping went out in between
            notify.status("marker");
            assertEquals("STATUS=marker", listener.nextMessage());

            sensorLoopTicked.set(true);
            assertTrue(watchdog.pingIfHealthy());
            assertEquals("WATCHDOG=1", listener.nextMessage());
        }
    }

    @Test
    void aThrowingCheckCountsAsUnhealthy() {
        Watchdog watchdog = Watchdog.create(notifyTo(dir.resolve("n").toString(), "1000000"))
                .addCheck("sender", () -> {
                    throw new IllegalStateException("wedged");
                });
        assertEquals(List.of("sender"), watchdog.failingChecks());
        assertFalse(watchdog.pingIfHealthy());
    }

    @Test
    void itsThreadPingsRepeatedlyUntilStopped() throws Exception {
        try (NotifySocketListener listener = NotifySocketListener.bind(dir, dir.resolve("notify").toString())) {
            SdNotify notify = notifyTo(listener.address(), "60000000");
            try (Watchdog watchdog = Watchdog.create(notify, Duration.ofMillis(20)).addCheck("ok", () -> true)) {
                assertTrue(watchdog.isActive());
                watchdog.start();
                watchdog.start(); // idempotent
                for (int i = 0; i < 3; i++) {
                    assertEquals("WATCHDOG=1", listener.nextMessage());
                }
                watchdog.stop();
                assertFalse(watchdogThreadAlive(), "stop() must end the watchdog thread");
            }
        }
    }

    @Test
    void inactiveWithoutAWatchdogRequest() {
        SdNotify noWatchdog = SdNotify.fromEnvironment(
                Map.of("NOTIFY_SOCKET", dir.resolve("n").toString(), "PATH", System.getenv("PATH")), 1);
        Watchdog watchdog = Watchdog.create(noWatchdog);
        assertFalse(watchdog.isActive());
        watchdog.start();
        assertFalse(watchdogThreadAlive());
        watchdog.stop();
    }

    @Test
    void rejectsDuplicateNamesAndNonPositiveIntervals() {
        SdNotify notify = SdNotify.fromEnvironment(Map.of(), 1);
        Watchdog watchdog = Watchdog.create(notify).addCheck("a", () -> true);
        assertThrows(IllegalArgumentException.class, () -> watchdog.addCheck("a", () -> true));
        assertThrows(IllegalArgumentException.class, () -> Watchdog.create(notify, Duration.ZERO));
    }

    private static boolean watchdogThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("atiot-watchdog") && t.isAlive());
    }
}
