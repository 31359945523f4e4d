package org.atiot.cli;

import java.util.List;

/** One verb of the {@code atiot} command line. */
interface Command {
    /** The verb as typed: {@code run}, {@code watch}, ... */
    String name();

    /** One line for the verb list in {@code atiot --help}. */
    String summary();

    /** The full help text printed by {@code atiot <verb> --help}. */
    String usage();

    /**
     * Runs the verb; it parses {@code argv} with {@link Args#parse} and its own declared options.
     *
     * @return the process exit code (see {@link ExitCode})
     * @throws UsageException for arguments that do not fit the verb; the caller prints the usage
     */
    int run(List<String> argv, Console console) throws Exception;
}
