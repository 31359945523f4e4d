package org.atiot.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.atiot.agent.telemetry.TelemetryBatch;
import org.atiot.agent.telemetry.TelemetryDecoder;
import org.atiot.agent.telemetry.TelemetryFormatException;

/**
 * A decrypted telemetry batch as the operator receives it, from a device that may be compromised: a batch or
 * {@link TelemetryFormatException}; what decodes survives encoding and decoding again unchanged.
 */
public class TelemetryFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) throws TelemetryFormatException {
        fuzzerTestOneInput(input);
    }

    /** One input; also the entry point of the standalone driver ({@code scripts/fuzz}). */
    public static void fuzzerTestOneInput(byte[] input) throws TelemetryFormatException {
        TelemetryBatch batch;
        try {
            batch = TelemetryDecoder.decode(new String(input, StandardCharsets.UTF_8));
        } catch (TelemetryFormatException e) {
            return;
        }
        String json = batch.toJson();
        if (!TelemetryDecoder.decode(json).toJson().equals(json)) {
            throw new IllegalStateException("a batch changes when encoded and decoded again: " + json);
        }
    }
}
