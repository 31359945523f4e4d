package org.atiot.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.atiot.core.AtSign;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.keys.KeyFileException;

/** A {@code .atKeys} file of any content: a key set or {@link KeyFileException}, nothing else. */
public class AtKeysFuzzTest {
    private static final AtSign OWNER = AtSign.of("@fuzz");

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** One input; also the entry point of the standalone driver ({@code scripts/fuzz}). */
    public static void fuzzerTestOneInput(byte[] input) {
        try {
            AtKeys keys = AtKeysFile.parse(new String(input, StandardCharsets.UTF_8), OWNER);
            if (keys.pkam() == null || keys.encryption() == null) {
                throw new IllegalStateException("a key set without its key pairs");
            }
        } catch (KeyFileException e) {
            // the documented outcome for a bad file
        }
    }
}
