package org.atiot.platform.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Error answers stay one line whatever the command held (one read is one command, line breaks included). */
class ErrorLineTest {
    @Test
    void lineBreaksEchoedFromTheCommandDoNotSplitTheAnswer() {
        // Found by fuzzing: "lookup:all:@bob<...>zz\np:..." came back as a legacy error spanning two lines.
        ServerError notFound = ServerError.of("AT0015", "@bob.green\nzz does not exist in keystore");
        assertEquals("error:AT0015-key not found : @bob.green zz does not exist in keystore",
                ErrorLine.format(notFound, true, false));
        assertEquals("error:AT0015-Exception: @bob.green zz does not exist in keystore",
                ErrorLine.format(notFound, false, false));
        assertEquals("error:{\"errorCode\":\"AT0015\",\"errorDescription\":\"key not found : @bob.green zz does not"
                + " exist in keystore\"}", ErrorLine.format(notFound, true, true));
    }
}
