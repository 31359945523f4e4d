package org.atiot.core.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of a {@code notification:} line, which a hostile sender controls in part: only
 * {@link AtProtocolException} may come out, and a parsed notification has the fields the agent relies on.
 */
public class NotificationFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** One input; also the entry point of the standalone driver ({@code scripts/fuzz}). */
    public static void fuzzerTestOneInput(byte[] input) {
        Notification n;
        try {
            n = Notification.parse(new String(input, StandardCharsets.UTF_8));
        } catch (AtProtocolException e) {
            return;
        }
        if (n.id() == null || n.metadata() == null) {
            throw new IllegalStateException("parsed notification without id or metadata: " + n);
        }
    }
}
