package org.atiot.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootIdentityTest {
    @TempDir
    Path stateDir;

    /** Verifies that every start advances the persisted boot number and gets a new boot id. */
    @Test
    void bootNumberIsPersistedAndIncremented() throws Exception {
        BootIdentity first = BootIdentity.start(stateDir);
        BootIdentity second = BootIdentity.start(stateDir);
        BootIdentity third = BootIdentity.start(stateDir);

        assertEquals(1, first.bootNumber());
        assertEquals(2, second.bootNumber());
        assertEquals(3, third.bootNumber());
        assertNotEquals(first.bootId(), second.bootId());
        assertEquals("3\n", Files.readString(stateDir.resolve(BootIdentity.BOOT_COUNTER_FILE)));
        assertTrue(Files.notExists(stateDir.resolve(BootIdentity.BOOT_COUNTER_FILE + ".tmp")));
    }

    /** Verifies that a missing state directory is created. */
    @Test
    void createsStateDirectory() throws Exception {
        Path nested = stateDir.resolve("var/lib/atiot");
        assertEquals(1, BootIdentity.start(nested).bootNumber());
        assertTrue(Files.isRegularFile(nested.resolve(BootIdentity.BOOT_COUNTER_FILE)));
    }

    /** Verifies that a corrupt counter is refused with a message naming the file, and left as it was. */
    @Test
    void corruptCounterIsRefusedAndKept() throws Exception {
        Path counter = stateDir.resolve(BootIdentity.BOOT_COUNTER_FILE);
        Files.write(counter, new byte[] {'4', 0, (byte) 0xff, '2'});

        BootStateException e = assertThrows(BootStateException.class, () -> BootIdentity.start(stateDir));

        assertTrue(e.getMessage().contains(counter.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals(4, Files.readAllBytes(counter).length);
    }

    /** Verifies that a negative counter is treated as corrupt. */
    @Test
    void negativeCounterIsCorrupt() throws Exception {
        Files.writeString(stateDir.resolve(BootIdentity.BOOT_COUNTER_FILE), "-3\n", StandardCharsets.US_ASCII);
        assertThrows(BootStateException.class, () -> BootIdentity.start(stateDir));
    }

    /** Verifies that a stale temporary file from an interrupted write does not matter. */
    @Test
    void staleTemporaryFileIsIgnored() throws Exception {
        Files.writeString(stateDir.resolve(BootIdentity.BOOT_COUNTER_FILE), "41\n");
        Files.writeString(stateDir.resolve(BootIdentity.BOOT_COUNTER_FILE + ".tmp"), "9");
        assertEquals(42, BootIdentity.start(stateDir).bootNumber());
    }

    /** Verifies that an unwritable state location gives a typed error that says what to check. */
    @Test
    void unwritableStateDirectoryIsTypedError() throws Exception {
        Path file = stateDir.resolve("not-a-directory");
        Files.writeString(file, "x");
        BootStateException e = assertThrows(BootStateException.class, () -> BootIdentity.start(file));
        assertTrue(e.getMessage().contains("cannot"), e.getMessage());
    }

    /** Verifies that sequences start at 1 and stay unique under concurrent use. */
    @Test
    void sequencesAreUniqueAcrossThreads() throws Exception {
        BootIdentity boot = BootIdentity.ephemeral(1, System::nanoTime);
        assertEquals(1, boot.nextSequence());
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    seen.add(boot.nextSequence());
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4000, seen.size());
        assertEquals(4001, boot.lastSequence());
    }

    /** Verifies that monotonic time counts from the start of the boot on the given clock. */
    @Test
    void monotonicMillisCountFromStart() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        BootIdentity boot = BootIdentity.ephemeral(3, nanos::get);
        nanos.addAndGet(1_500_000_000L);
        assertEquals(1500, boot.monotonicMillis());
        assertEquals(0, boot.monotonicMillis(0)); // before the start is clamped, never negative
    }
}
