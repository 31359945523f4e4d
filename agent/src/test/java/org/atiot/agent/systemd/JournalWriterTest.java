package org.atiot.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;
import org.tinylog.runtime.RuntimeProvider;

class JournalWriterTest {

    private static LogEntry entry(Level level, String message, Throwable exception) {
        return new LogEntry(RuntimeProvider.createTimestamp(), Thread.currentThread(), Map.of(),
                "org.atiot.agent.Sender", "send", "Sender.java", 42, null, level, message, exception);
    }

    private static String written(boolean journal, LogEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JournalWriter writer = new JournalWriter(Map.of(
                "format", "{date:yyyy} {level} {class-name}: {message}",
                "journal-format", "{class-name}: {message}"),
                journal, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        writer.write(entry);
        writer.flush();
        writer.close();
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void levelsMapToSyslogPriorities() {
        assertEquals(3, JournalWriter.priorityOf(Level.ERROR));
        assertEquals(4, JournalWriter.priorityOf(Level.WARN));
        assertEquals(6, JournalWriter.priorityOf(Level.INFO));
        assertEquals(7, JournalWriter.priorityOf(Level.DEBUG));
        assertEquals(7, JournalWriter.priorityOf(Level.TRACE));
    }

    @Test
    void underTheJournalLinesCarryPriorityAndNoTimestamp() {
        assertEquals("<4>Sender: queue is 90% full\n", written(true, entry(Level.WARN, "queue is 90% full", null)));
    }

    @Test
    void everyLineOfAStackTraceKeepsThePriority() {
        String text = written(true, entry(Level.ERROR, "send failed", new IllegalStateException("boom")));
        String[] lines = text.split("\n");
        assertTrue(lines.length > 2, text);
        for (String line : lines) {
            assertTrue(line.startsWith("<3>"), "line without priority: " + line);
        }
    }

    @Test
    void onATerminalTheHumanFormatIsUsed() {
        String text = written(false, entry(Level.INFO, "online", null));
        assertTrue(text.matches("\\d{4} INFO Sender: online\n"), text);
    }

    @Test
    void onlyAWellFormedJournalStreamCounts() {
        assertTrue(JournalWriter.isJournalStream("8:12345"));
        assertFalse(JournalWriter.isJournalStream(null));
        assertFalse(JournalWriter.isJournalStream(""));
        assertFalse(JournalWriter.isJournalStream("yes"));
    }

    @Test
    void prefixesEachLine() {
        assertEquals("<6>a\n<6>b\n", JournalWriter.prefixLines(6, "a\nb\n"));
        assertEquals("<6>a\n<6>b", JournalWriter.prefixLines(6, "a\nb"));
        assertEquals("", JournalWriter.prefixLines(6, ""));
    }
}
