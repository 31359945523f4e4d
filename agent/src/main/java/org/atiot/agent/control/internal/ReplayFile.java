package org.atiot.agent.control.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The replay window's file: UTF-8 text, one record per line, each ending in the CRC32C (8 hex digits) of the
 * text before its last space.
 *
 * <pre>
 * atiot-replay-window 1                   header: format name and version
 * S &lt;expires-epoch-ms&gt; &lt;key&gt; &lt;crc&gt;     a command key seen, remembered until it expires
 * B &lt;until-epoch-ms&gt; &lt;crc&gt;              barrier: keys expiring up to then may have been lost; refuse them
 * </pre>
 *
 * <p>Records are appended and forced one at a time; the file is rewritten compactly (temporary file, force,
 * atomic rename) on open and when expired records pile up.
 */
public final class ReplayFile {
    static final String HEADER = "atiot-replay-window 1";

    private ReplayFile() {
    }

    /** What {@link #read(Path, long)} found. */
    public static final class Contents {
        public final Map<String, Long> entries = new HashMap<>();
        public long barrier;
        /** Why the file cannot be fully trusted, or {@code null}; a torn last line alone is not a problem. */
        public String problem;
        /** Whether the last line was torn by an interrupted append (and ignored). */
        public boolean tornTail;
    }

    /** Reads the records still valid at {@code now}; never throws on bad content, only on I/O. */
    public static Contents read(Path file, long now) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        Contents c = new Contents();
        int lineNo = 0;
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            lineNo++;
            if (end < 0) {
                // The last append was cut short: it was never confirmed, so nothing is lost. If only the
                // newline is missing the record is whole, and kept to be safe.
                c.tornTail = true;
                if (lineNo > 1) {
                    parseRecord(text.substring(pos), now, c);
                }
                break;
            }
            String line = text.substring(pos, end);
            pos = end + 1;
            if (lineNo == 1) {
                if (!line.equals(HEADER)) {
                    c.problem = "line 1 is not the header \"" + HEADER + "\"";
                    return c;
                }
                continue;
            }
            String problem = parseRecord(line, now, c);
            if (problem != null) {
                c.problem = "line " + lineNo + ": " + problem;
                return c;
            }
        }
        if (lineNo == 0 || (lineNo == 1 && c.tornTail)) {
            c.problem = "the file is empty or has no header";
        }
        return c;
    }

    private static String parseRecord(String line, long now, Contents c) {
        int lastSpace = line.lastIndexOf(' ');
        if (lastSpace < 0 || !crc(line.substring(0, lastSpace)).equals(line.substring(lastSpace + 1))) {
            return "checksum mismatch";
        }
        String[] parts = line.substring(0, lastSpace).split(" ");
        try {
            if (parts.length == 3 && parts[0].equals("S")) {
                long expires = Long.parseLong(parts[1]);
                if (expires > now) {
                    c.entries.put(parts[2], expires);
                }
                return null;
            }
            if (parts.length == 2 && parts[0].equals("B")) {
                c.barrier = Math.max(c.barrier, Long.parseLong(parts[1]));
                return null;
            }
        } catch (NumberFormatException e) {
            return "bad number";
        }
        return "unknown record";
    }

    public static String seenRecord(String key, long expiresMillis) {
        return withCrc("S " + expiresMillis + " " + key);
    }

    private static String barrierRecord(long until) {
        return withCrc("B " + until);
    }

    private static String withCrc(String body) {
        return body + " " + crc(body) + "\n";
    }

    private static String crc(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /** Replaces the file atomically with the given state. */
    public static void rewrite(Path file, Map<String, Long> entries, long barrier, long now) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        if (barrier > now) {
            sb.append(barrierRecord(barrier));
        }
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            sb.append(seenRecord(e.getKey(), e.getValue()));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(ch, sb.toString());
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    public static void write(FileChannel ch, String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not possible on every platform; the rename itself is still atomic.
        }
    }
}
