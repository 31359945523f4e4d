package org.atiot.cli;

import java.io.PrintStream;

/** Where a verb writes: results to {@code out}, diagnostics to {@code err}. Tests pass their own streams. */
final class Console {
    private final PrintStream out;
    private final PrintStream err;

    Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Console system() {
        return new Console(System.out, System.err);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** A one-line error for a person: {@code atiot: <message>}. */
    void error(String message) {
        err.println("atiot: " + message);
    }
}
