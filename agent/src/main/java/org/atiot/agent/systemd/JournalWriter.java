package org.atiot.agent.systemd;

import java.io.PrintStream;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;
import org.tinylog.writers.AbstractFormatPatternWriter;

/**
 * A tinylog writer for standard error that suits both a terminal and the systemd journal.
 *
 * <p>When systemd connects standard error to the journal it sets {@code JOURNAL_STREAM}. Then every line starts
 * with its syslog priority ({@code <3>} error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug and trace)
 * so {@code journalctl -p} filters work, and the {@code journal-format} pattern is used, which should carry no
 * timestamp because the journal adds its own. Otherwise the {@code format} pattern is used unchanged.
 *
 * <p>Configure it with {@code writer = org.atiot.agent.systemd.JournalWriter}, {@code writer.format = ...} and
 * {@code writer.journal-format = ...}.
 */
public final class JournalWriter extends AbstractFormatPatternWriter {

    /** Pattern used under the journal when {@code journal-format} is not configured. */
    public static final String DEFAULT_JOURNAL_FORMAT = "{class-name}: {message}";

    private final boolean journal;
    private final PrintStream out;

    /** Called by tinylog with the writer's configuration. */
    public JournalWriter(Map<String, String> properties) {
        this(properties, isJournalStream(System.getenv("JOURNAL_STREAM")), System.err);
    }

    JournalWriter(Map<String, String> properties, boolean journal, PrintStream out) {
        super(effectiveProperties(properties, journal));
        this.journal = journal;
        this.out = out;
    }

    /** {@code JOURNAL_STREAM} holds {@code device:inode} of the journal stream; anything else is ignored. */
    static boolean isJournalStream(String value) {
        return value != null && value.matches("\\d+:\\d+");
    }

    private static Map<String, String> effectiveProperties(Map<String, String> properties, boolean journal) {
        if (!journal) {
            return properties;
        }
        Map<String, String> copy = new HashMap<>(properties);
        copy.put("format", properties.getOrDefault("journal-format", DEFAULT_JOURNAL_FORMAT));
        return copy;
    }

    /** The syslog priority the journal should record for a tinylog level. */
    public static int priorityOf(Level level) {
        switch (level) {
            case ERROR:
                return 3;
            case WARN:
                return 4;
            case INFO:
                return 6;
            default:
                return 7;
        }
    }

    /**
     * Puts {@code <priority>} in front of every line, so continuation lines such as stack trace frames keep the
     * entry's priority instead of falling back to info.
     */
    static String prefixLines(int priority, String text) {
        String prefix = "<" + priority + ">";
        StringBuilder out = new StringBuilder(text.length() + 16);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end + 1;
            out.append(prefix).append(text, start, stop);
            start = stop;
        }
        return out.toString();
    }

    @Override
    public Collection<LogEntryValue> getRequiredLogEntryValues() {
        Collection<LogEntryValue> values = EnumSet.of(LogEntryValue.LEVEL);
        values.addAll(super.getRequiredLogEntryValues());
        return values;
    }

    @Override
    public void write(LogEntry logEntry) {
        String text = render(logEntry);
        out.print(journal ? prefixLines(priorityOf(logEntry.getLevel()), text) : text);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        // standard error belongs to the process, not to this writer
        out.flush();
    }
}
