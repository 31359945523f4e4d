package org.atiot.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process in the middle of appending and acknowledging. */
class QueueCrashTest {
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    /** What the child reported before it died. */
    private long durable;
    private long acked;
    private long acking;

    /**
     * Verifies that after SIGKILL at random moments the queue holds every entry the child reported durable,
     * except those it acknowledged, with payloads intact and no gap; and that sequences continue on reopen.
     */
    @Test
    void sigkillLosesNothingReportedDurable() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < ROUNDS; round++) {
            Process child = startChild(random.nextLong());
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                String first = out.readLine();
                assertTrue(first != null && first.startsWith("open "), () -> "child did not start" + stderr(child));
                long newestOnOpen = Long.parseLong(first.substring(5));
                assertTrue(newestOnOpen >= durable, "child reopened below what was durable");
                // Kill at a random moment: after a random number of reports, while the child keeps working.
                int reportsBeforeKill = 5 + random.nextInt(300);
                for (int n = 0; n < reportsBeforeKill; n++) {
                    String line = out.readLine();
                    if (line == null) {
                        throw new AssertionError("child ended early" + stderr(child));
                    }
                    record(line);
                }
                // SIGKILL through the handle: unlike Process.destroyForcibly it leaves our end of stdout open.
                child.toHandle().destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
                // Whatever it printed before dying is a fact too.
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    record(line);
                }
            }
            assertQueueHoldsWhatWasReported();
        }
    }

    private void record(String line) {
        long seq = Long.parseLong(line.substring(line.indexOf(' ') + 1));
        if (line.startsWith("durable ")) {
            durable = seq;
        } else if (line.startsWith("acking ")) {
            acking = seq;
        } else if (line.startsWith("acked ")) {
            acked = seq;
        }
    }

    private void assertQueueHoldsWhatWasReported() throws IOException {
        List<QueueEntry> entries = Payloads.readAll(dir);
        String state = "durable=" + durable + " acking=" + acking + " acked=" + acked;
        if (entries.isEmpty()) {
            assertTrue(acking >= durable, "queue empty but " + state);
            return;
        }
        long first = entries.get(0).sequence();
        assertTrue(first > acked, "durably acknowledged entry " + first + " came back; " + state);
        assertTrue(first <= acking + 1, "entry " + (acking + 1) + " lost; " + state);
        long expected = first;
        for (QueueEntry e : entries) {
            assertEquals(expected++, e.sequence(), "gap; " + state);
            assertArrayEquals(Payloads.of(e.sequence()), e.payload());
        }
        assertTrue(expected - 1 >= durable, "queue ends at " + (expected - 1) + "; " + state);
    }

    private Process startChild(long seed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                QueueCrashChild.class.getName(), dir.toString(), Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static String stderr(Process child) {
        child.destroyForcibly();
        return " (exit " + child.exitValue() + ")";
    }
}
