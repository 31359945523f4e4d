package org.atiot.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.atiot.agent.commands.CommandAck;
import org.atiot.agent.commands.CommandFormatException;
import org.atiot.agent.commands.CommandRequest;

/**
 * A decrypted command (device side) or acknowledgement (operator side) of any content: a value or
 * {@link CommandFormatException}; what parses survives writing and parsing again unchanged.
 */
public class CommandFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) throws CommandFormatException {
        fuzzerTestOneInput(input);
    }

    /** One input; also the entry point of the standalone driver ({@code scripts/fuzz}). */
    public static void fuzzerTestOneInput(byte[] input) throws CommandFormatException {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            CommandRequest request = CommandRequest.parse(text);
            String json = request.toJson();
            if (!CommandRequest.parse(json).toJson().equals(json)) {
                throw new IllegalStateException("a command changes when written and read again: " + json);
            }
        } catch (CommandFormatException e) {
            // the documented outcome for a bad command
        }
        try {
            CommandAck ack = CommandAck.parse(text);
            String json = ack.toJson();
            if (!CommandAck.parse(json).toJson().equals(json)) {
                throw new IllegalStateException("an acknowledgement changes when written and read again: " + json);
            }
        } catch (CommandFormatException e) {
            // the documented outcome for a bad acknowledgement
        }
    }
}
