package org.atiot.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code atiot} command: {@code atiot <verb> [options]}.
 *
 * <p>Users see one line per error and an exit code; a stack trace only with {@code --debug}.
 */
public final class Main {
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Console console;

    Main(Console console, List<Command> verbs) {
        this.console = console;
        for (Command c : verbs) {
            commands.put(c.name(), c);
        }
    }

    /** Verbs that run services and report through the log; the others talk to a person and log warnings only. */
    private static final java.util.Set<String> SERVICE_VERBS = java.util.Set.of("run", "platform", "demo");

    public static void main(String[] argv) {
        if (argv.length > 0 && !SERVICE_VERBS.contains(argv[0]) && System.getProperty("tinylog.writer.level") == null) {
            System.setProperty("tinylog.writer.level", "warn"); // before the first log call configures tinylog
        }
        int code = new Main(Console.system(), Verbs.all()).execute(Arrays.asList(argv));
        System.exit(code);
    }

    int execute(List<String> argv) {
        boolean debug = argv.contains("--debug");
        List<String> words = argv.stream().filter(a -> !a.equals("--debug")).collect(Collectors.toList());
        if (words.isEmpty() || words.get(0).equals("--help") || words.get(0).equals("-h") || words.get(0).equals("help")) {
            printOverview();
            return words.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        if (words.get(0).equals("--version") || words.get(0).equals("version")) {
            console.out().println("atiot " + Version.current());
            return ExitCode.OK;
        }
        Command command = commands.get(words.get(0));
        if (command == null) {
            console.error("unknown verb '" + words.get(0) + "'; run 'atiot --help' for the list");
            return ExitCode.USAGE;
        }
        List<String> rest = words.subList(1, words.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            console.out().println(command.usage());
            return ExitCode.OK;
        }
        try {
            return command.run(rest, console);
        } catch (UsageException e) {
            console.error(e.getMessage());
            console.err().println();
            console.err().println(command.usage());
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED;
        } catch (Exception e) {
            return Failures.report(e, console, debug);
        }
    }

    private void printOverview() {
        StringBuilder sb = new StringBuilder();
        sb.append("atiot ").append(Version.current())
          .append(" - end-to-end encrypted sensor and actuator agent for the atPlatform\n\n")
          .append("usage: atiot <verb> [options]     (atiot <verb> --help for details)\n\nverbs:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        sb.append("\nglobal options:\n  --version  print the version\n  --debug    show stack traces on errors\n");
        console.out().print(sb);
    }
}
