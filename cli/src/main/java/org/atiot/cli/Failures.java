package org.atiot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import org.atiot.agent.config.ConfigException;
import org.atiot.core.keys.KeyFileException;
import org.atiot.core.protocol.AtServerErrorException;

/** Turns an exception into one line for a person and the matching exit code. */
final class Failures {
    private Failures() {
    }

    static int report(Exception e, Console console, boolean debug) {
        console.error(describe(e));
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            console.err().print(trace);
        }
        return exitCodeOf(e);
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "file not found: " + e.getMessage();
        }
        if (e instanceof ConnectException) {
            return "cannot connect: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof SocketTimeoutException) {
            return ExitCode.TIMEOUT;
        }
        if (e instanceof ConnectException) {
            return ExitCode.UNREACHABLE;
        }
        if (e instanceof KeyFileException || e instanceof ConfigException) {
            return ExitCode.CONFIG;
        }
        if (e instanceof AtServerErrorException.AtAuthenticationException) {
            return ExitCode.AUTH;
        }
        if (e instanceof AtServerErrorException.AtServerNotFoundException) {
            return ExitCode.UNREACHABLE;
        }
        return ExitCode.FAILED;
    }
}
