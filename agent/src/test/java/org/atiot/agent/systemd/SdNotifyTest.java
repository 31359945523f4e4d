package org.atiot.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdNotifyTest {

    private static final long PID = 4242;

    @TempDir
    Path dir;

    private static Map<String, String> env(String socket, String... more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NOTIFY_SOCKET", socket);
        env.put("PATH", System.getenv("PATH"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void withoutNotifySocketEverythingIsANoOp() throws Exception {
        SdNotify notify = SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000"), PID);
        assertFalse(notify.isEnabled());
        assertFalse(notify.ready("online"));
        assertFalse(notify.watchdog());
        assertEquals(Optional.empty(), notify.watchdogInterval());
        notify.send(Map.of("READY", "1"));
    }

    @Test
    void rejectsASocketThatIsNeitherPathNorAbstract() {
        assertFalse(SdNotify.fromEnvironment(env("run/notify"), PID).isEnabled());
    }

    @Test
    void watchdogIntervalIsHalfOfWatchdogUsecForOurPidOnly() {
        SdNotify ours = SdNotify.fromEnvironment(env("/run/x", "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "4242"),
                PID);
        assertTrue(ours.isEnabled());
        assertEquals(Optional.of(Duration.ofSeconds(30)), ours.watchdogTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(15)), ours.watchdogInterval());

        SdNotify inherited = SdNotify.fromEnvironment(env("/run/x", "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"),
                PID);
        assertEquals(Optional.empty(), inherited.watchdogInterval());

        SdNotify malformed = SdNotify.fromEnvironment(env("/run/x", "WATCHDOG_USEC", "30s"), PID);
        assertEquals(Optional.empty(), malformed.watchdogInterval());
        assertEquals(Optional.empty(), SdNotify.fromEnvironment(env("/run/x"), PID).watchdogInterval());
    }

    @Test
    void messagesReachARealDatagramSocketByteForByte() throws Exception {
        try (NotifySocketListener listener = NotifySocketListener.bind(dir, dir.resolve("notify").toString())) {
            SdNotify notify = SdNotify.fromEnvironment(env(listener.address()), PID);

            assertTrue(notify.ready("online as @pi01, queue 0"));
            assertEquals("READY=1\nSTATUS=online as @pi01, queue 0", listener.nextMessage());

            assertTrue(notify.watchdog());
            assertEquals("WATCHDOG=1", listener.nextMessage());

            assertTrue(notify.status("offline\nREADY=1 \u00e9t\u00e9"));
            assertEquals("STATUS=offline READY=1 \u00e9t\u00e9", listener.nextMessage(),
                    "a newline in the status must not smuggle in another assignment");

            assertTrue(notify.stopping());
            assertEquals("STOPPING=1", listener.nextMessage());

            Map<String, String> custom = new LinkedHashMap<>();
            custom.put("RELOADING", "1");
            custom.put("STATUS", "reloading config");
            notify.send(custom);
            assertEquals("RELOADING=1\nSTATUS=reloading config", listener.nextMessage());
        }
    }

    @Test
    void abstractSocketNamesWork() throws Exception {
        String name = "@atiot-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NotifySocketListener listener = NotifySocketListener.bind(dir, name)) {
            assertTrue(SdNotify.fromEnvironment(env(name), PID).watchdog());
            assertEquals("WATCHDOG=1", listener.nextMessage());
        }
    }

    @Test
    void longStatusIsCut() throws Exception {
        try (NotifySocketListener listener = NotifySocketListener.bind(dir, dir.resolve("notify").toString())) {
            assertTrue(SdNotify.fromEnvironment(env(listener.address()), PID).status("x".repeat(5000)));
            String message = listener.nextMessage();
            assertEquals("STATUS=".length() + SdNotify.MAX_STATUS_LENGTH, message.length());
            assertTrue(message.endsWith("\u2026"));
        }
    }

    @Test
    void undeliverableMessagesFailClearlyButQuietlyForConvenienceCalls() {
        SdNotify notify = SdNotify.fromEnvironment(env(dir.resolve("nobody-listens").toString()), PID);
        assertTrue(notify.isEnabled());
        assertFalse(notify.ready("online"));
        SdNotifyException e = assertThrows(SdNotifyException.class, () -> notify.send(Map.of("READY", "1")));
        assertTrue(e.getMessage().contains("nobody-listens"), e.getMessage());
    }

    @Test
    void rejectsAssignmentsThatCannotBeEncoded() {
        SdNotify notify = SdNotify.fromEnvironment(env(dir.resolve("n").toString()), PID);
        assertThrows(IllegalArgumentException.class, () -> notify.send(Map.of("ready", "1")));
        assertThrows(IllegalArgumentException.class, () -> notify.send(Map.of("STATUS", "a\nREADY=1")));
    }
}
