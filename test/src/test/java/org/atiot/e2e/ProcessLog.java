package org.atiot.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The output file of a child process (agent, platform) that a test waits on. */
final class ProcessLog {
    private ProcessLog() {
    }

    /** Waits until {@code log} contains {@code text}; false on timeout or when {@code process} ended without it. */
    static boolean await(Path log, Process process, String text, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            if (contains(log, text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return contains(log, text);
    }

    /** The last few thousand characters, for a failure message. */
    static String tail(Path log) throws Exception {
        String s = Files.exists(log) ? Files.readString(log) : "";
        return s.substring(Math.max(0, s.length() - 3_000));
    }

    private static boolean contains(Path log, String text) throws Exception {
        return Files.exists(log) && Files.readString(log).contains(text);
    }
}
