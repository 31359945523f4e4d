package org.atiot.platform.server;

import static org.atiot.platform.server.PlatformFixture.ALICE;
import static org.atiot.platform.server.PlatformFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What survives a restart, what a torn journal loses (only the tear), and connection limits. */
class DurabilityAndLimitsTest {
    @Test
    void acknowledgedDataSurvivesRestartAndATornTailIsDropped() throws Exception {
        try (PlatformFixture fx = new PlatformFixture()) {
            String commit;
            try (Wire w = fx.owner(ALICE)) {
                for (int i = 0; i < 50; i++) {
                    commit = w.send("update:k" + i + ".atiot@alice v" + i);
                    assertTrue(commit.startsWith("data:"), commit);
                }
                w.send("notify:id:kept-1:update:ttln:600000:@alice:n.atiot@alice:payload");
            }
            fx.platform.stopServer(ALICE);
            Path journal = fx.dir.resolve("servers/@alice/keys.journal");
            long intact = Files.size(journal);
            // a crash in the middle of a write leaves a partial line behind
            Files.write(journal, "0badc0de {\"op\":\"put\",\"k\":\"torn".getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.APPEND);
            fx.platform.restartServer(ALICE, b -> b);
            assertEquals(intact, Files.size(journal), "the torn tail is cut off at start");
            try (Wire w = fx.owner(ALICE)) {
                for (int i = 0; i < 50; i++) {
                    assertEquals("data:v" + i, w.send("llookup:k" + i + ".atiot@alice"));
                }
                assertEquals("data:delivered", w.send("notify:status:kept-1"));
                String next = w.send("update:after-restart@alice x");
                assertTrue(Long.parseLong(next.substring(5)) >= 50, "commit ids continue after restart: " + next);
                assertEquals("data:x", w.send("llookup:after-restart@alice"));
            }
        }
    }

    @Test
    void queuedNotificationsAreDeliveredAfterTheRecipientComesBack() throws Exception {
        try (PlatformFixture fx = new PlatformFixture()) {
            fx.platform.stopServer(BOB);
            try (Wire alice = fx.owner(ALICE)) {
                alice.send("notify:id:while-down:update:ttln:600000:@bob:outage.atiot@alice:v");
                AtServerConformanceTest.waitStatus(alice, "while-down", "errored");
                fx.platform.restartServer(BOB, b -> b);
                AtServerConformanceTest.waitStatus(alice, "while-down", "delivered");
            }
            try (Wire bob = fx.owner(BOB)) {
                assertTrue(bob.send("notify:list:outage").contains("\"id\":\"while-down\""));
            }
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedWithAt0012() throws Exception {
        try (PlatformFixture fx = new PlatformFixture()) {
            fx.platform.restartServer(ALICE, b -> b.maxConnections(3));
            List<Wire> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Wire w = fx.connect(ALICE);
                    assertEquals("data:ok", w.send("noop:0"));
                    open.add(w);
                }
                javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) fx.clientTls.getSocketFactory()
                        .createSocket("localhost", fx.platform.server(ALICE).port());
                s.setSoTimeout(5000);
                byte[] answer = s.getInputStream().readAllBytes();
                s.close();
                assertEquals("error:AT0012-Inbound connection limit exceeded\n",
                        new String(answer, StandardCharsets.UTF_8));
                open.remove(0).close();
                long deadline = System.currentTimeMillis() + 5000;
                while (true) { // the freed slot becomes usable once the server noticed the close
                    try (Wire again = fx.connect(ALICE)) {
                        assertEquals("data:ok", again.send("noop:0"));
                        break;
                    } catch (java.io.IOException refusedStill) {
                        if (System.currentTimeMillis() > deadline) {
                            throw refusedStill;
                        }
                        Thread.sleep(50);
                    }
                }
            } finally {
                for (Wire w : open) {
                    w.close();
                }
            }
        }
    }

    /** A client's catastrophic regex (found by fuzzing scan/monitor/notify:list) costs bounded work, not a thread. */
    @Test
    void catastrophicClientRegexIsAnsweredPromptly() throws Exception {
        try (PlatformFixture fx = new PlatformFixture(); Wire w = fx.owner(ALICE)) {
            String run = "a".repeat(40);
            assertTrue(w.send("update:" + run + ".x@alice v").startsWith("data:"));
            long start = System.nanoTime();
            assertEquals("data:[]", w.send("scan ^(a+)+$"), "no match within the budget");
            assertEquals("data:[\"" + run + ".x@alice\"]", w.send("scan ^a+\\.x@alice$"), "ordinary patterns match");
            assertTrue(w.send("notify:list:(a|aa)+b$").startsWith("data:"));
            String invalid = w.send("scan (");
            assertTrue(invalid.startsWith("error:") && invalid.contains("AT0003"), "a clear error: " + invalid);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "answered in " + millis + " ms");
        }
    }
}
