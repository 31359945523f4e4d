package org.atiot.core.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The client's reading of an atServer's answer (prompt already removed): {@code data:}, the three {@code error:}
 * forms, anything else. Only {@link AtProtocolException} (not an answer) and {@link AtServerErrorException} (an
 * error answer) may come out. Lives in the protocol package because the parser is internal to it.
 */
public class ResponseFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** One input; also the entry point of the standalone driver ({@code scripts/fuzz}). */
    public static void fuzzerTestOneInput(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Response r;
        try {
            r = Response.parse(text);
        } catch (AtProtocolException e) {
            return;
        }
        try {
            String data = r.dataOrThrow();
            if (data == null) {
                throw new IllegalStateException("a data answer without data: " + text);
            }
        } catch (AtServerErrorException e) {
            if (e.code() == null || !e.code().matches("AT\\d{4}") || e.getMessage() == null) {
                throw new IllegalStateException("an error answer without an AT code or message: " + text, e);
            }
        }
    }
}
