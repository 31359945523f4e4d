package org.atiot.cli;

/** Process exit codes, so scripts and systemd can tell failures apart. */
final class ExitCode {
    static final int OK = 0;
    /** The operation ran and failed (command rejected, peer error). */
    static final int FAILED = 1;
    /** Wrong arguments. */
    static final int USAGE = 2;
    /** The configuration file or key file is invalid. */
    static final int CONFIG = 3;
    /** Authentication to the atServer failed. */
    static final int AUTH = 4;
    /** No answer within the timeout. */
    static final int TIMEOUT = 5;
    /** The atServer or atDirectory could not be reached. */
    static final int UNREACHABLE = 6;
    /** Interrupted by a signal (128 + SIGINT). */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
